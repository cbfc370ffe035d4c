"""The shop's own product pages (S2, N2, W13): what the shopper sees, one URL per product,
constant query counts, no database writes inside a product page request, the admin chooser.
"""

import re
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.apps.catalogue.signals import product_viewed
from oscar.core.loading import get_model

from cms.models import LicensedImage
from cms.wagtail_hooks import prepare_published_product_page
from commerce.analytics import receivers as analytics_receivers
from commerce.analytics import view_counts
from tests.cms.product_page_support import make_page, product_index
from tests.factories import (
    CategoryFactory,
    ParentProductFactory,
    ProductClassFactory,
    ProductFactory,
    UserFactory,
)

ProductRecord = get_model("analytics", "ProductRecord")
UserProductView = get_model("analytics", "UserProductView")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def text_of(response):
    return response.content.decode().replace("\xa0", " ").replace("&nbsp;", " ")


@pytest.fixture(autouse=True)
def fresh_caches():
    # Wagtail caches renditions by image id; a rolled-back test must not leave "known" ones.
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def no_pending_views():
    view_counts.buffer.discard()
    yield
    view_counts.buffer.discard()


@pytest.fixture
def index():
    return product_index()


@pytest.fixture
def shop(index):
    audio = CategoryFactory(name="Audio")
    speaker = ProductFactory(
        title="Luidspreker Aria",
        price=Decimal("1234.56"),
        product_class=ProductClassFactory(name="Elektronica"),
        categories=[audio],
    )
    chocolates = ProductFactory(
        title="Bonbons van de week",
        price=Decimal("14.50"),
        product_class=ProductClassFactory(perishable=True),
        categories=[CategoryFactory(name="Lekkers")],
    )
    backup = ParentProductFactory(
        title="Cloud-back-up",
        product_class=ProductClassFactory(service=True),
        categories=[CategoryFactory(name="Diensten")],
        children=[("100 GB", "4.99"), ("1 TB", "9.99")],
    )
    return {
        "audio": audio,
        "speaker": speaker,
        "speaker_page": make_page(index, speaker, images=2),
        "chocolates": chocolates,
        "chocolates_page": make_page(index, chocolates),
        "backup": backup,
        "backup_page": make_page(index, backup),
    }


# --- what the shopper sees -------------------------------------------------------------------


@pytest.mark.rule("N2")
def test_page_shows_own_texts_price_incl_btw_availability_and_the_add_to_basket_form(client, shop):
    response = client.get(shop["speaker_page"].url)
    page = text_of(response)

    assert response.status_code == 200
    assert "Luidspreker Aria – onze keuze" in page
    assert "Klinkt als een concertzaal." in page
    assert "Onze eigen tekst over dit product." in page
    assert "Tekst van de leverancier." not in page
    assert "€ 1.234,56" in page
    assert "incl. btw" in page
    assert "op voorraad" in page.lower() or "In stock" in page
    assert 'id="add_to_basket_form"' in page
    assert reverse("basket:add", kwargs={"pk": shop["speaker"].pk}) in page
    assert "Eigenschap 2" in page
    assert "Waarde 2" in page
    assert "Tip 0" in page
    assert page.count('<header class="site-header">') == 1


def test_gallery_main_image_is_the_first_image_as_a_rendition(client, shop):
    page = text_of(client.get(shop["speaker_page"].url))

    main = re.search(r'class="product-gallery__main">\s*<img src="([^"]+)"', page).group(1)
    assert "/images/" in main  # a rendition, not the original upload
    assert "max-800x600" in main
    assert 'alt="Beeld 0"' in page
    assert 'alt="Beeld 1"' in page


@pytest.mark.rule("N2")
def test_parent_page_offers_its_variants_with_prices(client, shop):
    page = text_of(client.get(shop["backup_page"].url))

    assert 'name="child_id"' in page
    assert "100 GB – € 4,99 incl. btw" in page
    assert "1 TB – € 9,99 incl. btw" in page
    assert "vanaf" in page


@pytest.mark.rule("W13")
def test_w13_notice_on_the_page_of_a_perishable_product_only(client, shop):
    chocolates = text_of(client.get(shop["chocolates_page"].url))
    speaker = text_of(client.get(shop["speaker_page"].url))

    assert "Let op: geen gewone bedenktijd" in chocolates
    assert "bederfelijk" in chocolates
    assert "geen gewone bedenktijd" not in speaker


