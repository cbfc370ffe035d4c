"""A shopper in Chromium: home → category → product → basket, in Dutch, then in English.

Also: the storefront fits a 375 px phone without sideways scrolling, and its menu opens
from the keyboard.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.factories import CategoryFactory, ProductClassFactory, ProductFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def shop(home_page):
    audio = CategoryFactory(name="Audio")
    speaker = ProductFactory(
        title="Luidspreker Aria",
        price=Decimal("1234.56"),
        product_class=ProductClassFactory(name="Elektronica"),
        categories=[audio],
    )
    ProductFactory(title="Hoofdtelefoon Sono", price=Decimal("89.95"), categories=[audio])
    return {"category": audio, "product": speaker}


@pytest.mark.rule("N1", "N2")
def test_shopper_goes_from_home_to_basket_in_dutch_then_switches_to_english(live_server, shop, page):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    page.locator("main").get_by_role("link", name="Audio").click()
    expect(page.locator("h1")).to_have_text("Audio")

    page.locator("main .product-card").get_by_role("link", name="Luidspreker Aria").click()
    expect(page.locator(".product_main h1")).to_have_text("Luidspreker Aria")
    price = page.locator(".product_main .price_color")
    expect(price).to_contain_text(re.compile(r"€\s1\.234,56\s+incl\. btw"))

    add = page.locator("#add_to_basket_form button[type=submit]")
    expect(add).to_have_text("In winkelmand")
    add.click()
    expect(page.locator(".site-basket__count")).to_have_text("1")

    page.locator("a.site-basket").click()
    expect(page).to_have_url(re.compile(r"/basket/$"))
    expect(page.locator("h1")).to_have_text("Winkelmand")
    expect(page.locator(".basket-line__title")).to_have_text("Luidspreker Aria")
    expect(page.locator("#order-total")).to_have_text(re.compile(r"^€\s1\.234,56$"))
    expect(page.locator(".order-total .vat-note")).to_have_text("incl. btw")

    page.locator(".language-switcher").get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/basket/$"))
    expect(page.locator("h1")).to_have_text("Basket")
    expect(page.locator("a.site-basket")).to_contain_text("Basket")
    expect(page.locator("#order-total")).to_have_text(re.compile(r"^€\s?1,234\.56$"))
    expect(page.locator(".order-total .vat-note")).to_have_text("incl. VAT")
    expect(page.locator(".site-footer")).to_contain_text("All prices include VAT.")
    expect(page.locator(".language-switcher button")).to_have_text("Nederlands")


def test_storefront_fits_a_375px_phone_and_the_menu_opens_from_the_keyboard(live_server, shop, page):
    page.set_viewport_size({"width": 375, "height": 800})
    urls = [
        "/",
        shop["category"].get_absolute_url(),
        shop["product"].get_absolute_url(),
        "/basket/",
        "/accounts/login/",
    ]
    for url in urls:
        page.goto(live_server.url + url)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 375, f"{url} scrolls sideways on a phone ({scroll_width}px wide)"

    page.goto(live_server.url + "/")
    first_category = page.locator(".site-nav__list a").first
    expect(first_category).to_be_hidden()

    # Tab from the top of the page to the menu toggle, as a keyboard user would.
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-nav-toggle":
            break
    focused = page.evaluate("document.activeElement.id")
    assert focused == "site-nav-toggle", "the menu toggle is not reachable by Tab"
    page.keyboard.press("Space")

    expect(first_category).to_be_visible()
    page.keyboard.press("Tab")
    expect(first_category).to_be_focused()


UNLABELLED_FIELDS = """() => Array.from(document.querySelectorAll("input, select, textarea"))
    .filter(el => el.type !== "hidden" && el.getClientRects().length > 0)
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute("aria-label")
                  && !el.getAttribute("aria-labelledby"))
    .map(el => el.name || el.id || el.outerHTML)"""


def test_every_visible_form_field_has_a_label(live_server, shop, page):
    product_url = shop["product"].get_absolute_url()
    page.goto(live_server.url + product_url)
    page.locator("#add_to_basket_form button[type=submit]").click()

    for url in [
        "/",
        shop["category"].get_absolute_url(),
        product_url,
        "/basket/",
        "/checkout/",
        "/accounts/login/",
        "/search/?q=aria",
    ]:
        page.goto(live_server.url + url)
        assert page.evaluate(UNLABELLED_FIELDS) == [], f"fields without a label on {url}"

    # The skip link is the first stop for the keyboard and leads to the main content.
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
