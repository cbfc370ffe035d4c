"""Product pages for tests: library images, a product index and a page with gallery, texts and
renditions made as publishing makes them."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.models import Site

from cms.models import LicenceType, LicensedImage, ProductIndexPage, ProductPage, ProductPageImage
from cms.product_pages import prepare_page


def png(colour=(200, 80, 40)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 480), colour).save(buffer, "PNG")
    return buffer.getvalue()


def library_image(n=0):
    return LicensedImage.objects.create(
        title=f"Foto {n}",
        licence_type=LicenceType.OWN_WORK,
        creator="Winkelier",
        file=ImageFile(io.BytesIO(png((n * 30 % 255, 80, 40))), name=f"foto-{n}.png"),
    )


def product_index():
    """The shop's product index ("/producten/") below the home page."""
    home = Site.objects.get(is_default_site=True).root_page
    page = ProductIndexPage(title="Producten", slug="producten", show_in_menus=True)
    home.add_child(instance=page)
    return page


def make_page(index, product, images=1, specs=3, intro="Klinkt als een concertzaal.", tips=1):
    page = ProductPage(
        title=f"{product.title} – onze keuze",
        slug=product.slug,
        product=product,
        intro=intro,
        description="<p>Onze eigen tekst over dit product.</p>",
        specifications=[
            {"type": "specification", "value": {"label": f"Eigenschap {n}", "value": f"Waarde {n}"}}
            for n in range(specs)
        ],
        experience=[
            {"type": "usage_tip", "value": {"heading": f"Tip {n}", "text": f"<p>Doe het zo ({n}).</p>"}}
            for n in range(tips)
        ],
    )
    for n in range(images):
        page.gallery_images.add(ProductPageImage(image=library_image(n), caption=f"Beeld {n}"))
    index.add_child(instance=page)
    prepare_page(page)
    return page
