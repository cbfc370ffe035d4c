"""Stripe webhook events: stored once, then handled in a task.

Handling never trusts the state in the event body: Stripe may deliver events late, twice or out
of order. Every handler re-reads the PaymentIntent from Stripe (placement does that itself), so
a `payment_failed` that arrives after `succeeded` cannot undo anything, and a replayed event
finds the order already placed.
"""

import logging
from datetime import UTC, datetime

from django.utils import timezone

from commerce.payments import gateway, placement
from commerce.payments.models import CheckoutPayment, StripeEvent
from commerce.returns import refunds

logger = logging.getLogger(__name__)

# Events that mean "money is authorised or paid": place the order.
PLACING_TYPES = frozenset({"payment_intent.succeeded", "payment_intent.amount_capturable_updated"})
# Events that mean "this attempt failed or was given up": keep the payment's status current.
FAILING_TYPES = frozenset({"payment_intent.payment_failed", "payment_intent.canceled"})
# A refund went through (real Stripe sends it; localstripe does not): finish the shop's record.
REFUNDED_TYPES = frozenset({"charge.refunded"})


def record(event: dict) -> tuple[StripeEvent, bool]:
    """Store a verified event; `created` is False for a duplicate or replayed event id."""
    data_object = event.get("data", {}).get("object", {})
    return StripeEvent.objects.get_or_create(
        event_id=event["id"],
        defaults={
            "type": event.get("type", ""),
            "object_id": data_object.get("id", "") if isinstance(data_object, dict) else "",
            "stripe_created": datetime.fromtimestamp(int(event.get("created", 0)), tz=UTC),
            "payload": event,
        },
    )


def place(payment_intent_id: str) -> str:
    try:
        placed = placement.place_order(payment_intent_id)
    except CheckoutPayment.DoesNotExist:
        return "ignored: not a checkout payment of this shop"
    except placement.PaymentNotComplete as error:
        return f"not placed: payment is {error.status}"
    except placement.OrderRefused as error:
        return f"refused: {error.reason}"
    state = "placed" if placed.created else "already placed"
    return f"order {placed.order.number} {state}"


def note_failure(payment_intent_id: str) -> str:
    payment = CheckoutPayment.objects.filter(payment_intent_id=payment_intent_id).first()
    if payment is None:
        return "ignored: not a checkout payment of this shop"
    if payment.order is not None:
        return f"ignored: order {payment.order.number} already placed"
    intent = gateway.retrieve_intent(payment_intent_id)
    error = intent.last_payment_error
    # Only this row, and only while it has no order: placement may be running concurrently.
    CheckoutPayment.objects.filter(pk=payment.pk, order=None).update(
        status=intent.status,
        failure_code=(error.code or error.decline_code or "") if error else "",
        updated_at=timezone.now(),
    )
    return f"payment is {intent.status}"


def handle(event: StripeEvent) -> str:
    if event.type in PLACING_TYPES:
        return place(event.object_id)
    if event.type in FAILING_TYPES:
        return note_failure(event.object_id)
    if event.type in REFUNDED_TYPES:
        charge = event.payload.get("data", {}).get("object", {})
        intent_id = charge.get("payment_intent") if isinstance(charge, dict) else None
        if not isinstance(intent_id, str) or not intent_id:
            return "ignored: refund without a PaymentIntent"
        return refunds.confirm_from_stripe(intent_id)
    return "ignored: event type not handled"


def process(event_id: str) -> str:
    """Handle one stored event once. Stripe unreachable: `gateway.PaymentUnavailable` propagates
    and the event stays unprocessed (`processed_at` empty) for `retry_stripe_events`."""
    event = StripeEvent.objects.get(event_id=event_id)
    if event.processed_at is not None:
        return event.outcome
    try:
        outcome = handle(event)
    except gateway.PaymentUnavailable:
        StripeEvent.objects.filter(pk=event.pk).update(outcome="waiting: Stripe unavailable")
        raise
    event.processed_at = timezone.now()
    event.outcome = outcome[:255]
    event.save(update_fields=["processed_at", "outcome"])
    logger.info("Stripe event %s (%s): %s", event.event_id, event.type, outcome)
    return outcome
