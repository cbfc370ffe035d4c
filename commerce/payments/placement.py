"""Place the order for a PaymentIntent: exactly once, whoever asks first.

The browser's return and Stripe's webhook both call `place_order`, possibly at the same moment.
The `CheckoutPayment` row is locked for the whole placement and carries a one-to-one link to
the order, so the second caller waits and then finds the order the first one placed. The
order number is derived from the payment's frozen basket, which is unique per PaymentIntent,
so even a database that ignores row locks cannot store two orders for one payment.

A card payment is only authorised in the browser; it is captured here, inside the transaction
that allocates the stock. If the stock ran out meanwhile the authorisation is cancelled (no
charge); an iDEAL payment, already paid, is refunded in full.
"""

import logging
from dataclasses import dataclass
from typing import Any, NoReturn

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from commerce.order import statuses
from commerce.order.models import Order
from commerce.order.utils import OrderCreator, OutOfStock
from commerce.payments import gateway
from commerce.payments.models import CheckoutPayment
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


class PaymentNotComplete(Exception):
    """The PaymentIntent has not (yet) reached a status an order may be placed for."""

    def __init__(self, status: str):
        super().__init__(status)
        self.status = status


class OrderRefused(Exception):
    """Paid or authorised, but no order can be placed (sold out, price changed): money returned."""

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


def write_order(basket, user, totals, *, shipping_address, billing_address, email, language, order_number):
    """Oscar's OrderCreator with what the shop adds: status paid, language, W8's refundable part
    of the delivery cost. Addresses are field dicts (country as ISO code) or None."""
    shipping_address = address(ShippingAddress, shipping_address)
    if shipping_address is not None:
        shipping_address.save()
    billing_address = address(BillingAddress, billing_address)
    if billing_address is not None:
        billing_address.save()
    return OrderCreator().place_order(
        basket=basket,
        total=totals.total,
        shipping_method=totals.shipping_method,
        shipping_charge=totals.shipping_charge,
        user=user,
        shipping_address=shipping_address,
        billing_address=billing_address,
        order_number=order_number,
        status=statuses.PAID,
        guest_email="" if user else email,
        language=language,
        refundable_shipping_incl_tax=refundable_delivery_cost(
            totals.shipping_charge.incl_tax, basket.total_incl_tax
        ),
    )


def create_order(payment: CheckoutPayment, intent):
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
    if payment.order is not None:
        return Placed(payment.order, created=False)
    intent = gateway.retrieve_intent(payment_intent_id)
    try:
        with transaction.atomic():
            payment = CheckoutPayment.objects.select_for_update().get(pk=payment.pk)
            if payment.order is not None:
                return Placed(payment.order, created=False)
            order, intent, refusal = place_locked(payment, intent)
    except PaymentNotComplete:
        # Kept outside the rolled-back block, and never over a placed order.
        CheckoutPayment.objects.filter(pk=payment.pk, order=None).update(
            status=intent.status, updated_at=timezone.now()
        )
        raise
    except IntegrityError:
        # Another process stored this payment's order between our check and our insert (only
        # possible where row locks are not supported): that order stands.
        payment.refresh_from_db()
        if payment.order is None:
            raise
        return Placed(payment.order, created=False)
    if order is None:
        return_money(payment, intent, refusal)
    empty_shopper_basket(payment)
    return Placed(order, created=True)


def place_locked(payment: CheckoutPayment, intent) -> tuple[Order | None, Any, Exception | None]:
    """Under the payment's row lock: (order, intent, None) once placed and captured, or
    (None, intent, refusal) when it cannot be placed (sold out, amount changed)."""
    if payment.refused_reason:
        raise OrderRefused(payment.refused_reason)
    payment.status = intent.status
    if intent.status not in gateway.PLACEABLE_STATUSES:
        raise PaymentNotComplete(intent.status)
    try:
        with transaction.atomic():
            order = create_order(payment, intent)
            if intent.status == "requires_capture":
                intent = gateway.capture_intent(intent.id)
    except (OutOfStock, OrderRefused, CheckoutIncomplete) as error:
        payment.refused_reason = "sold_out" if isinstance(error, OutOfStock) else "amount_changed"
        payment.save(update_fields=["status", "refused_reason", "updated_at"])
        return None, intent, error
    payment.order = order
    payment.status = intent.status
    payment.save(update_fields=["order", "status", "updated_at"])
    return order, intent, None


def return_money(payment: CheckoutPayment, intent, refusal: Exception | None) -> NoReturn:
    """No order for this payment: cancel the authorisation (or refund iDEAL), then raise
    `OrderRefused` naming the sold-out products."""
    logger.warning("Order for %s refused (%s); returning the money", payment.payment_intent_id, refusal)
    try:
        gateway.release_intent(intent)
    except (gateway.PaymentUnavailable, gateway.PaymentRefused):
        logger.exception(
            "Could not return the money for %s: release it in Stripe's dashboard", payment.payment_intent_id
        )
    titles = refusal.titles if isinstance(refusal, OutOfStock) else ()
    raise OrderRefused(payment.refused_reason, titles) from refusal
