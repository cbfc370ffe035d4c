"""Place the order for a PaymentIntent: exactly once, whoever asks first.

The browser's return and Stripe's webhook both call `place_order`, possibly at the same moment.
The order is written in one short transaction that locks the `CheckoutPayment` row, which carries
a one-to-one link to the order, so the second caller waits for that transaction and then finds
the order the first one placed. The order number is derived from the payment's frozen basket,
which is unique per PaymentIntent, so even a database that ignores row locks cannot store two
orders for one payment.

No Stripe call is made inside that transaction (steps.py). A card payment is only authorised in
the browser: the order is written with status "Nieuw" and the payment in step "capturing"; after
commit the card is captured, and a second short transaction records it and sets "Betaald" (an
order that is not "Betaald" cannot be dispatched). An iDEAL payment, paid already, is written
"Betaald" at once. If the stock ran out meanwhile (or the amount changed) no order is written and
the payment goes to step "releasing": after commit the authorisation is cancelled (no charge) or
the iDEAL payment refunded in full. A step left unfinished (Stripe unreachable, a crash) is
finished by the next call for this payment or by `reconcile_payments`, from Stripe's state.
"""

import logging
from dataclasses import dataclass
from typing import NoReturn

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from commerce.order import statuses
from commerce.order.models import Order
from commerce.order.utils import OrderCreator, OutOfStock
from commerce.payments import gateway, steps
from commerce.payments.models import CheckoutPayment, StripeCall
from commerce.payments.preparation import CheckoutIncomplete, fingerprint, load_basket, price_basket
from commerce.shipping.charges import refundable_delivery_cost

logger = logging.getLogger(__name__)

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
BillingAddress = get_model("order", "BillingAddress")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
EventHandler = get_class("order.processing", "EventHandler")

STEP_FIELDS = ("pending_call", "claimed_until", "updated_at")


class PaymentNotComplete(Exception):
    """The PaymentIntent has not (yet) reached a status an order may be placed for."""

    def __init__(self, status: str):
        super().__init__(status)
        self.status = status


class OrderRefused(Exception):
    """Paid or authorised, but no order can be placed (sold out, price changed: money returned),
    or the placed order was cancelled because the card could not be captured (capture_failed)."""

    def __init__(self, reason: str, titles=()):
        super().__init__(reason)
        self.reason = reason
        self.titles = list(titles)


@dataclass(frozen=True)
class Placed:
    order: Order
    created: bool  # False when an earlier call had already placed it


def address(model, fields: dict | None):
    if not fields:
        return None
    values = dict(fields)
    values["country"] = Country.objects.get(iso_3166_1_a2=values.pop("country"))
    return model(**values)


def write_order(
    basket,
    user,
    totals,
    *,
    shipping_address,
    billing_address,
    email,
    language,
    order_number,
    status=statuses.PAID,
    performance_consent=None,
):
    """Oscar's OrderCreator with what the shop adds: status (paid unless the capture is still to
    come), language, W8's refundable part of the delivery cost, W13's consent to start at once
    ({basket line reference: when}). Addresses are field dicts (country as ISO code) or None."""
    shipping_address = address(ShippingAddress, shipping_address)
    if shipping_address is not None:
        shipping_address.save()
    billing_address = address(BillingAddress, billing_address)
    if billing_address is not None:
        billing_address.save()
    return OrderCreator(performance_consent).place_order(
        basket=basket,
        total=totals.total,
        shipping_method=totals.shipping_method,
        shipping_charge=totals.shipping_charge,
        user=user,
        shipping_address=shipping_address,
        billing_address=billing_address,
        order_number=order_number,
        status=status,
        guest_email="" if user else email,
        language=language,
        refundable_shipping_incl_tax=refundable_delivery_cost(
            totals.shipping_charge.incl_tax, basket.total_incl_tax
        ),
    )


def create_order(payment: CheckoutPayment, intent, status: str):
    """Write the order from the payment's frozen basket and checkout data (caller holds the lock)."""
    data = payment.checkout_data
    user = get_user_model().objects.filter(pk=payment.user_id).first() if payment.user_id else None
    basket = load_basket(payment.basket, user)
    totals = price_basket(basket, user, data.get("shipping_method", ""))
    if totals.total.incl_tax != payment.amount or gateway.to_cents(payment.amount) != intent.amount:
        raise OrderRefused("amount_changed")
    order = write_order(
        basket,
        user,
        totals,
        shipping_address=data.get("shipping_address"),
        billing_address=data.get("billing_address"),
        email=data.get("email", ""),
        language=data.get("language", "nl"),
        order_number=OrderNumberGenerator().order_number(basket),
        status=status,
        # The consent was given with the "pay" that created this payment: another consent is
        # another checkout (its fingerprint), so a reused payment still carries its own.
        performance_consent=dict.fromkeys(data.get("performance_consent", ()), payment.created_at),
    )
    source_type, _created = SourceType.objects.get_or_create(name="Stripe", defaults={"code": "stripe"})
    Source.objects.create(
        order=order,
        source_type=source_type,
        currency=payment.currency,
        amount_allocated=payment.amount,
        amount_debited=payment.amount,
        reference=payment.payment_intent_id,
        label=payment.get_method_display(),
    )
    basket.submit()
    return order


