"""The shop's own product pages for the demo: "Producten" under home and one live page per
standalone or parent product (S2), with the product's own text, a few specifications, usage
tips for some (demo/usage_tips.py) and its demo image in the Wagtail image library as the shop's
own work (S6).

Products that already have a page are left alone, so a second run creates nothing and an
editor's changes survive.
"""

import io
import os
import re
from pathlib import PurePosixPath

from django.core.files.images import ImageFile
from oscar.core.loading import get_model

from cms.models import LicenceType, LicensedImage, ProductIndexPage, ProductPage, ProductPageImage
from cms.product_pages import prepare_page
from demo.catalogue import PARTNER_NAME
from demo.usage_tips import experience_of

Product = get_model("catalogue", "Product")

INDEX_SLUG = "producten"
INDEX_TITLE = "Producten"
INDEX_INTRO = "<p>Alles wat we verkopen, met onze eigen uitleg erbij.</p>"
IMAGE_CREATOR = "Winkelier"


def first_sentence(html: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return (match.group(1) if match else text)[:300]


def ensure_index(site) -> tuple[ProductIndexPage, int]:
    home = site.root_page
    existing = ProductIndexPage.objects.child_of(home).filter(slug=INDEX_SLUG).first()
    if existing:
        return existing, 0
    index = ProductIndexPage(
        title=INDEX_TITLE,
        slug=INDEX_SLUG,
        intro=INDEX_INTRO,
        show_in_menus=True,
        search_description="Alle producten van Winkelier, elk met onze eigen beschrijving.",
    )
    home.add_child(instance=index)
    return index, 1


def variant_names(titles: list[str]) -> str:
    """The variants by what sets them apart, e.g. "zwart · bruin" for "Leren riem, zwart" and
    "Leren riem, bruin": the titles hold commas themselves, so joined whole they ran together."""
    shared = os.path.commonprefix(titles) if len(titles) > 1 else ""
    cut = shared.rfind(", ") + 2 if ", " in shared else 0
    return " · ".join(title[cut:] or title for title in titles)


def specifications_of(product) -> list[dict]:
    rows = [("Productsoort", product.product_class.name)]
    category = next(iter(product.categories.all()), None)
    if category is not None:
        rows.append(("Categorie", category.name))
    if product.is_parent:
        rows.append(("Varianten", variant_names([child.title for child in product.children.all()])))
    else:
        record = next(
            (record for record in product.stockrecords.all() if record.partner.name == PARTNER_NAME), None
        )
        if record is not None:
            rows.append(("Artikelnummer", record.partner_sku))
    return [{"type": "specification", "value": {"label": label, "value": value}} for label, value in rows]


def import_image(product) -> LicensedImage | None:
    """The product's demo tile as the shop's own work in the Wagtail image library."""
    original = next(iter(product.images.all()), None)
    if original is None or not original.original:
        return None
    with original.original.open("rb") as source:
        content = io.BytesIO(source.read())
    return LicensedImage.objects.create(
        title=product.title,
        licence_type=LicenceType.OWN_WORK,
        creator=IMAGE_CREATOR,
        credit_line=f"© {IMAGE_CREATOR}",
        file=ImageFile(content, name=PurePosixPath(original.original.name).name),
    )


def load_product_pages(site, progress) -> dict[str, int]:
    index, created_index = ensure_index(site)
    products = list(
        Product.objects.filter(parent__isnull=True, page__isnull=True)
        .select_related("product_class")
        .prefetch_related("categories", "children", "stockrecords__partner", "images")
        .order_by("pk")
    )
    created = {"product pages": 0, "product index pages": created_index, "library images": 0}
    for done, product in enumerate(products, start=1):
        page = ProductPage(
            title=product.title,
            slug=product.slug,
            product=product,
            intro=first_sentence(product.description),
            description=product.description,
            specifications=specifications_of(product),
            experience=experience_of(product),
            search_description=first_sentence(product.description)[:160],
        )
        image = import_image(product)
        if image is not None:
            page.gallery_images.add(ProductPageImage(image=image, caption=product.title))
            created["library images"] += 1
        index.add_child(instance=page)
        prepare_page(page)
        created["product pages"] += 1
        progress.count(done, len(products), "product pages")
    return created
