"""What a product page shows, fetched in a constant number of queries and without writes.

``product_page_context(page, request)`` loads the Oscar product (class, stock, variants),
the gallery with its renditions, the specification rows and the experience blocks in a
fixed number of queries whatever the gallery, specification or experience size. The request
only reads: renditions and video embeds are made when the page is published
(``prepare_page``, called from the publish hooks and the demo loader). A rendition that is
missing all the same is replaced by the original file, a video embed that is missing by a
plain link, rather than writing (or fetching from the web) inside the shopper's request.
An image whose licence has run out is shown as a placeholder of the same size
(``cms.image_placeholders``): ``picture`` decides it for every product image on the site.

``cms.models`` imports this module (ProductPage.get_context), so the models it reads (Oscar's
and cms's own) are looked up when a function runs, not when the module is imported.
"""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from wagtail.embeds import embeds
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from cms.image_placeholders import on_display, placeholder_size, placeholder_url

# Rendition specs: the main image, the smaller gallery images and basket/checkout thumbnails.
MAIN_SPEC = "max-800x600"
THUMB_SPEC = "fill-200x150"
RENDITION_SPECS = (MAIN_SPEC, THUMB_SPEC)


@dataclass
class Picture:
    url: str
    width: int | None
    height: int | None
    placeholder: bool = False  # the licence ran out: a neutral stand-in of the same size


@dataclass
class GalleryItem:
    image: object
    caption: str
    main: Picture
    thumb: Picture

    @property
    def alt(self):
        return self.caption or self.image.title


def picture(image, spec: str) -> Picture:
    """The prefetched rendition for ``spec``, or the original file (never writes); the
    placeholder, in the rendition's size, once the image's licence has run out."""
    if not on_display(image):
        width, height = placeholder_size(image, spec)
        return Picture(placeholder_url(), width, height, placeholder=True)
    filter_ = Filter(spec=spec)
    rendition = image.find_existing_renditions(filter_).get(filter_)
    if rendition is not None:
        return Picture(rendition.url, rendition.width, rendition.height)
    return Picture(image.file.url, image.width, image.height)


def images_with_renditions():
    return get_image_model().objects.prefetch_renditions(*RENDITION_SPECS)


def renditions_prefetch(lookup: str) -> Prefetch:
    """The renditions of RENDITION_SPECS where Wagtail's find_existing_renditions looks for them."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=RENDITION_SPECS)
    return Prefetch(lookup, queryset=renditions, to_attr="prefetched_renditions")


def gallery(page) -> list[GalleryItem]:
    """The page's gallery in order, the first item being the main image: 2 queries."""
    items = page.gallery_images.all()
    if hasattr(items, "prefetch_related"):  # a preview holds the gallery in memory
        items = items.select_related("image").prefetch_related(renditions_prefetch("image__renditions"))
    return [
        GalleryItem(item.image, item.caption, picture(item.image, MAIN_SPEC), picture(item.image, THUMB_SPEC))
        for item in items
    ]


def product_for_page(page):
    """The page's Oscar product with its class and stock: 2 queries.

    A parent's variants are read by Oscar's strategy and the variant selector through
    ``children.public()`` (a query of their own); that grows with the number of variants,
    never with the page's gallery or texts.
    """
    Product = get_model("catalogue", "Product")
    products = Product.objects.select_related("product_class").prefetch_related("stockrecords")
    return products.get(pk=page.product_id)


def specifications(page) -> list[tuple[str, str]]:
    return [(block.value["label"], block.value["value"]) for block in page.specifications]


def experience(page) -> list[dict]:
    """Video embeds (from the embed cache, one query for all) and usage tips."""
    blocks = list(page.experience)
    urls = [block.value.url for block in blocks if block.block_type == "video" and block.value]
    cached = {}
    if urls:
        hashes = {embeds.get_embed_hash(url): url for url in urls}
        for embed in Embed.objects.exclude(cache_until__lte=timezone.now()).filter(hash__in=hashes):
            cached[hashes[embed.hash]] = embed
    items = []
    for block in blocks:
        if block.block_type == "video":
            if not block.value:
                continue
            embed = cached.get(block.value.url)
            items.append(
                {
                    "type": "video",
                    "url": block.value.url,
                    "html": embed.html if embed else "",
                    "title": embed.title if embed else "",
                }
            )
        else:
            items.append({"type": block.block_type, "value": block.value})
    return items