# --- one URL per product (S2) ------------------------------------------------------------------


def oscar_url(product):
    return reverse("catalogue:detail", kwargs={"product_slug": product.slug, "pk": product.pk})


@pytest.mark.rule("S2")
def test_oscar_detail_url_answers_301_to_the_page(client, shop):
    response = client.get(oscar_url(shop["speaker"]))

    assert response.status_code == 301
    assert response["Location"] == shop["speaker_page"].url
    assert shop["speaker"].get_absolute_url() == shop["speaker_page"].url


@pytest.mark.rule("S2")
def test_variant_url_answers_301_to_the_parents_page(client, shop):
    child = shop["backup"].children.first()

    response = client.get(oscar_url(child))

    assert response.status_code == 301
    assert response["Location"] == shop["backup_page"].url
    assert child.get_absolute_url() == shop["backup_page"].url


@pytest.mark.rule("S2")
def test_product_without_a_live_page_keeps_oscars_page(client, shop):
    """A draft page is not public yet: the shopper still reaches the product, no dead link."""
    shop["speaker_page"].unpublish()
    speaker = type(shop["speaker"]).objects.get(pk=shop["speaker"].pk)

    assert speaker.get_absolute_url() == oscar_url(speaker)
    assert client.get(oscar_url(speaker)).status_code == 200


@pytest.mark.rule("S2")
def test_category_listing_links_to_the_product_page(client, shop):
    page = client.get(shop["audio"].get_absolute_url()).content.decode()

    assert f'href="{shop["speaker_page"].url}"' in page
    assert "/catalogue/luidspreker-aria" not in page


@pytest.mark.rule("S2")
def test_search_results_link_to_the_product_page(client, shop):
    page = client.get("/search/", {"q": "Aria"}).content.decode()

    assert f'href="{shop["speaker_page"].url}"' in page


@pytest.mark.rule("S2")
def test_basket_links_to_the_page_and_shows_its_main_image(client, shop):
    client.post(reverse("basket:add", kwargs={"pk": shop["speaker"].pk}), {"quantity": 1})

    page = client.get(reverse("basket:summary")).content.decode()

    assert f'href="{shop["speaker_page"].url}"' in page
    thumbnail = re.search(r'class="basket-line__image"[^>]*>\s*<img src="([^"]+)"', page).group(1)
    assert "fill-200x150" in thumbnail


# --- query counts: constant whatever the gallery and specification sizes -----------------------

# Measured: 35 queries for a warm anonymous request of a standalone product page at both
# sizes. Of those, the product page itself needs 6 (product + class, stock, gallery + images,
# renditions, columns mentioning it, the basket form's options); the rest is Wagtail's routing
# and view restrictions, the header/footer, shop and SEO settings and the SEO include.
PRODUCT_PAGE_MAX_QUERIES = 35
PRODUCT_INDEX_MAX_QUERIES = 19  # measured at 2 and 6 pages


@pytest.mark.parametrize(("images", "specs"), [(1, 1), (8, 12)])
def test_product_page_queries_do_not_grow_with_gallery_or_specifications(
    client, index, django_assert_max_num_queries, images, specs
):
    product = ProductFactory(title="Koptelefoon Echo", price=Decimal("89.00"))
    page = make_page(index, product, images=images, specs=specs, tips=3)
    client.get(page.url)

    with django_assert_max_num_queries(PRODUCT_PAGE_MAX_QUERIES):
        response = client.get(page.url)
    assert response.status_code == 200
    assert response.content.decode().count("product-gallery__") >= 1


@pytest.mark.parametrize("pages", [2, 6])
def test_product_index_lists_the_pages_in_constant_queries(
    client, index, django_assert_max_num_queries, pages
):
    for n in range(pages):
        make_page(index, ProductFactory(title=f"Fietslamp {n}", price=Decimal("19.95")), images=2)
    client.get(index.url)

    with django_assert_max_num_queries(PRODUCT_INDEX_MAX_QUERIES):
        response = client.get(index.url)

    page = text_of(response)
    assert page.count('class="product-card"') == pages
    assert "€ 19,95" in page
    assert "fill-200x150" in page