def empty_shopper_basket(payment: CheckoutPayment):
    """The shopper's own basket is emptied once its contents became an order, unless the
    shopper changed it meanwhile (then it holds something else they still want)."""
    source = Basket.objects.filter(pk=payment.source_basket_id, status=Basket.OPEN).first()
    if source is None:
        return
    load_basket(source, source.owner)
    unchanged = (
        fingerprint(source, payment.checkout_data, payment.method, payment.amount) == payment.fingerprint
    )
    if unchanged and not source.is_empty:
        source.submit()


def place_order(payment_intent_id: str) -> Placed:
    """Place the order for a PaymentIntent once. Raises `PaymentNotComplete`, `OrderRefused`,
    `gateway.PaymentUnavailable`, or `CheckoutPayment.DoesNotExist` for a foreign intent."""
    payment = CheckoutPayment.objects.select_related("order").get(payment_intent_id=payment_intent_id)
    if payment.refused_reason:
        refuse_again(payment)
    if payment.order is not None:
        return Placed(settle(payment), created=False)
    intent = gateway.retrieve_intent(payment_intent_id)
    if intent.status not in gateway.PLACEABLE_STATUSES:
        # Never over a placed order: placement may have run meanwhile.
        CheckoutPayment.objects.filter(pk=payment.pk, order=None).update(
            status=intent.status, updated_at=timezone.now()
        )
        raise PaymentNotComplete(intent.status)
    payment, created, refusal = write_locked(payment, intent)
    if refusal is not None:
        return_money(payment, intent, refusal)
    if not created:
        return Placed(settle(payment), created=False)
    if payment.pending_call == StripeCall.CAPTURING:
        capture(payment, intent)
    else:
        empty_shopper_basket(payment)
    return Placed(Order.objects.get(pk=payment.order_id), created=True)


def write_locked(payment: CheckoutPayment, intent) -> tuple[CheckoutPayment, bool, Exception | None]:
    """The one short transaction under the payment's row lock: (payment, True, None) when this
    call wrote the order, (payment, False, None) when another call had, (payment, False, refusal)
    when it cannot be placed. Raises `OrderRefused` for a payment refused meanwhile."""
    try:
        with transaction.atomic():
            locked = CheckoutPayment.objects.select_for_update().get(pk=payment.pk)
            if locked.refused_reason:
                raise OrderRefused(locked.refused_reason)
            if locked.order_id is not None:
                return locked, False, None
            refusal = write_for(locked, intent)
            return locked, refusal is None, refusal
    except IntegrityError:
        # Another process stored this payment's order between our check and our insert (only
        # possible where row locks are not supported): that order stands.
        payment.refresh_from_db()
        if payment.order is None:
            raise
        return payment, False, None


def write_for(payment: CheckoutPayment, intent) -> Exception | None:
    """Under the row lock: write the order and record the step that follows (capture, or none),
    or record the refusal and the step "releasing". Returns the refusal or None."""
    payment.status = intent.status
    capturing = intent.status == "requires_capture"
    try:
        with transaction.atomic():
            order = create_order(payment, intent, statuses.NEW if capturing else statuses.PAID)
    except (OutOfStock, OrderRefused, CheckoutIncomplete) as error:
        payment.refused_reason = "sold_out" if isinstance(error, OutOfStock) else "amount_changed"
        steps.begin(payment, StripeCall.RELEASING)
        payment.save(update_fields=["status", "refused_reason", *STEP_FIELDS])
        return error
    payment.order = order
    if capturing:
        steps.begin(payment, StripeCall.CAPTURING)
    payment.save(update_fields=["order", "status", *STEP_FIELDS])
    return None


