"""Where shoppers meet recommendations: the product page ("Vaak samen gekocht"), the basket
("Maak het compleet") and the order confirmation; clicks and additions counted per placement."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commerce.order.tasks import confirm
from commerce.recommendations import counting
from commerce.recommendations.models import PlacementCount
from tests.cms.product_page_support import make_page, product_index
from tests.commerce.recommendations.history_support import bought, bought_times
from tests.factories import CategoryFactory, ParentProductFactory, ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
# Measured, the same for 1 and 10 cards: the page without its recommendations (26 for this page,
# 21 for this basket) plus 10 for the service: exclusions, hand-picked, computed, which of those
# can be bought, then the products shown with their stock, variants, variants' stock, gallery
# images and renditions (one less when no variant parent is shown); 4 or 5 when none is found.
PRODUCT_PAGE_MAX_QUERIES = 36
BASKET_MAX_QUERIES = 31


@pytest.fixture(autouse=True)
def clean_state():
    for cache in caches.all():
        cache.clear()
    counting.buffer.discard()


@pytest.fixture
def shelf():
    """A phone bought with each of ten accessories, most often with a case in two colours (a
    parent with variants, so one recommendation already costs what variants cost), least often
    with another such case; all with pages. A lamp nobody bought with anything, in a category
    of its own."""
    index = product_index()
    phones = CategoryFactory(name="Telefoons")
    phone = ProductFactory(title="Nordphone 6", categories=[phones], price=Decimal("399.00"))

    def case(n):
        return ParentProductFactory(title=f"Hoesje {n}", children=[("Zwart", "14.95"), ("Rood", "14.95")])

    accessories = [
        case(0),
        *[
            ProductFactory(title=f"Accessoire {n}", categories=[phones], price=Decimal("9.95"))
            for n in range(8)
        ],
        case(1),
    ]
    lamp = ProductFactory(title="Leeslampje", categories=[CategoryFactory(name="Wonen")])
    for product in [phone, lamp, *accessories]:
        make_page(index, product, images=1, specs=0, tips=0)
    for n, accessory in enumerate(accessories):
        bought_times(10 - n, [phone, accessory.children.first() if accessory.is_parent else accessory])
    call_command("compute_recommendations", verbosity=0)
    return {"phone": phone, "lamp": lamp, "accessories": accessories}


def queries_for(client, url):
    client.get(url)  # warm the caches (site root, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, queries


def product_cards(response):
    return response.content.decode().count('class="product-card"')


@pytest.mark.parametrize("shown", [1, 10])
def test_product_page_shows_vaak_samen_gekocht_in_constant_queries(client, shelf, settings, shown):
    settings.WINKELIER_RECOMMENDATIONS_SHOWN = shown
    response, queries = queries_for(client, shelf["phone"].page.url)
    _none, queries_without = queries_for(client, shelf["lamp"].page.url)

    assert "Vaak samen gekocht" in response.content.decode()
    assert product_cards(response) == shown
    assert len(queries) <= PRODUCT_PAGE_MAX_QUERIES
    assert len(queries_without) <= len(queries)


def test_product_page_queries_are_the_same_for_1_and_10_recommendations(client, shelf, settings):
    counts = []
    for shown in (1, 10):
        settings.WINKELIER_RECOMMENDATIONS_SHOWN = shown
        counts.append(len(queries_for(client, shelf["phone"].page.url)[1]))
    assert counts[0] == counts[1]


def test_the_product_page_leaves_out_what_the_basket_holds(client, shelf):
    in_basket = shelf["accessories"][1]
    basket_with(client, in_basket)

    page = client.get(shelf["phone"].page.url).content.decode()

    assert in_basket.page.url not in page
    assert shelf["accessories"][2].page.url in page


def test_a_product_without_recommendations_shows_no_section(client, shelf):
    response = client.get(shelf["lamp"].page.url)

    assert "Vaak samen gekocht" not in response.content.decode()


def test_the_owner_can_switch_a_placement_off(client, shelf, settings):
    settings.WINKELIER_RECOMMENDATION_PLACEMENTS = ["basket", "email"]

    assert "Vaak samen gekocht" not in client.get(shelf["phone"].page.url).content.decode()


def test_recommendation_links_carry_the_placement(client, shelf):
    page = client.get(shelf["phone"].page.url).content.decode()

    first = shelf["accessories"][0].page.url
    assert f'href="{first}?aanbevolen=product"' in page


def basket_with(client, product):
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})


@pytest.mark.parametrize("shown", [1, 10])
def test_basket_shows_maak_het_compleet_in_constant_queries(client, shelf, settings, shown):
    settings.WINKELIER_RECOMMENDATIONS_SHOWN = shown
    basket_with(client, shelf["phone"])

    response, queries = queries_for(client, reverse("basket:summary"))

    page = response.content.decode()
    assert "Maak het compleet" in page
    assert page.count('class="recommendation"') == shown
    assert len(queries) <= BASKET_MAX_QUERIES


def test_basket_queries_are_the_same_for_1_and_10_recommendations(client, shelf, settings):
    basket_with(client, shelf["phone"])
    counts = []
    for shown in (1, 10):
        settings.WINKELIER_RECOMMENDATIONS_SHOWN = shown
        counts.append(len(queries_for(client, reverse("basket:summary"))[1]))
    assert counts[0] == counts[1]


def test_basket_offers_a_one_click_add_and_a_variant_choice(client, shelf, settings):
    settings.WINKELIER_RECOMMENDATIONS_SHOWN = 10
    basket_with(client, shelf["phone"])

    page = client.get(reverse("basket:summary")).content.decode()

    standalone = shelf["accessories"][1]
    assert f'action="{reverse("basket:add", kwargs={"pk": standalone.pk})}"' in page
    assert 'name="aanbevolen" value="basket"' in page
    assert "Kies je variant" in page  # the two cases with colours


def test_a_click_is_counted_in_memory_and_written_in_a_batch(client, shelf):
    target = shelf["accessories"][0]
    client.get(target.page.url)  # site settings are made on the first request of a new site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{target.page.url}?aanbevolen=product")

    assert response.status_code == 200
    assert not [q["sql"] for q in queries if WRITES.match(q["sql"])]
    assert not PlacementCount.objects.exists()
    assert counting.buffer.flush() == 1
    row = PlacementCount.objects.get()
    assert (row.placement, row.product, row.clicks, row.additions) == ("product", target, 1, 0)


def test_an_unknown_placement_is_ignored(client, shelf):
    response = client.get(f"{shelf['phone'].page.url}?aanbevolen=%3Cscript%3E")

    assert response.status_code == 200
    assert not counting.buffer.pending()


def test_an_addition_from_a_recommendation_counts_for_its_placement(client, shelf):
    target = shelf["accessories"][1]
    page = client.get(f"{target.page.url}?aanbevolen=product").content.decode()
    assert 'name="aanbevolen" value="product"' in page  # the page's own add-to-basket form

    client.post(reverse("basket:add", kwargs={"pk": target.pk}), {"quantity": 1, "aanbevolen": "basket"})
    client.post(reverse("basket:add", kwargs={"pk": target.pk}), {"quantity": 1, "aanbevolen": "product"})
    client.post(reverse("basket:add", kwargs={"pk": target.pk}), {"quantity": 1})
    counting.buffer.flush()

    counts = {row.placement: (row.clicks, row.additions) for row in PlacementCount.objects.all()}
    assert counts == {"product": (1, 1), "basket": (0, 1)}


def test_a_variant_added_from_a_recommendation_counts_for_its_parent(client, shelf):
    parent = shelf["accessories"][-1]
    child = parent.children.first()

    client.post(
        reverse("basket:add", kwargs={"pk": parent.pk}),
        {"quantity": 1, "child_id": child.pk, "aanbevolen": "product"},
    )
    counting.buffer.flush()

    assert PlacementCount.objects.get().product == parent


def test_the_order_confirmation_recommends_at_most_three_products(shelf):
    order = bought([shelf["phone"]], days_ago=0)
    order.guest_email = "klant@example.nl"
    order.save()

    confirm(order)

    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert "Vaak samen gekocht" in message.body
    links = re.findall(r'href="([^"]+\?aanbevolen=email)"', html)
    assert len(links) == 3
    assert links[0].endswith(f"{shelf['accessories'][0].page.url}?aanbevolen=email")
    assert links[0].startswith("http")


def test_in_english_the_placements_speak_english(client, shelf, settings):
    settings.WINKELIER_RECOMMENDATIONS_SHOWN = 10
    client.post("/i18n/setlang/", {"language": "en", "next": "/basket/"})
    basket_with(client, shelf["phone"])

    product_page = client.get(shelf["phone"].page.url).content.decode()
    basket = client.get(reverse("basket:summary")).content.decode()

    assert "Frequently bought together" in product_page
    assert "Vaak samen gekocht" not in product_page
    assert "Complete your order" in basket
    assert "Choose your variant" in basket
    assert ">Add to basket<" in basket.replace('<span class="sr-only">', "<").replace("\n", "")
