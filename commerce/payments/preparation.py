"""Start a payment for the shopper's basket: one PaymentIntent per unchanged checkout.

The shopper's basket is copied into a frozen basket that the payment pays for. The shopper's
own basket stays open and untouched, so a declined card or an unreachable Stripe loses
nothing; it is emptied only when the order is placed. Pressing "pay" again for the same
basket, delivery and addresses reuses the same PaymentIntent (and Stripe idempotency key), so
a retry can never charge twice.
"""

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from oscar.core import prices
from oscar.core.loading import get_class, get_model

from commerce.payments import gateway
from commerce.payments.models import CheckoutPayment, PaymentMethod

Basket = get_model("basket", "Basket")
BasketLine = get_model("basket", "Line")
Repository = get_class("shipping.repository", "Repository")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
Applicator = get_class("offer.applicator", "Applicator")

# Statuses in which an unfinished PaymentIntent can still be confirmed by the shopper.
REUSABLE_STATUSES = frozenset(
    {"requires_payment_method", "requires_confirmation", "requires_action", "processing"}
)


class CheckoutIncomplete(Exception):
    """The basket or checkout data cannot be paid for (empty, unknown delivery method)."""


@dataclass(frozen=True)
class Totals:
    shipping_method: object
    shipping_charge: prices.Price
    total: prices.Price


def price_basket(basket, user, shipping_method_code: str) -> Totals:
    """Delivery method, delivery charge and order total for a basket, as the checkout shows."""
    if basket.is_empty:
        raise CheckoutIncomplete("empty basket")
    methods = Repository().get_shipping_methods(basket=basket, user=user)
    if not basket.is_shipping_required():
        method = methods[0]
    else:
        method = next((m for m in methods if m.code == shipping_method_code), None)
        if method is None:
            raise CheckoutIncomplete(f"unknown delivery method {shipping_method_code!r}")
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    return Totals(shipping_method=method, shipping_charge=charge, total=total)


def fingerprint(basket, checkout_data: dict, method: str, amount: Decimal) -> str:
    lines = sorted(
        (line.stockrecord_id, line.quantity, str(line.unit_price_incl_tax)) for line in basket.all_lines()
    )
    document = json.dumps(
        {"lines": lines, "checkout": checkout_data, "method": method, "amount": str(amount)},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(document.encode()).hexdigest()


def frozen_copy(basket):
    """A frozen copy of the basket's lines (with their options) and vouchers."""
    copy = Basket.objects.create(owner=basket.owner, status=Basket.OPEN)
    for line in basket.all_lines():
        copied = BasketLine.objects.create(
            basket=copy,
            line_reference=line.line_reference,
            product=line.product,
            stockrecord=line.stockrecord,
            quantity=line.quantity,
            price_currency=line.price_currency,
            price_excl_tax=line.price_excl_tax,
            price_incl_tax=line.price_incl_tax,
        )
        for attribute in line.attributes.all():
            copied.attributes.create(option=attribute.option, value=attribute.value)
    copy.vouchers.set(basket.vouchers.all())
    copy.freeze()  # after the lines: Oscar refuses to add lines to a frozen basket
    return copy


def load_basket(basket, user):
    """Give a basket loaded outside a request the pricing strategy and offers a request has."""
    basket.strategy = Selector().strategy(user=user)
    Applicator().apply(basket, user)
    return basket


def intent_params(payment: CheckoutPayment, method: str, extra: dict) -> dict:
    params = {
        "amount": gateway.to_cents(payment.amount),
        "currency": payment.currency.lower(),
        "payment_method_types": [method],
        # Shown in Stripe's dashboard: which basket (and frozen copy) a payment was for.
        "metadata": {"basket": str(payment.source_basket_id), "frozen_basket": str(payment.basket_id)},
    }
    if method == PaymentMethod.CARD:
        # Authorise now, capture when the order is placed: a shopper who loses the race for
        # the last unit is never charged (the authorisation is cancelled).
        params["capture_method"] = "manual"
    params.update(extra)
    return params


def start_payment(basket, user, checkout_data: dict, method: str, intent_extra: dict | None = None):
    """Return the `CheckoutPayment` (with its live PaymentIntent) for this checkout.

    `checkout_data` holds what placing the order needs without the browser: `email`,
    `shipping_address`/`billing_address` (field dicts, country as ISO code), `shipping_method`
    (code) and `language`. `intent_extra` adds PaymentIntent parameters (iDEAL: confirm,
    payment_method_data, return_url). Raises `CheckoutIncomplete` or `gateway.PaymentUnavailable`.
    """
    totals = price_basket(basket, user, checkout_data.get("shipping_method", ""))
    amount = totals.total.incl_tax
    key = fingerprint(basket, checkout_data, method, amount)
    with transaction.atomic():
        # Serialise "pay" clicks for one basket: the second waits and reuses the first intent.
        Basket.objects.select_for_update().filter(pk=basket.pk).first()
        earlier = CheckoutPayment.objects.filter(source_basket_id=basket.pk, fingerprint=key, order=None)
        for payment in earlier.filter(refused_reason=""):
            intent = gateway.retrieve_intent(payment.payment_intent_id)
            if intent.status in REUSABLE_STATUSES | gateway.PLACEABLE_STATUSES:
                payment.status = intent.status
                payment.save(update_fields=["status", "updated_at"])
                return payment, intent
        attempt = earlier.count()
        copy = frozen_copy(basket)
        payment = CheckoutPayment(
            basket=copy,
            source_basket_id=basket.pk,
            fingerprint=key,
            method=method,
            amount=amount,
            currency=totals.total.currency or "EUR",
            checkout_data=checkout_data,
            user=user if user is not None and user.is_authenticated else None,
        )
        params = intent_params(payment, method, intent_extra or {})
        intent = gateway.create_intent(
            params, idempotency_key=f"winkelier-basket-{basket.pk}-{key}-{attempt}"
        )
        payment.payment_intent_id = intent.id
        payment.status = intent.status
        payment.save()
    return payment, intent