# --- no writes inside a product page request -----------------------------------------------------

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_product_page_view_writes_nothing_to_the_database(client, shop, signed_in):
    if signed_in:
        client.force_login(UserFactory())
        client.get("/")  # Oscar creates the signed-in shopper's basket once, on the first visit
    client.get(shop["speaker_page"].url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(shop["speaker_page"].url)

    assert response.status_code == 200
    writes = [query["sql"] for query in queries.captured_queries if WRITES.match(query["sql"])]
    assert writes == []
    assert view_counts.buffer.pending().products[shop["speaker"].pk] == 2


def test_oscars_writing_receiver_is_not_connected():
    # The analytics fork connects its own receivers; Oscar's module is never imported.
    connected = [receiver[1]() for receiver in product_viewed.receivers]
    assert "oscar.apps.analytics.receivers" not in {receiver.__module__ for receiver in connected}
    assert analytics_receivers.receive_product_view in connected


def test_view_counts_reach_oscars_product_record_after_a_flush(client, shop):
    shopper = UserFactory()
    for _ in range(3):
        client.get(shop["speaker_page"].url)
    client.force_login(shopper)
    client.get(shop["backup_page"].url)
    assert not ProductRecord.objects.exists()

    written = view_counts.buffer.flush()

    assert written == 4
    assert ProductRecord.objects.get(product=shop["speaker"]).num_views == 3
    assert ProductRecord.objects.get(product=shop["backup"]).num_views == 1
    assert UserProductView.objects.filter(user=shopper, product=shop["backup"]).count() == 1
    assert not view_counts.buffer.pending()

    client.get(shop["speaker_page"].url)
    view_counts.buffer.flush()
    assert ProductRecord.objects.get(product=shop["speaker"]).num_views == 4


def test_a_failed_flush_keeps_the_counts_for_the_next_one(shop, monkeypatch):
    view_counts.buffer.record(shop["speaker"].pk)

    def locked(batch):
        raise OperationalError("database is locked")  # what SQLite says to a second writer

    monkeypatch.setattr(view_counts, "write_batch", locked)
    assert view_counts.buffer.flush() == 0
    assert view_counts.buffer.pending().products[shop["speaker"].pk] == 1

    monkeypatch.undo()
    assert view_counts.buffer.flush() == 1
    assert ProductRecord.objects.get(product=shop["speaker"]).num_views == 1


def test_views_of_a_deleted_product_are_dropped_not_retried_forever(shop):
    view_counts.buffer.record(987654)
    view_counts.buffer.record(shop["speaker"].pk)

    assert view_counts.buffer.flush() == 1
    assert not view_counts.buffer.pending()


def test_publishing_makes_the_renditions_the_page_shows(index):
    """Renditions are made when an editor publishes (admin hook), not in a shopper's request."""

    page = make_page(index, ProductFactory(title="Wandlamp Luna"), images=3)
    image_ids = page.gallery_images.values_list("image_id", flat=True)
    renditions = LicensedImage.get_rendition_model().objects.filter(image_id__in=image_ids)
    renditions.delete()

    prepare_published_product_page(None, page)

    assert sorted(renditions.values_list("filter_spec", flat=True)) == sorted(
        ["fill-200x150", "max-800x600"] * 3
    )


# --- the product chooser in the Wagtail admin ---------------------------------------------------


def test_chooser_finds_products_by_title_and_ean_without_variants(client, shop):
    editor = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)
    url = reverse("product_chooser:choose_results")

    by_title = client.get(url, {"q": "Aria"}).content.decode()
    by_ean = client.get(url, {"q": shop["chocolates"].upc}).content.decode()
    variants = client.get(url, {"q": "100"}).content.decode()

    assert client.get(reverse("product_chooser:choose")).status_code == 200
    assert "Luidspreker Aria" in by_title
    assert "Bonbons" not in by_title
    assert "Bonbons van de week" in by_ean
    assert "100 GB" not in variants


def test_page_editor_uses_the_chooser_not_a_select(client, shop):
    editor = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)

    page = client.get(reverse("wagtailadmin_pages:edit", args=[shop["speaker_page"].pk])).content.decode()

    assert reverse("product_chooser:choose") in page
    assert '<select name="product"' not in page