def capture(payment: CheckoutPayment, intent) -> None:
    """Holding the "capturing" step: capture the card (unless Stripe says it is captured already)
    and record it. Stripe unreachable (or the intent in an unexpected state): the step stays for a
    retry, `PaymentUnavailable`; the authorisation gone (expired, cancelled): the order is
    cancelled, `OrderRefused`."""
    try:
        if intent.status == "requires_capture":
            intent = gateway.capture_intent(intent.id)
    except (gateway.PaymentUnavailable, gateway.PaymentRefused) as error:
        steps.give_back(payment)
        logger.warning("Capture of %s not done yet (%s): left for a retry", intent.id, error)
        raise gateway.PaymentUnavailable(str(error)) from error
    if intent.status == "canceled":
        cancel_unpaid(payment, intent)
    if intent.status != "succeeded":
        steps.give_back(payment)
        logger.error("Capture of %s: Stripe says it is %s; left for a retry", intent.id, intent.status)
        raise gateway.PaymentUnavailable(f"PaymentIntent {intent.id} is {intent.status}")
    with transaction.atomic():
        if steps.finish(payment, status=intent.status):
            Order.objects.select_for_update().get(pk=payment.order_id).set_status(statuses.PAID)
    empty_shopper_basket(payment)


def cancel_unpaid(payment: CheckoutPayment, intent) -> NoReturn:
    """The card cannot be captured any more: cancel the order and free its stock (nothing was
    charged), and say so to staff; an invoice already issued needs a credit note."""
    with transaction.atomic():
        if steps.finish(payment, status=intent.status, refused_reason="capture_failed"):
            order = Order.objects.select_for_update().get(pk=payment.order_id)
            lines = list(order.lines.all())
            EventHandler().cancel_stock_allocations(order, lines, [line.quantity for line in lines])
            order.set_status(statuses.CANCELLED)
    logger.error(
        "Order for %s cancelled: the card could not be captured (PaymentIntent %s); tell the customer",
        payment.payment_intent_id,
        intent.status,
    )
    raise OrderRefused("capture_failed")


def settle(payment: CheckoutPayment) -> Order:
    """The order another call placed; if its capture was left unfinished and nobody is on it,
    finish it now (the browser asking again, a webhook retry)."""
    if payment.pending_call == StripeCall.CAPTURING and steps.claim(payment, StripeCall.CAPTURING):
        resume_capture(payment)
    return Order.objects.get(pk=payment.order_id)


def resume_capture(payment: CheckoutPayment) -> str:
    """Holding the "capturing" step of a placed order: finish it from Stripe's state."""
    try:
        intent = gateway.retrieve_intent(str(payment.payment_intent_id))
    except gateway.PaymentUnavailable:
        steps.give_back(payment)
        raise
    captured_before = intent.status == "succeeded"
    capture(payment, intent)
    number = Order.objects.get(pk=payment.order_id).number
    return f"order {number}: capture {'recorded' if captured_before else 'done'}"


def refuse_again(payment: CheckoutPayment) -> NoReturn:
    """A refused payment asked for again: finish its release if that was left unfinished."""
    if payment.pending_call == StripeCall.RELEASING and steps.claim(payment, StripeCall.RELEASING):
        resume_release(payment)
    raise OrderRefused(payment.refused_reason)


def release(payment: CheckoutPayment, intent) -> bool:
    """Holding the "releasing" step: cancel the authorisation or refund, then record it. On
    failure the step stays for a retry (the next call for this payment, reconcile_payments)."""
    try:
        if gateway.release_intent(intent) is None:
            raise gateway.PaymentUnavailable(
                f"nothing to release for a PaymentIntent that is {intent.status}"
            )
    except (gateway.PaymentUnavailable, gateway.PaymentRefused):
        steps.give_back(payment)
        logger.exception("Could not return the money for %s yet: left for a retry", payment.payment_intent_id)
        return False
    return steps.finish(payment)


def resume_release(payment: CheckoutPayment) -> str:
    """Holding the "releasing" step: release what Stripe says is not released yet. Checks the
    refunds itself, since a Stripe stand-in may not honour the refund's idempotency key."""
    try:
        intent = gateway.retrieve_intent(str(payment.payment_intent_id))
        done = intent.status == "canceled" or (
            intent.status == "succeeded" and bool(gateway.refunds_of(intent.id))
        )
    except gateway.PaymentUnavailable:
        steps.give_back(payment)
        raise
    if done:
        steps.finish(payment, status=intent.status)
        return f"already {'cancelled' if intent.status == 'canceled' else 'refunded'} at Stripe: recorded"
    if not release(payment, intent):
        raise gateway.PaymentUnavailable("release not done")
    return "cancelled" if intent.status in gateway.CANCELLABLE_STATUSES else "refunded"


def return_money(payment: CheckoutPayment, intent, refusal: Exception) -> NoReturn:
    """No order for this payment (we hold its "releasing" step): cancel the authorisation (or
    refund iDEAL), then raise `OrderRefused` naming the sold-out products."""
    logger.warning("Order for %s refused (%s); returning the money", payment.payment_intent_id, refusal)
    release(payment, intent)
    titles = refusal.titles if isinstance(refusal, OutOfStock) else ()
    raise OrderRefused(payment.refused_reason, titles) from refusal
