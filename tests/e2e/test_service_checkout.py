"""A service bought in Chromium against localstripe (issue 11 item 7): the checkout asks the
name and billing address the invoice needs (N3) and the express consent to start at once
(W13 a), which the browser sends along with "pay" and the order line keeps with its time."""

import re
from decimal import Decimal

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from commerce.catalogue.withdrawal_exceptions import WithdrawalException
from commerce.shipping.countries import ensure_countries
from tests.e2e.test_checkout_payment import VISA, type_address, type_card
from tests.factories import ProductClassFactory, ProductFactory

Order = get_model("order", "Order")

pytestmark = pytest.mark.browser


@pytest.mark.rule("W13", "N3")
def test_guest_buys_a_service_with_the_consent_ticked(live_server, home_page, page, stripe_api):
    ensure_countries()  # live_server tests start from flushed tables
    services = ProductClassFactory(
        service=True, name="Installatie aan huis", withdrawal_exception=WithdrawalException.SERVICE_PERFORMED
    )
    service = ProductFactory(title="Zonnepaneel installeren", price=Decimal("120.00"), product_class=services)
    base = live_server.url

    page.goto(base + service.get_absolute_url())
    expect(page.locator(".withdrawal-exception")).to_contain_text(
        "Zonder die toestemming heb je gewoon 14 dagen"
    )
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto(base + "/checkout/")
    page.fill("#id_username", "sanne@example.test")
    page.check("input[name=options][value=anonymous]")
    page.locator("form.checkout-gateway button[type=submit]").click()
    # Nothing to deliver: the name and billing address for the invoice instead.
    expect(page).to_have_url(re.compile(r"/checkout/billing-address/$"))
    type_address(page)
    page.locator("#billing_address_form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/checkout/payment-details/$"))

    consent = page.get_by_label(re.compile("Ik wil dat jullie direct beginnen"))
    expect(consent).not_to_be_checked()
    consent.check()
    type_card(page, VISA)
    page.click("#pay-button")

    expect(page).to_have_url(re.compile(r"/checkout/thank-you/$"))
    order = Order.objects.get()
    assert order.lines.get().performance_consent_at is not None
    assert order.billing_address.postcode == "3511 AB"
    assert order.shipping_address is None