def product_page_context(page, request) -> dict:
    """Everything templates/cms/product_page.html needs."""
    product = product_for_page(page)
    # The page instance we render is the product's page: no query for product.page.
    product.page = page
    ProductAlert = get_model("customer", "ProductAlert")
    ProductAlertForm = get_class("customer.forms", "ProductAlertForm")
    user = getattr(request, "user", None)
    has_active_alert = bool(
        user
        and user.is_authenticated
        and ProductAlert.objects.filter(product=product, user=user, status=ProductAlert.ACTIVE).exists()
    )
    items = gallery(page)
    return {
        "product": product,
        "gallery": items,
        "main_image": items[0] if items else None,
        "specifications": specifications(page),
        "experience": experience(page),
        "alert_form": ProductAlertForm(user=user, product=product),
        "has_active_alert": has_active_alert,
    }


# --- outside the request: make what the page shows --------------------------------------


def prepare_page(page) -> int:
    """Make the renditions and fetch the video embeds a product page shows; return how many were made.

    Runs when the page is published (admin hooks) and in the demo loader, never in a
    shopper's request.
    """
    made = 0
    filters = [Filter(spec=spec) for spec in RENDITION_SPECS]
    # What the database holds decides, not Wagtail's rendition cache: the page reads the database.
    items = page.gallery_images.select_related("image")
    for item in items.prefetch_related(renditions_prefetch("image__renditions")):
        missing = [f for f in filters if f not in item.image.find_existing_renditions(*filters)]
        if missing:
            item.image.create_renditions(*missing)
            made += len(missing)
    for block in page.experience:
        if block.block_type == "video" and block.value:
            try:
                embeds.get_embed(block.value.url)
            except embeds.EmbedException:
                continue  # the page shows a link instead
            made += 1
    return made


# --- thumbnails elsewhere (basket, checkout, e-mails): the product page's main image ------


def attach_pages(products) -> None:
    """Load the product pages (and their parents' pages) of ``products`` in bulk.

    After this, ``product.get_absolute_url()`` and ``main_image_of(product)`` cost no queries.
    """
    products = [product for product in products if product is not None]
    if not products:
        return
    prefetch_related_objects(products, "parent")
    everyone = products + [product.parent for product in products if product.parent_id]
    gallery_images = (
        get_model("cms", "ProductPageImage")
        .objects.order_by("sort_order")
        .prefetch_related(Prefetch("image", queryset=images_with_renditions()))
    )
    prefetch_related_objects(everyone, "page", Prefetch("page__gallery_images", queryset=gallery_images))


def main_image_of(product, spec: str = THUMB_SPEC) -> Picture | None:
    """The ``spec`` picture (default: the thumbnail) of a product's page main image (a variant:
    its parent's page), or None."""
    if product is None:
        return None
    owner = product.parent if product.is_child else product
    try:
        page = owner.page
    except ObjectDoesNotExist:
        return None
    if not page.live:
        return None
    first = next(iter(page.gallery_images.all()), None)
    if first is None:
        return None
    return picture(first.image, spec)


# --- the product index ("/producten/") ------------------------------------------------------


def gallery_prefetch(lookup: str = "page__gallery_images") -> Prefetch:
    """The gallery (images and their renditions) of the pages at ``lookup``: 2 queries, whatever
    the number of pages. For lists of products: ``gallery_prefetch()``; of pages:
    ``gallery_prefetch("gallery_images")``."""
    gallery_images = (
        get_model("cms", "ProductPageImage")
        .objects.order_by("sort_order")
        .select_related("image")
        .prefetch_related(renditions_prefetch("image__renditions"))
    )
    return Prefetch(lookup, queryset=gallery_images)


def index_entries(index_page) -> list:
    """The live product pages below ``index_page`` with their products (class, stock) and
    main image thumbnails: 4 queries whatever the number of pages."""
    ProductPage = get_model("cms", "ProductPage")
    pages = list(
        ProductPage.objects.child_of(index_page)
        .live()
        .public()
        .select_related("product__product_class")
        .prefetch_related("product__stockrecords", gallery_prefetch("gallery_images"))
        .order_by("title")
    )
    for page in pages:
        first = next(iter(page.gallery_images.all()), None)
        page.thumbnail = picture(first.image, THUMB_SPEC) if first else None
    return pages
