"""The customer's order pages (issue 4 item 10; W2, N2, S4): account history and detail, and
the guest's signed link from the confirmation e-mail, which shows the same order body."""

from datetime import date
from decimal import Decimal

import pytest
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from commerce.invoices.models import Invoice
from commerce.order.guest_links import order_token
from commerce.shipping.methods import standard
from tests.factories import ProductClassFactory, ProductFactory, UserFactory
from tests.stripe_support import basket_with, dutch_address

ShippingAddress = get_model("order", "ShippingAddress")
ShippingEventType = get_model("order", "ShippingEventType")
Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db


def order_for(user=None, guest_email=""):
    """€ 20,00 at 21 % and € 12,50 at 9 %: standard delivery € 4,95 at 21 % (the highest rate)."""
    lamp = ProductFactory(title="Bureaulamp Noor", price=Decimal("20.00"))
    book = ProductFactory(
        title="Kookboek Oogst", price=Decimal("12.50"), product_class=ProductClassFactory(books=True)
    )
    address = dutch_address()
    address["country"] = Country.objects.get(iso_3166_1_a2=address.pop("country"))
    return create_order(
        basket=basket_with([(lamp, 1), (book, 1)], user),
        user=user,
        shipping_method=standard(),
        shipping_address=ShippingAddress.objects.create(**address),
        guest_email=guest_email,
        status="Verzonden",
    )


def ship(order, lines_and_quantities, tracking_code, delivered_on=None):
    dispatched, _created = ShippingEventType.objects.get_or_create(
        code="dispatched", defaults={"name": "Verzonden"}
    )
    event = order.shipping_events.create(
        event_type=dispatched, tracking_code=tracking_code, delivered_on=delivered_on
    )
    for line, quantity in lines_and_quantities:
        event.line_quantities.create(line=line, quantity=quantity)
    return event


def page_text(response):
    return response.content.decode().replace("\xa0", " ")


@pytest.mark.rule("N2")
def test_order_history_lists_only_the_customers_own_orders(client):
    owner, other = UserFactory(), UserFactory()
    mine, theirs = order_for(owner), order_for(other)
    client.force_login(owner)
    response = client.get("/accounts/orders/")
    text = page_text(response)
    assert response.status_code == 200
    assert f"/accounts/orders/{mine.number}/" in text
    assert str(theirs.number) not in text
    assert "Verzonden" in text  # status
    assert "€ 37,45" in text  # total incl. btw (N2)


@pytest.mark.rule("N2", "S4")
def test_n2_order_detail_shows_lines_with_vat_rate_and_vat_per_rate(client):
    owner = UserFactory()
    order = order_for(owner)
    client.force_login(owner)
    response = client.get(f"/accounts/orders/{order.number}/")
    text = page_text(response)
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex' in text  # S4
    assert "Bureaulamp Noor" in text
    assert "€ 20,00" in text
    assert "21%" in text
    assert "Kookboek Oogst" in text
    assert "€ 12,50" in text
    assert "9%" in text
    assert "Standaard (1–3 werkdagen)" in text
    assert "€ 4,95" in text
    assert "Totaal incl. btw" in text
    assert "€ 37,45" in text
    # 21 %: 20,00 + 4,95 delivery -> 3,47 + 0,86; 9 %: 12,50 -> 1,03.
    assert "Btw 21% (over € 20,62)" in text
    assert "€ 4,33" in text
    assert "Btw 9% (over € 11,47)" in text
    assert "€ 1,03" in text
    assert "Oudegracht" in text
    assert "3511 AB" in text


def test_another_customers_order_number_is_not_found(client):
    order = order_for(UserFactory())
    client.force_login(UserFactory())
    assert client.get(f"/accounts/orders/{order.number}/").status_code == 404


@pytest.mark.rule("W2")
def test_w2_each_shipment_shows_its_date_lines_tracking_and_delivery_date(client):
    owner = UserFactory()
    order = order_for(owner)
    lamp, book = order.lines.order_by("title")
    ship(order, [(lamp, 1)], "3SWNK0001", delivered_on=date(2026, 4, 1))
    ship(order, [(book, 1)], "3SWNK0002")
    client.force_login(owner)
    text = page_text(client.get(f"/accounts/orders/{order.number}/"))
    assert "Pakket 1" in text
    assert "Pakket 2" in text
    assert "3SWNK0001" in text
    assert "3SWNK0002" in text
    assert "1 x Bureaulamp Noor" in text
    assert "1 x Kookboek Oogst" in text
    assert 'Afgeleverd op: <span class="shipment__delivered">1 april 2026</span>' in text
    assert "nog onderweg" in text  # the second parcel has no delivery date yet


@pytest.mark.rule("S4")
def test_guest_link_shows_the_order_and_carries_the_token_to_invoice_links(client):
    order = order_for(guest_email="gast@example.test")
    invoice = Invoice.objects.create(
        order=order, series="2026", sequence=1, number="2026-000001", issued_on=date(2026, 4, 2), snapshot={}
    )
    token = order_token(order)
    response = client.get(f"/bestelling/{token}/")
    text = page_text(response)
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex' in text
    assert str(order.number) in text
    assert "Kookboek Oogst" in text
    assert "Btw 9%" in text
    assert f'href="{invoice.get_absolute_url()}?t={token}"' in text
    assert "2 april 2026" in text


def test_tampered_or_foreign_guest_links_are_not_found(client):
    order = order_for(guest_email="gast@example.test")
    token = order_token(order)
    number, signature = token.split(":", 1)
    forged = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    assert client.get(f"/bestelling/{number}:{forged}/").status_code == 404
    assert client.get(f"/bestelling/{order.number}/").status_code == 404
    assert client.get("/bestelling/niet-bestaand/").status_code == 404
