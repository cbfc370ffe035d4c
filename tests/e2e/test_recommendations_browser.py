"""A shopper in Chromium follows "Vaak samen gekocht" and "Maak het compleet"; the click and the
addition are counted for their placements."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from commerce.recommendations import counting
from commerce.recommendations.models import PlacementCount
from tests.cms.product_page_support import make_page, product_index
from tests.commerce.recommendations.history_support import bought_times
from tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def shop(home_page, media):
    index = product_index()
    phones = CategoryFactory(name="Telefoons")
    phone = ProductFactory(title="Nordphone 6", categories=[phones], price=Decimal("399.00"))
    case = ProductFactory(title="Hoesje van leer", categories=[phones], price=Decimal("24.95"))
    glass = ProductFactory(title="Screenprotector", categories=[phones], price=Decimal("12.95"))
    for product in (phone, case, glass):
        make_page(index, product, images=0, specs=0, tips=0)
    bought_times(8, [phone, case])
    bought_times(3, [phone, glass])
    call_command("compute_recommendations", verbosity=0)
    counting.buffer.discard()
    yield {"phone": phone, "case": case}
    counting.buffer.discard()


def test_shopper_follows_a_recommendation_and_completes_the_basket(live_server, shop, page):
    page.goto(live_server.url + shop["phone"].page.url)
    page.locator("#add_to_basket_form button[type=submit]").click()
    expect(page.locator(".site-basket__count")).to_have_text("1")

    section = page.locator("section.recommendations")
    expect(section.locator("h2")).to_have_text("Vaak samen gekocht")
    expect(section.locator(".product-card__title").first).to_have_text("Hoesje van leer")
    section.get_by_role("link", name="Hoesje van leer").click()
    expect(page).to_have_url(re.compile(r"/hoesje-van-leer/\?aanbevolen=product$"))
    expect(page.locator(".product_main h1")).to_contain_text("Hoesje van leer")

    page.locator("a.site-basket").click()
    complete = page.locator("section.recommendations--basket")
    expect(complete.locator("h2")).to_have_text("Maak het compleet")
    complete.get_by_role("button", name=re.compile("Hoesje van leer")).click()

    expect(page).to_have_url(re.compile(r"/basket/$"))
    expect(page.locator(".basket-line__title")).to_have_count(2)
    expect(page.locator(".basket-line__title").filter(has_text="Hoesje van leer")).to_have_count(1)
    counting.buffer.flush()
    counts = {
        (row.placement, row.product_id): (row.clicks, row.additions) for row in PlacementCount.objects.all()
    }
    assert counts == {("product", shop["case"].pk): (1, 0), ("basket", shop["case"].pk): (0, 1)}
