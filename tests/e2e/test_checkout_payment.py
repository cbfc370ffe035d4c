"""ACCEPTANCE (issue 4): paying by card in Chromium against localstripe.

The card is typed into localstripe's Stripe.js stand-in; static/js/localstripe-bridge.js lets it
confirm the PaymentIntent the way real Stripe.js would (see commerce/payments/
localstripe_bridge.py). live_server runs in a thread of this process and tasks run inline, so
the confirmation e-mail is in django.core.mail.outbox when the thank-you page shows.
"""

import re
from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model
from playwright.sync_api import expect

from commerce.shipping.countries import ensure_countries
from tests.factories import ProductClassFactory, ProductFactory

Order = get_model("order", "Order")

pytestmark = pytest.mark.browser

VISA = "4242424242424242"
NEEDS_3DS = "4000002760003184"
DECLINED = "4000000000000002"


@pytest.fixture
def products(home_page):
    ensure_countries()  # live_server tests start from flushed tables: the migration's rows are gone
    return [
        ProductFactory(title="Luidspreker Aria", price=Decimal("30.25")),  # 21 % VAT
        ProductFactory(
            title="Kookboek Seizoenen", price=Decimal("24.50"), product_class=ProductClassFactory(books=True)
        ),  # 9 % VAT
    ]


def to_payment_page(page, base, products):
    """Guest: basket -> e-mail -> Dutch address -> standard delivery -> review and pay."""
    for product in products:
        page.goto(base + product.get_absolute_url())
        page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto(base + "/checkout/")
    page.fill("#id_username", "sanne@example.test")
    page.check("input[name=options][value=anonymous]")
    page.locator("form.checkout-gateway button[type=submit]").click()
    address_and_standard_delivery(page)


def address_and_standard_delivery(page):
    """The checkout's address step with a Dutch address, then standard delivery."""
    type_address(page)
    page.select_option("#id_country", "NL")
    page.locator("#new_shipping_address button[type=submit]").click()
    page.locator("form:has(input[name=method_code][value=standaard]) button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/checkout/payment-details/$"))


def type_address(page):
    """Sanne's Dutch address as a shopper types it (the postcode loosely)."""
    page.fill("#id_first_name", "Sanne")
    page.fill("#id_last_name", "de Vries")
    page.fill("#id_line1", "Oudegracht")
    page.fill("#id_line2", "12a")
    page.fill("#id_postcode", "3511ab")
    page.fill("#id_line4", "Utrecht")


def type_card(page, number):
    card = page.locator("#card-element")
    card.locator("input[placeholder=number]").fill(number)
    card.locator("input[placeholder=exp_month]").fill("12")
    card.locator("input[placeholder=exp_year]").fill("30")
    card.locator("input[placeholder=cvc]").fill("123")
    card.locator("input[placeholder=postal_code]").fill("3511AB")


def basket_titles(page, base):
    page.goto(base + "/basket/")
    return set(page.locator(".basket-line__title").all_inner_texts())


@pytest.mark.rule("N2", "W5", "W12")
def test_guest_buys_two_products_with_a_card_and_gets_the_confirmation_e_mail(
    live_server, products, page, stripe_api
):
    to_payment_page(page, live_server.url, products)
    review = page.locator(".vat-by-rate")
    expect(review).to_contain_text("21% btw")
    expect(review).to_contain_text("9% btw")

    type_card(page, VISA)
    page.click("#pay-button")

    expect(page).to_have_url(re.compile(r"/checkout/thank-you/$"))
    order = Order.objects.get()
    expect(page.locator("main")).to_contain_text(order.number)
    assert order.total_incl_tax == Decimal("54.75")  # free standard delivery from € 50,00
    assert order.shipping_address.postcode == "3511 AB"
    [email] = [message for message in mail.outbox if order.number in message.subject]
    assert email.to == ["sanne@example.test"]
    body = email.body.replace("\xa0", " ")
    assert "Btw 21%" in body  # VAT per rate (N2)
    assert "Btw 9%" in body
    assert "Herroepingsrecht" in body  # W5
    assert "Modelformulier voor herroeping" in body  # W12


def test_card_4242_payment_completes_under_the_content_security_policy(
    live_server, products, page, stripe_api, csp_violations
):
    """The payment page's policy allows Stripe.js (here localstripe's stand-in at
    STRIPE_API_BASE), its frames and API and our own scripts, nothing inline without the nonce;
    the `page` fixture fails the test on anything the policy blocked on the way."""
    to_payment_page(page, live_server.url, products)
    response = page.reload()
    policy = response.headers["content-security-policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'nonce-" in script_src
    assert stripe_api.base in script_src
    assert "unsafe-inline" not in policy

    type_card(page, VISA)
    page.click("#pay-button")

    expect(page).to_have_url(re.compile(r"/checkout/thank-you/$"))
    assert Order.objects.count() == 1
    assert csp_violations == []


def test_3d_secure_card_completes_after_authentication(live_server, products, page, stripe_api):
    to_payment_page(page, live_server.url, products[:1])
    type_card(page, NEEDS_3DS)
    page.click("#pay-button")

    page.get_by_role("button", name="Complete authentication").click()

    expect(page).to_have_url(re.compile(r"/checkout/thank-you/$"))
    assert Order.objects.count() == 1


def test_3d_secure_refused_shows_the_message_places_no_order_and_paying_again_works(
    live_server, products, page, stripe_api
):
    to_payment_page(page, live_server.url, products[:1])
    type_card(page, NEEDS_3DS)
    page.click("#pay-button")

    page.get_by_role("button", name="Fail authentication").click()

    expect(page.locator("#payment-errors")).to_have_text(
        "De verificatie bij uw bank (3-D Secure) is niet gelukt. "
        "Er is niets afgeschreven; probeer het opnieuw."
    )
    expect(page).to_have_url(re.compile(r"/checkout/payment-details/$"))
    assert Order.objects.count() == 0
    # Same page, same card typed: authenticate this time.
    page.click("#pay-button")
    page.get_by_role("button", name="Complete authentication").click()
    expect(page).to_have_url(re.compile(r"/checkout/thank-you/$"))
    assert Order.objects.count() == 1


def test_declined_card_shows_the_message_keeps_basket_and_form_values_and_places_no_order(
    live_server, products, page, stripe_api
):
    to_payment_page(page, live_server.url, products)
    type_card(page, DECLINED)

    page.click("#pay-button")

    expect(page.locator("#payment-errors")).to_have_text(
        "Uw kaart is geweigerd. Er is niets afgeschreven. Probeer een andere kaart of betaal met iDEAL."
    )
    # No reload: the card typed is still there and the button works again.
    expect(page.locator("#card-element input[placeholder=number]")).to_have_value(DECLINED)
    expect(page.locator("#pay-button")).to_be_enabled()
    assert Order.objects.count() == 0
    assert basket_titles(page, live_server.url) >= {"Luidspreker Aria", "Kookboek Seizoenen"}
