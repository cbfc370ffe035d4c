"""The Google Merchant product feed (domain.md S8), read the way a comparison site reads it.

Parsed with feedparser: one entry per live product page (one per variant for a parent),
with the page's own title and text, the page's URL, and the same price and availability
the page's JSON-LD shows; a constant number of queries whatever the catalogue size.
"""

import json
import re
from decimal import Decimal

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from cms.models import LicensedImage, ProductIndexPage, ProductPage, ProductPageImage
from tests.factories import ParentProductFactory, ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

G = "http://base.google.com/ns/1.0"
EAN = "8712345678906"


@pytest.fixture
def index():
    home = Site.objects.get(is_default_site=True).root_page
    return home.add_child(instance=ProductIndexPage(title="Producten", slug="producten"))


def add_page(index, product, title=None, images=1, **fields):
    page = ProductPage(
        title=title or product.title,
        slug=product.slug,
        product=product,
        intro=fields.pop("intro", f"Over {product.title}."),
        description=fields.pop("description", f"<p>Onze eigen tekst over <b>{product.title}</b>.</p>"),
        **fields,
    )
    for n in range(images):
        image = LicensedImage.objects.create(title=f"{product.title} {n}", file=get_test_image_file())
        page.gallery_images.add(ProductPageImage(image=image))
    index.add_child(instance=page)
    return page


def fetch(client):
    response = client.get("/feeds/products.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return response


def g_items(response):
    """Each item's g: fields by name, straight from the XML."""
    root = etree.fromstring(response.content)
    return [
        {child.tag.split("}")[1]: child.text for child in item if child.tag.startswith(f"{{{G}}}")}
        | {"link": item.findtext("link"), "title": item.findtext("title")}
        for item in root.iter("item")
    ]


def page_offer(client, page):
    """The price and availability the product page itself shows in its JSON-LD."""
    html = client.get(page.url).content.decode()
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") == "Product":
            return data["offers"]
    raise AssertionError("no Product JSON-LD on the page")


@pytest.fixture
def catalogue(index):
    speaker = ProductFactory(title="Luidspreker Aria", upc=EAN, price=Decimal("129.95"), num_in_stock=4)
    lamp = ProductFactory(title="Leeslamp Luna", price=Decimal("24.50"), num_in_stock=0)
    backup = ParentProductFactory(title="Cloud-back-up", children=[("100 GB", "4.99"), ("1 TB", "9.99")])
    hidden = ProductFactory(title="Nog niet te koop")
    pages = {
        "speaker": add_page(index, speaker, title="Luidspreker Aria, warm en helder"),
        "lamp": add_page(index, lamp),
        "backup": add_page(index, backup),
    }
    add_page(index, hidden, live=False)
    return pages


@pytest.mark.rule("S8")
def test_s8_feed_parses_and_carries_one_entry_per_live_product_and_variant(client, catalogue):
    response = fetch(client)

    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert sorted(entry.title for entry in feed.entries) == sorted(
        [
            "Cloud-back-up – 100 GB",
            "Cloud-back-up – 1 TB",
            "Leeslamp Luna",
            "Luidspreker Aria, warm en helder",
        ]
    )
    speaker = next(entry for entry in feed.entries if entry.title.startswith("Luidspreker"))
    assert speaker.link == catalogue["speaker"].full_url
    assert speaker.description == "Onze eigen tekst over Luidspreker Aria."  # own text, plain
    assert speaker.g_price == "129.95 EUR"
    assert speaker.g_availability == "in_stock"
    assert speaker.g_gtin == EAN
    assert speaker.g_condition == "new"
    assert speaker.g_brand
    assert speaker.g_image_link.startswith("http")
    assert speaker.g_image_link.endswith(".png")
    assert speaker.g_id


@pytest.mark.rule("S8")
def test_s8_feed_price_and_availability_equal_the_product_page(client, catalogue):
    items = {item["title"]: item for item in g_items(fetch(client))}

    speaker = items["Luidspreker Aria, warm en helder"]
    offer = page_offer(client, catalogue["speaker"])
    assert speaker["price"] == f"{offer['price']} EUR"
    assert offer["availability"].endswith("InStock")
    assert speaker["availability"] == "in_stock"

    lamp = items["Leeslamp Luna"]
    offer = page_offer(client, catalogue["lamp"])
    assert lamp["price"] == f"{offer['price']} EUR" == "24.50 EUR"
    assert offer["availability"].endswith("OutOfStock")
    assert lamp["availability"] == "out_of_stock"
    assert "gtin" not in lamp  # the factory's UPC is no valid EAN-13

    offers = page_offer(client, catalogue["backup"])
    variants = [items["Cloud-back-up – 100 GB"], items["Cloud-back-up – 1 TB"]]
    assert sorted(item["price"] for item in variants) == sorted(f"{o['price']} EUR" for o in offers)
    assert {item["link"] for item in variants} == {catalogue["backup"].full_url}
    assert len({item["item_group_id"] for item in variants}) == 1
    assert len({item["id"] for item in variants}) == 2


def count_feed_queries(client):
    fetch(client)  # the first request of a client also looks up the site and its settings
    with CaptureQueriesContext(connection) as queries:
        fetch(client)
    return len(queries)


def test_s8_feed_queries_do_not_grow_with_the_catalogue(client, index):
    for n in range(2):
        add_page(index, ProductFactory(title=f"Product klein {n}"), images=1)
    add_page(index, ParentProductFactory(title="Variant klein"), images=1)
    small = count_feed_queries(client)

    for n in range(12):
        add_page(index, ProductFactory(title=f"Product groot {n}"), images=2)
    for n in range(3):
        add_page(index, ParentProductFactory(title=f"Variant groot {n}"), images=1)
    large = count_feed_queries(client)

    assert large == small, f"{small} queries for 3 products, {large} for 18"
