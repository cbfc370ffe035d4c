"""SEO as a search engine reads the shop (domain.md S1–S4).

JSON-LD parsed from every `application/ld+json` block of a product page, a column by a
guest author and home, checked against the database; one title (≤ 60), one description
(50–160) and one canonical URL on Wagtail and Oscar pages; noindex where a shopper's own
pages are; /sitemap.xml valid against the sitemaps.org XSD; /robots.txt naming it.
"""

import json
import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse
from lxml import etree
from oscar.core.loading import get_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site
from wagtail.rich_text import RichText

from cms.models import (
    Author,
    ColumnAuthor,
    ColumnIndexPage,
    ColumnPage,
    ContentPage,
    LicenceType,
    LicensedImage,
    ProductIndexPage,
    ProductPage,
    ProductPageImage,
)
from cms.seo.json_ld import json_ld_script
from cms.seo.return_policy import return_policy
from cms.seo.site_urls import canonical_url
from home.models import ReturnShippingPaidBy, ShopSettings
from home.staff_groups import ensure_staff_groups
from tests.factories import (
    CategoryFactory,
    ParentProductFactory,
    ProductClassFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

ProductReview = get_model("reviews", "ProductReview")
XSD = Path(__file__).with_name("sitemap.xsd")
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
EAN = "8712345678906"  # a valid EAN-13 (check digit 6)


class HeadParser(HTMLParser):
    """Collects <title>, <meta>, <link rel=canonical> and the JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.titles, self.metas, self.canonicals, self.json_ld = [], [], [], []
        self._in_title = self._in_json = False
        self._buffer = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in_title, self._buffer = True, ""
        elif tag == "meta":
            self.metas.append(attrs)
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonicals.append(attrs["href"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json, self._buffer = True, ""

    def handle_data(self, data):
        if self._in_title or self._in_json:
            self._buffer += data

    def handle_endtag(self, tag):
        if tag == "title" and self._in_title:
            self.titles.append(self._buffer)
            self._in_title = False
        elif tag == "script" and self._in_json:
            self.json_ld.append(json.loads(self._buffer))
            self._in_json = False

    def meta(self, key, value):
        return [m.get("content") for m in self.metas if m.get(key) == value]


def head_of(response):
    assert response.status_code == 200, response.status_code
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def of_type(head, schema_type):
    return [block for block in head.json_ld if block.get("@type") == schema_type]


@pytest.fixture
def home():
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def shop_settings(home):
    site = Site.objects.get(is_default_site=True)
    settings = ShopSettings.for_site(site)
    settings.legal_name = "Winkelier Amersfoort"
    settings.email = "winkel@winkelier.example"
    settings.phone = "033 123 45 67"
    settings.street_address = "Langestraat 12"
    settings.postcode = "3811 AB"
    settings.city = "Amersfoort"
    settings.return_window_days = 30
    settings.return_shipping_paid_by = ReturnShippingPaidBy.CUSTOMER
    settings.return_shipping_cost = Decimal("6.95")
    settings.save()
    return settings


def licensed_image(title="Luidspreker"):
    return LicensedImage.objects.create(
        title=title,
        file=get_test_image_file(),
        licence_type=LicenceType.CC_BY,
        creator="Jet Visser",
        credit_line="Foto: Jet Visser (CC BY)",
    )


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def catalogue(home, shop_settings):
    index = home.add_child(instance=ProductIndexPage(title="Producten", slug="producten"))
    publish(index)
    audio = CategoryFactory(name="Audio")
    speaker = ProductFactory(
        title="Luidspreker Aria", upc=EAN, price=Decimal("129.95"), num_in_stock=3, categories=[audio]
    )
    page = ProductPage(
        title="Luidspreker Aria",
        slug="luidspreker-aria",
        product=speaker,
        intro="Klinkt als een concertzaal in een woonkamer.",
        description="<p>Onze eigen tekst: warme bas, heldere stem, een kast van eikenhout.</p>",
    )
    page.gallery_images.add(ProductPageImage(image=licensed_image()))
    index.add_child(instance=page)
    publish(page)
    chocolates = ProductFactory(
        title="Bonbons van de week",
        price=Decimal("14.50"),
        num_in_stock=0,
        product_class=ProductClassFactory(perishable=True),
    )
    sweets = index.add_child(
        instance=ProductPage(
            title="Bonbons van de week",
            slug="bonbons",
            product=chocolates,
            intro="Handgemaakt in Utrecht, elke week een andere smaak.",
        )
    )
    publish(sweets)
    return {"index": index, "speaker": speaker, "page": page, "audio": audio, "sweets": sweets}


# -- JSON-LD ----------------------------------------------------------------------------


@pytest.mark.rule("S3")
def test_s3_product_json_ld_carries_the_merchant_listing_fields_from_the_database(
    client, catalogue, shop_settings
):
    page, speaker = catalogue["page"], catalogue["speaker"]
    reviewer = UserFactory()
    ProductReview.objects.create(
        product=speaker, score=4, title="Mooi", body="Mooi geluid.", user=reviewer, status=1
    )
    ProductReview.objects.create(
        product=speaker, score=5, title="Top", body="Top.", user=UserFactory(), status=1
    )
    ProductReview.objects.create(
        product=speaker, score=1, title="Nog niet", body="Wacht.", user=UserFactory(), status=0
    )

    head = head_of(client.get(page.url))

    [product] = of_type(head, "Product")
    assert product["name"] == "Luidspreker Aria"
    assert product["description"].startswith("Klinkt als een concertzaal")
    assert product["sku"] == speaker.stockrecords.get().partner_sku
    assert product["gtin13"] == EAN
    assert product["brand"] == {"@type": "Brand", "name": "Winkelier Amersfoort"}
    [image] = product["image"]
    assert image["@type"] == "ImageObject"
    assert image["contentUrl"].startswith("http")
    assert image["contentUrl"].endswith(".png")
    assert image["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert image["creditText"] == "Foto: Jet Visser (CC BY)"
    assert image["creator"] == {"@type": "Person", "name": "Jet Visser"}

    offer = product["offers"]
    assert offer["price"] == "129.95"
    assert offer["priceCurrency"] == "EUR"
    assert offer["availability"] == "https://schema.org/InStock"
    assert offer["url"] == page.full_url == head.canonicals[0]
    policy = offer["hasMerchantReturnPolicy"]
    assert policy["applicableCountry"] == "NL"
    assert policy["returnPolicyCategory"] == "https://schema.org/MerchantReturnFiniteReturnWindow"
    assert policy["merchantReturnDays"] == 30  # the configured, longer window
    assert policy["returnFees"] == "https://schema.org/ReturnShippingFees"
    assert policy["returnShippingFeesAmount"] == {
        "@type": "MonetaryAmount",
        "value": "6.95",
        "currency": "EUR",
    }
    # Only the two approved reviews count.
    assert product["aggregateRating"]["reviewCount"] == 2
    assert product["aggregateRating"]["ratingValue"] == "4.5"

    [crumbs] = of_type(head, "BreadcrumbList")
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        "Winkelier",
        "Producten",
        "Luidspreker Aria",
    ]
    assert crumbs["itemListElement"][-1]["item"] == page.full_url


@pytest.mark.rule("S3", "W13")
def test_s3_out_of_stock_w13_product_no_rating_and_free_returns(client, catalogue, shop_settings):
    shop_settings.return_shipping_paid_by = ReturnShippingPaidBy.SHOP
    shop_settings.save()

    head = head_of(client.get(catalogue["sweets"].url))

    [product] = of_type(head, "Product")
    assert "aggregateRating" not in product  # no approved reviews: no rating at all
    assert "gtin13" not in product  # the factory's UPC is not a valid EAN-13
    offer = product["offers"]
    assert offer["price"] == "14.50"
    assert offer["availability"] == "https://schema.org/OutOfStock"
    # Perishable (W13 d): no withdrawal right, so no return window to advertise.
    assert offer["hasMerchantReturnPolicy"]["returnPolicyCategory"] == (
        "https://schema.org/MerchantReturnNotPermitted"
    )


@pytest.mark.rule("S3", "W1", "W11")
def test_return_policy_defaults_to_14_days_customer_pays_return_shipping():
    policy = return_policy(ShopSettings(), ProductClassFactory.build())
    assert policy["merchantReturnDays"] == 14
    assert policy["returnFees"] == "https://schema.org/ReturnShippingFees"
    assert "returnShippingFeesAmount" not in policy
    free = return_policy(ShopSettings(return_shipping_paid_by=ReturnShippingPaidBy.SHOP), None)
    assert free["returnFees"] == "https://schema.org/FreeReturn"


@pytest.mark.rule("S3")
def test_parent_product_offers_one_offer_per_variant(client, home, shop_settings, catalogue):
    backup = ParentProductFactory(title="Cloud-back-up", children=[("100 GB", "4.99"), ("1 TB", "9.99")])
    page = catalogue["index"].add_child(
        instance=ProductPage(title="Cloud-back-up", slug="cloud-back-up", product=backup)
    )
    publish(page)

    [product] = of_type(head_of(client.get(page.url)), "Product")

    assert sorted(offer["price"] for offer in product["offers"]) == ["4.99", "9.99"]
    assert {offer["name"] for offer in product["offers"]} == {"100 GB", "1 TB"}


def test_json_ld_cannot_break_out_of_its_script_block():
    script = json_ld_script({"name": "</script><script>alert(1)</script>"})
    assert script.count("</script>") == 1
    payload = re.search(r">(.*)</script>$", script).group(1)
    assert json.loads(payload)["name"] == "</script><script>alert(1)</script>"


@pytest.mark.rule("S3")
def test_s3_home_carries_organization_and_website_with_search(client, home, shop_settings):
    head = head_of(client.get("/"))

    [organization] = of_type(head, "OnlineStore")
    assert organization["name"] == "Winkelier Amersfoort"
    assert organization["email"] == "winkel@winkelier.example"
    assert organization["telephone"] == "033 123 45 67"
    assert organization["address"]["streetAddress"] == "Langestraat 12"
    assert organization["address"]["addressLocality"] == "Amersfoort"
    [website] = of_type(head, "WebSite")
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"].endswith("/zoeken/?q={search_term_string}")
    assert not of_type(head, "BreadcrumbList")  # home is the top of every trail


@pytest.mark.rule("S3")
def test_s3_column_article_names_every_author_guest_included(client, home, shop_settings):
    index = publish(home.add_child(instance=ColumnIndexPage(title="Columns", slug="columns")))
    staff = Author.objects.create(name="Sanne de Vries")
    guest = Author.objects.create(name="Pieter Gast", is_guest=True, link_url="https://pieter.example/")
    image = licensed_image("Werkplaats")
    column = ColumnPage(
        title="Waarom wij zelf onze teksten schrijven",
        slug="eigen-teksten",
        publication_date=date(2026, 11, 16),
        intro="Over eerlijke productteksten, en waarom Google daar ook van houdt.",
        body=[
            ("paragraph", RichText("<p>Een verhaal.</p>")),
            ("image", {"image": image, "caption": "", "credit": ""}),
        ],
        column_authors=[ColumnAuthor(author=staff), ColumnAuthor(author=guest)],
    )
    index.add_child(instance=column)
    column = publish(column)

    head = head_of(client.get(column.url))

    [article] = of_type(head, "Article")
    assert article["headline"] == "Waarom wij zelf onze teksten schrijven"
    assert article["author"] == [
        {"@type": "Person", "name": "Sanne de Vries"},
        {"@type": "Person", "name": "Pieter Gast", "url": "https://pieter.example/"},
    ]
    assert article["datePublished"].startswith("2026-11-16")
    assert article["dateModified"] == column.last_published_at.isoformat()
    assert article["publisher"]["name"] == "Winkelier Amersfoort"
    assert article["image"]["creditText"] == "Foto: Jet Visser (CC BY)"
    assert article["image"]["license"] == "https://creativecommons.org/licenses/by/4.0/"
    [crumbs] = of_type(head, "BreadcrumbList")
    assert [item["name"] for item in crumbs["itemListElement"]][-2:] == ["Columns", column.title]
    assert head.meta("name", "author") == ["Sanne de Vries, Pieter Gast"]
    assert head.meta("property", "og:type") == ["article"]


# -- titles, descriptions, canonical, robots (S1, S4) -----------------------------------


def assert_s1_head(head, canonical_path):
    assert len(head.titles) == 1
    assert 0 < len(head.titles[0]) <= 60, head.titles[0]
    [description] = head.meta("name", "description")
    assert 50 <= len(description) <= 160, description
    assert len(head.canonicals) == 1
    assert head.canonicals[0].startswith("http")
    assert head.canonicals[0].endswith(canonical_path)
    assert head.meta("property", "og:title") == head.titles
    assert head.meta("property", "og:url") == head.canonicals
    assert head.meta("name", "twitter:card")


@pytest.mark.rule("S1")
def test_s1_home_product_category_and_basket_have_one_title_description_and_canonical(client, catalogue):
    long_title = "Een heel lange producttitel die veel langer is dan zestig tekens bij elkaar"
    page = catalogue["page"]
    page.title = long_title
    publish(page)
    for url, path in [
        ("/", "/"),
        (page.url, page.url),
        (catalogue["audio"].get_absolute_url(), catalogue["audio"].get_absolute_url()),
        (reverse("basket:summary"), reverse("basket:summary")),
    ]:
        head = head_of(client.get(url))
        assert_s1_head(head, path)
    assert head_of(client.get("/")).titles != head_of(client.get(page.url)).titles


@pytest.mark.rule("S1")
def test_canonical_drops_filters_but_keeps_the_page_number(client, catalogue):
    url = catalogue["audio"].get_absolute_url()
    root = Site.objects.get(is_default_site=True).root_url
    assert head_of(client.get(url, {"sort_by": "price-asc"})).canonicals == [f"{root}{url}"]
    assert canonical_url(RequestFactory().get(url, {"page": "2", "utm_source": "x"})) == (
        f"{root}{url}?page=2"
    )


@pytest.mark.rule("S3")
def test_category_page_carries_its_breadcrumbs(client, catalogue):
    sub = CategoryFactory(name="Koptelefoons", parent=catalogue["audio"])
    head = head_of(client.get(sub.get_absolute_url()))
    [crumbs] = of_type(head, "BreadcrumbList")
    assert [item["name"] for item in crumbs["itemListElement"]][1:] == ["Audio", "Koptelefoons"]


def noindex(head):
    return any("noindex" in (content or "") for content in head.meta("name", "robots"))


@pytest.mark.rule("S4")
def test_s4_basket_checkout_and_account_are_noindex_and_product_pages_are_not(client, catalogue):
    assert noindex(head_of(client.get(reverse("basket:summary"))))
    assert noindex(head_of(client.get(reverse("customer:login"))))
    client.post(reverse("basket:add", args=[catalogue["speaker"].pk]), {"quantity": 1})
    assert noindex(head_of(client.get(reverse("checkout:index"), follow=True)))
    client.force_login(UserFactory())
    assert noindex(head_of(client.get(reverse("customer:summary"), follow=True)))
    assert noindex(head_of(client.get(reverse("customer:profile-view"))))
    assert not noindex(head_of(client.get(catalogue["page"].url)))
    assert not noindex(head_of(client.get("/")))


# -- sitemap and robots (S4) ------------------------------------------------------------


def sitemap_locs(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    document = etree.fromstring(response.content)
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(document), schema.error_log
    return {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for url in document.findall("s:url", SITEMAP_NS)
    }


@pytest.mark.rule("S4")
def test_s4_sitemap_is_valid_and_lists_every_live_product_page_and_column_with_lastmod(
    client, home, catalogue
):

    index = publish(home.add_child(instance=ColumnIndexPage(title="Columns", slug="columns")))
    column = ColumnPage(
        title="Een column",
        slug="een-column",
        intro="Twee zinnen.",
        body=[("paragraph", RichText("<p>Tekst.</p>"))],
        column_authors=[ColumnAuthor(author=Author.objects.create(name="Gast", is_guest=True))],
    )
    index.add_child(instance=column)
    publish(column)
    draft = catalogue["index"].add_child(
        instance=ProductPage(title="Nog geheim", slug="nog-geheim", product=ProductFactory(), live=False)
    )

    locs = sitemap_locs(client)

    expected = [home, catalogue["index"], catalogue["page"], catalogue["sweets"], index, column]
    for page in expected:
        assert page.full_url in locs, page.full_url
        assert locs[page.full_url], f"{page.full_url} has no lastmod"
    assert draft.full_url not in locs
    category_url = f"{Site.objects.get(is_default_site=True).root_url}{catalogue['audio'].get_absolute_url()}"
    assert locs[category_url]  # Oscar's category listing, with the date its products last changed
    root = Site.objects.get(is_default_site=True).root_url
    assert f"{root}/retourbeleid/" in locs  # the returns policy and the model form (W12)
    assert f"{root}/herroepen/modelformulier/" in locs


@pytest.mark.rule("S4")
def test_s4_a_page_marked_noindex_is_not_in_the_sitemap_and_says_noindex(
    client, home, catalogue, monkeypatch
):
    info = publish(
        home.add_child(
            instance=ContentPage(
                title="Bedankt voor je aanmelding", slug="bedankt", intro="Fijn dat je er bent."
            )
        )
    )
    assert info.full_url in sitemap_locs(client)

    monkeypatch.setattr("cms.seo.noindex.NOINDEX_PAGE_TYPES", {"cms.contentpage"})

    locs = sitemap_locs(client)
    assert info.full_url not in locs
    assert catalogue["page"].full_url in locs
    assert noindex(head_of(client.get(info.url)))


@pytest.mark.rule("S4")
def test_s4_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_private_paths(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {Site.objects.get(is_default_site=True).root_url}/sitemap.xml" in lines
    for path in ["/basket/", "/checkout/", "/accounts/", "/dashboard/", "/admin/"]:
        assert f"Disallow: {path}" in lines


# -- the admin report (S1) --------------------------------------------------------------


@pytest.mark.rule("S1")
def test_s1_seo_report_lists_long_missing_and_duplicate_titles_for_editors(client, home, catalogue):
    long_page = catalogue["page"]
    long_page.seo_title = "Luidspreker Aria: de beste luidspreker voor je woonkamer, nu in de winkel"
    long_page.search_description = "Kort."
    publish(long_page)
    for slug in ("een", "twee"):
        publish(home.add_child(instance=ContentPage(title="Over ons", slug=slug, seo_title="Over ons")))
    ensure_staff_groups()
    client.force_login(UserFactory(groups=["Editors"], is_staff=True))

    response = client.get(reverse("seo_report"))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Titel te lang" in text
    assert "Beschrijving te kort" in text
    assert "Titel dubbel" in text
    assert "Beschrijving ontbreekt" in text

    client.force_login(UserFactory())
    assert client.get(reverse("seo_report")).status_code in {302, 403}
