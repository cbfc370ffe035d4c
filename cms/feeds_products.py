"""/feeds/products.xml: the Google Merchant product feed (domain.md S8).

RSS 2.0 with the ``g:`` namespace, one item per live product page (one per public variant,
sharing ``g:item_group_id``, for a parent product). Price and availability come from the same
Oscar strategy the product page uses, so feed and page agree. The queries are a fixed number
whatever the size of the catalogue: pages, products, stock records, variants, gallery images
and attribute values are each fetched once.
"""

from io import StringIO

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.feedgenerator import rfc2822_date
from django.utils.timezone import now
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.decorators.http import require_GET
from oscar.core.loading import get_class, get_model

from cms.image_placeholders import shown
from cms.models import ProductPage, ProductPageImage
from cms.seo.offers import is_valid_ean13, money, product_brand, product_offers, sku_of
from cms.seo.site_urls import absolute, site_root_url
from cms.seo.text import plain_text, shop_description
from home.models import ShopSettings

GOOGLE_NS = "http://base.google.com/ns/1.0"
DESCRIPTION_MAX = 5000


def feed_pages():
    Product = get_model("catalogue", "Product")
    variants = (
        Product.objects.filter(is_public=True)
        .order_by("pk")
        .prefetch_related("stockrecords", "attribute_values__attribute")
    )
    return (
        ProductPage.objects.live()
        .public()
        .filter(product__is_public=True)
        .select_related("product", "product__product_class")
        .prefetch_related(
            Prefetch(
                "gallery_images",
                queryset=ProductPageImage.objects.select_related("image").order_by("sort_order"),
            ),
            "product__stockrecords",
            "product__attribute_values__attribute",
            Prefetch("product__children", queryset=variants, to_attr="_prefetched_public_children"),
        )
        .order_by("path")
    )


def feed_description(page):
    text = plain_text(page.description) or plain_text(page.intro) or page.title
    return text[:DESCRIPTION_MAX]


def feed_entries(request, shop_settings):
    """Dicts of the g: fields per item, in page-tree order."""
    root = site_root_url(request)
    strategy = request.strategy
    entries = []
    for page in feed_pages():
        product = page.product
        # An image whose licence has run out is left out of the feed (S6).
        gallery = shown(item.image for item in page.gallery_images.all())
        image_link = absolute(gallery[0].file.url, root) if gallery else ""
        link = page.get_full_url(request)
        brand = product_brand(product, shop_settings)
        description = feed_description(page)
        for item, info in product_offers(product, strategy):
            price = info.price
            if not price.exists or price.incl_tax is None or price.incl_tax <= 0:
                continue
            entry = {
                "id": sku_of(item, info),
                "title": page.title if item is product else f"{page.title} – {item.get_title()}",
                "description": description,
                "link": link,
                "image_link": image_link,
                "price": f"{money(price.incl_tax)} {price.currency or 'EUR'}",
                "availability": "in_stock" if info.availability.is_available_to_buy else "out_of_stock",
                "brand": brand,
                "condition": "new",
            }
            if is_valid_ean13(item.upc):
                entry["gtin"] = item.upc
            if item is not product:
                entry["item_group_id"] = product.upc or str(product.pk)
            entries.append(entry)
    return entries


G_FIELDS = ("id", "image_link", "price", "availability", "brand", "gtin", "condition", "item_group_id")


def render_feed(entries, request, shop_settings):
    stream = StringIO()
    xml = SimplerXMLGenerator(stream, "utf-8")
    xml.startDocument()
    xml.startElement("rss", {"version": "2.0", "xmlns:g": GOOGLE_NS})
    xml.startElement("channel", {})
    xml.addQuickElement("title", shop_settings.legal_name)
    xml.addQuickElement("link", f"{site_root_url(request)}/")
    xml.addQuickElement("description", shop_description(shop_settings))
    xml.addQuickElement("lastBuildDate", rfc2822_date(now()))
    for entry in entries:
        xml.startElement("item", {})
        xml.addQuickElement("title", entry["title"])
        xml.addQuickElement("link", entry["link"])
        xml.addQuickElement("description", entry["description"])
        for field in G_FIELDS:
            if entry.get(field):
                xml.addQuickElement(f"g:{field}", entry[field])
        xml.endElement("item")
    xml.endElement("channel")
    xml.endElement("rss")
    xml.endDocument()
    return stream.getvalue()


@require_GET
def product_feed(request):
    shop_settings = ShopSettings.for_request(request)
    if not hasattr(request, "strategy"):
        request.strategy = get_class("partner.strategy", "Selector")().strategy(request=request)
    body = render_feed(feed_entries(request, shop_settings), request, shop_settings)
    return HttpResponse(body, content_type="application/rss+xml; charset=utf-8")
