"""Query counts of the review-and-pay page, the customer's order page and the guest's order
page: more lines, shipments, invoices and returns must not mean more queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commerce.order import shipments
from commerce.order.guest_links import order_token
from commerce.returns import withdrawing
from tests.commerce.fulfilment_support import paid_order
from tests.commerce.test_checkout_flow import to_payment_page
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


def order_with(user, products: int):
    """An order of `products` lines, each shipped as its own parcel (one invoice each)."""
    items = [(ProductFactory(price=Decimal("12.10"), num_in_stock=5), 1) for _ in range(products)]
    order = paid_order(items, user=user)
    for line in order.lines.order_by("pk"):
        shipments.dispatch(order, [(line, 1)], tracking_code=f"3S{line.pk:08d}")
    return order


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_account_order_page_queries_do_not_grow_with_lines_shipments_or_invoices(client, shop):
    customer = UserFactory()
    small, large = order_with(customer, 1), order_with(customer, 6)
    client.force_login(customer)
    page = "customer:order"
    queries(client, reverse(page, kwargs={"order_number": small.number}))  # warm caches (site, settings)

    one = queries(client, reverse(page, kwargs={"order_number": small.number}))
    six = queries(client, reverse(page, kwargs={"order_number": large.number}))

    assert large.invoices.count() == 6
    assert small.invoices.count() == 1
    print(f"order page: {one} queries for 1 line/parcel/invoice, {six} for 6 of each")
    assert six == one
    assert one <= 30


def test_guest_order_page_queries_do_not_grow_with_lines_shipments_or_invoices(client, shop):
    small, large = order_with(None, 1), order_with(None, 6)

    def url(order):
        return reverse("order-guest-detail", kwargs={"token": order_token(order)})

    queries(client, url(small))
    one, six = queries(client, url(small)), queries(client, url(large))
    print(f"order page: {one} queries for 1 line/parcel/invoice, {six} for 6 of each")
    assert six == one
    assert one <= 18  # 13 before the withdrawal button (W18), whose window reads the parcels


def test_review_and_pay_page_queries_do_not_grow_with_the_basket(shop):
    def payment_page_queries(products: int) -> int:
        client = Client()
        to_payment_page(client, [(ProductFactory(price=Decimal("12.10")), 1) for _ in range(products)])
        return queries(client, reverse("checkout:payment-details"))

    one, six = payment_page_queries(1), payment_page_queries(6)
    print(f"review-and-pay page: {one} queries for 1 basket line, {six} for 6")
    assert six == one
    assert one <= 25


def order_with_returns(user, returns: int):
    """A delivered order of `returns` lines, each withdrawn in a return of its own."""
    order = order_with(user, returns)
    for shipment in shipments.dispatches(order):
        shipments.record_delivery(shipment, timezone.localdate())
    for line in order.lines.order_by("pk"):
        withdrawing.withdraw(order, [withdrawing.LineChoice(line, 1)], name="Sanne", email=order.email)
    return order


@pytest.mark.rule("W18")
def test_order_page_queries_do_not_grow_with_returns(client, shop):
    customer = UserFactory()
    one_return, four_returns = order_with_returns(customer, 1), order_with_returns(customer, 4)
    client.force_login(customer)

    def url(order):
        return reverse("customer:order", kwargs={"order_number": order.number})

    queries(client, url(one_return))
    one, four = queries(client, url(one_return)), queries(client, url(four_returns))

    assert four_returns.returns.count() == 4
    assert "Herroeping intrekken" in client.get(url(four_returns)).content.decode()
    print(f"order page: {one} queries for 1 return, {four} for 4")
    assert four == one
    guest_one, guest_four = order_with_returns(None, 1), order_with_returns(None, 4)

    def guest_url(order):
        return reverse("order-guest-detail", kwargs={"token": order_token(order)})

    queries(client, guest_url(guest_one))
    assert queries(client, guest_url(guest_four)) == queries(client, guest_url(guest_one))
