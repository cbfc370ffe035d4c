"""Orders paid at localstripe, dispatched and delivered, for the returns tests."""

from datetime import timedelta

from django.utils import timezone

from commerce.order import shipments
from commerce.payments import gateway
from commerce.payments.placement import place_order
from tests.stripe_support import checkout_data, paid_checkout


def stripe_paid_order(items, user=None, shipping_method="standaard", email="sanne@example.test"):
    """A paid order whose PaymentIntent was captured at localstripe (the refund's source, W9)."""
    payment, _intent = paid_checkout(items, user, checkout_data(email=email, shipping_method=shipping_method))
    return place_order(payment.payment_intent_id).order


def ship_everything(order, delivered_days_ago: int = 1):
    """Dispatch every line in one parcel and record its delivery `delivered_days_ago` days ago."""
    left = [(line, quantity) for line, quantity in shipments.left_to_ship(order).items() if quantity]
    shipment, _invoice = shipments.dispatch(order, left, "3STEST123")
    shipments.ShippingEvent.objects.filter(pk=shipment.pk).update(
        date_created=timezone.now() - timedelta(days=delivered_days_ago + 1)
    )
    shipment.refresh_from_db()
    shipments.record_delivery(shipment, timezone.localdate() - timedelta(days=delivered_days_ago))
    order.refresh_from_db()
    return order


def refunded_at_stripe(order) -> list[int]:
    """The amounts (cents) localstripe refunded for the order's PaymentIntent."""
    return [refund.amount for refund in gateway.refunds_of(order.checkout_payment.payment_intent_id)]
