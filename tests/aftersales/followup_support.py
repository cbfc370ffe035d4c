"""Delivered orders on a fixed calendar for the follow-up plan's tests (A6): placed on Monday
2 March 2026, delivered on Thursday 5 March; the plan counts from the delivery."""

from datetime import date, datetime, time
from decimal import Decimal

from django.core import mail
from oscar.core.loading import get_model

from aftersales import consent, followups
from aftersales.customers import customer_for
from aftersales.models import FollowUp
from cms.models import ProductIndexPage
from commerce.order import shipments
from home.clock import AMSTERDAM
from tests.cms.product_page_support import make_page, product_index
from tests.commerce.fulfilment_support import paid_order
from tests.factories import ProductFactory

Order = get_model("order", "Order")
ShippingEvent = get_model("order", "ShippingEvent")

PLACED_ON = date(2026, 3, 2)  # a Monday
DELIVERED_ON = date(2026, 3, 5)  # the Thursday after


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """That moment in Amsterdam: the fixed clock the tests send at."""
    return datetime.combine(day, time(hour, minute), AMSTERDAM)


def shelf_product(title="Theepot", tips=1, lifetime_days=None):
    """A product with a live page holding `tips` usage tips, in a class with `lifetime_days`."""
    product = ProductFactory(title=title, price=Decimal("30.00"), num_in_stock=100)
    if lifetime_days:
        product.product_class.lifetime_days = lifetime_days
        product.product_class.save()
    make_page(ProductIndexPage.objects.first() or product_index(), product, images=0, specs=0, tips=tips)
    return product


def delivered_order(
    product, email="sanne@example.test", placed_on=PLACED_ON, delivered_on=DELIVERED_ON, language="nl"
):
    """A paid order of `product`, placed at 10:00 on `placed_on`, shipped that day and delivered on
    `delivered_on`, with its follow-up plan made (as the on-delivery task makes it)."""
    order = paid_order([(product, 1)], email=email, language=language)
    Order.objects.filter(pk=order.pk).update(date_placed=at(placed_on))
    left = [(line, quantity) for line, quantity in shipments.left_to_ship(order).items() if quantity]
    shipment, _invoice = shipments.dispatch(order, left, "3STEST123")
    ShippingEvent.objects.filter(pk=shipment.pk).update(date_created=at(placed_on, 15))
    shipment.refresh_from_db()
    shipments.record_delivery(shipment, delivered_on, today=delivered_on)
    order.refresh_from_db()
    followups.plan(order)
    return order


def with_consent(order):
    customer = customer_for(order)
    consent.record(customer, True, consent.Source.ACCOUNT, at=at(PLACED_ON, 9))
    return customer


def plan_of(order) -> dict[str, FollowUp]:
    return {follow_up.kind: follow_up for follow_up in FollowUp.objects.filter(order=order)}


def subjects() -> list[str]:
    return [message.subject for message in mail.outbox]
