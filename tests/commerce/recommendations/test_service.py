"""recommendations_for: what the shop shows next to a product, a basket or an order."""

import pytest
from django.core.management import call_command
from oscar.core.loading import get_class, get_model

from commerce.recommendations.models import Exclusion, Recommendation
from commerce.recommendations.service import recommendations_for
from tests.cms.product_page_support import make_page
from tests.commerce.recommendations.history_support import bought, bought_times
from tests.factories import ParentProductFactory, ProductClassFactory, ProductFactory

ProductRecommendation = get_model("catalogue", "ProductRecommendation")
Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")
Selector = get_class("partner.strategy", "Selector")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def titles(products):
    return [product.get_title() for product in products]


def compute():
    call_command("compute_recommendations", verbosity=0)


def test_computed_ones_follow_the_history(shelf):
    bought_times(6, [shelf["phone"], shelf["case"], shelf["glass"]])
    bought_times(2, [shelf["phone"], shelf["charger"]])
    bought_times(4, [shelf["book"]])
    compute()

    found = recommendations_for(shelf["phone"], "product", 4)

    assert titles(found)[:2] == ["Hoesje", "Screenprotector"] or titles(found)[:2] == [
        "Screenprotector",
        "Hoesje",
    ]
    assert "Snellader" in titles(found)
    assert shelf["phone"] not in found


def test_hand_picked_ones_come_first_and_exclusions_hold(shelf):
    bought_times(6, [shelf["phone"], shelf["case"], shelf["glass"]])
    compute()
    ProductRecommendation.objects.create(primary=shelf["phone"], recommendation=shelf["cable"], ranking=5)
    ProductRecommendation.objects.create(primary=shelf["phone"], recommendation=shelf["book"], ranking=9)
    Exclusion.objects.create(page=shelf["phone"].page, product=shelf["glass"])

    found = titles(recommendations_for(shelf["phone"], "product", 4))

    assert found[:3] == ["Het polderjaar", "USB-C-kabel", "Hoesje"]
    assert "Screenprotector" not in found


def test_an_out_of_stock_unpublished_or_hidden_product_is_never_recommended(shelf):
    bought_times(5, [shelf["phone"], shelf["case"], shelf["glass"], shelf["charger"], shelf["cable"]])
    compute()
    stock = shelf["case"].stockrecords.get()
    stock.num_in_stock, stock.num_allocated = 3, 3
    stock.save()
    shelf["glass"].page.unpublish()
    shelf["charger"].is_public = False
    shelf["charger"].save()

    found = titles(recommendations_for(shelf["phone"], "product", 10))

    assert found == ["USB-C-kabel"]


def test_a_service_without_stock_tracking_is_recommended(shelf):
    backup = ProductFactory(
        title="Cloudbackup", product_class=ProductClassFactory(service=True), num_in_stock=0
    )
    make_page(product_index_of(shelf), backup, images=0, specs=0, tips=0)
    bought_times(3, [shelf["phone"], backup])
    compute()

    assert titles(recommendations_for(shelf["phone"], "product", 4)) == ["Cloudbackup"]


def product_index_of(shelf):
    return shelf["phone"].page.get_parent()


def test_variants_count_for_their_parent_both_ways(shelf):
    jeans = ParentProductFactory(title="Jeans", children=[("W32", "79.95"), ("W34", "79.95")])
    make_page(product_index_of(shelf), jeans, images=0, specs=0, tips=0)
    small, large = jeans.children.order_by("pk")
    bought_times(2, [small, shelf["case"]])
    bought_times(2, [large, shelf["case"]])
    compute()

    row = Recommendation.objects.get(product=shelf["case"], recommended=jeans)
    assert row.together == 4
    assert titles(recommendations_for(small, "product", 4)) == ["Hoesje"]
    assert titles(recommendations_for(shelf["case"], "product", 4)) == ["Jeans"]


def test_a_returned_line_is_not_a_signal(shelf):
    bought_times(4, [shelf["phone"], shelf["case"]], returned=[shelf["case"]])
    bought_times(2, [shelf["phone"], shelf["glass"]])
    compute()

    assert not Recommendation.objects.filter(product=shelf["phone"], recommended=shelf["case"]).exists()
    assert Recommendation.objects.filter(product=shelf["phone"], recommended=shelf["glass"]).exists()


def test_a_cancelled_order_is_not_a_signal(shelf):
    bought_times(3, [shelf["phone"], shelf["case"]], status="Geannuleerd")
    compute()

    assert not Recommendation.objects.exists()


def test_a_basket_gets_what_fits_all_its_lines_but_nothing_it_holds(shelf):
    bought_times(5, [shelf["phone"], shelf["case"], shelf["glass"]])
    bought_times(3, [shelf["case"], shelf["cable"]])
    compute()
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product in (shelf["phone"], shelf["case"]):
        basket.add_product(product)

    found = titles(recommendations_for(basket, "basket", 4))

    assert found[0] == "Screenprotector"  # fits both lines
    assert "USB-C-kabel" in found
    assert "Nordphone 6" not in found
    assert "Hoesje" not in found


def test_thin_history_falls_back_to_best_sellers_of_the_same_category(shelf):
    bought_times(6, [shelf["charger"]])
    bought_times(3, [shelf["cable"]])
    bought_times(9, [shelf["book"]])  # another category: not a fallback for a phone
    compute()

    assert titles(recommendations_for(shelf["phone"], "product", 4)) == ["Snellader", "USB-C-kabel"]


def test_links_carry_their_placement(shelf):
    bought_times(2, [shelf["phone"], shelf["case"]])
    compute()

    (case,) = recommendations_for(shelf["phone"], "basket", 4)

    assert case.recommendation_url == f"{shelf['case'].page.url}?aanbevolen=basket"


def test_an_order_gets_recommendations_for_its_lines(shelf):
    bought_times(3, [shelf["phone"], shelf["case"]])
    compute()
    order = bought([shelf["phone"]])

    assert titles(recommendations_for(order, "email", 3)) == ["Hoesje"]
