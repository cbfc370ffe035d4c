"""Start a payment for the shopper's basket: one PaymentIntent per unchanged checkout.

The shopper's basket is copied into a frozen basket that the payment pays for. The shopper's
own basket stays open and untouched, so a declined card or an unreachable Stripe loses
nothing; it is emptied only when the order is placed. Pressing "pay" again for the same
basket, delivery and addresses reuses the same PaymentIntent, so a retry can never charge twice.

No transaction is open while Stripe is called (steps.py). A short transaction stores the
payment in step "creating" with a unique idempotency key (also put in the intent's metadata);
then the PaymentIntent is created; then its id is recorded. A "pay" that meets a payment still
"creating" waits for it while its claim holds, and otherwise takes it over: it looks the intent
up at Stripe by that key before creating one, since a Stripe stand-in (localstripe) ignores
idempotency keys and the shop must not rely on them.
"""

import hashlib
import json
import logging
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from oscar.core import prices
from oscar.core.loading import get_class, get_model

from commerce.payments import gateway, steps
from commerce.payments.models import CheckoutPayment, PaymentMethod, StripeCall

logger = logging.getLogger(__name__)

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


# The metadata key of the PaymentIntent that holds the payment's idempotency key.
KEY_METADATA = "idempotency_key"
# How often a "pay" looks again while another request creates this checkout's PaymentIntent.
WAIT_SECONDS = 0.2


def intent_params(payment: CheckoutPayment, method: str, extra: dict) -> dict:
    params = {
        "amount": gateway.to_cents(payment.amount),
        "currency": payment.currency.lower(),
        "payment_method_types": [method],
        # Shown in Stripe's dashboard: which basket (and frozen copy) a payment was for; the key
        # finds an intent whose creation the shop never heard back about.
        "metadata": {
            "basket": str(payment.source_basket_id),
            "frozen_basket": str(payment.basket_id),
            KEY_METADATA: payment.idempotency_key,
        },
    }
    if method == PaymentMethod.CARD:
        # Authorise now, capture when the order is placed: a shopper who loses the race for
        # the last unit is never charged (the authorisation is cancelled).
        params["capture_method"] = "manual"
    params.update(extra)
    return params


def candidates(basket_pk: int, key: str):
    """This checkout's payments that may still be paid: no order, not refused."""
    return CheckoutPayment.objects.filter(
        source_basket_id=basket_pk, fingerprint=key, order=None, refused_reason=""
    ).order_by("pk")


def start_payment(basket, user, checkout_data: dict, method: str, intent_extra: dict | None = None):
    """Return the `CheckoutPayment` (with its live PaymentIntent) for this checkout.

    `checkout_data` holds what placing the order needs without the browser: `email`,
    `shipping_address`/`billing_address` (field dicts, country as ISO code), `shipping_method`
    (code), `language`, `performance_consent` (basket line references, W13 a/m) and
    `marketing_consent` (the A6 box, read by aftersales/consent.py once the order is placed).
    `intent_extra` adds PaymentIntent parameters (iDEAL: confirm, payment_method_data, return_url).
    Raises `CheckoutIncomplete` or `gateway.PaymentUnavailable`.
    """
    totals = price_basket(basket, user, checkout_data.get("shipping_method", ""))
    key = fingerprint(basket, checkout_data, method, totals.total.incl_tax)
    extra = intent_extra or {}
    seen: set[int] = set()
    for _round in range(3):
        reused = reuse(candidates(basket.pk, key).exclude(pk__in=seen), seen, method, extra)
        if reused is not None:
            return reused
        payment = open_payment(basket, user, checkout_data, method, totals, key, seen)
        if payment is not None:
            return payment, create(payment, method, extra)
    # Other requests kept starting payments for this checkout meanwhile.
    raise gateway.PaymentUnavailable("checkout busy")


def reuse(payments, seen: set[int], method: str, extra: dict):
    """(payment, intent) of the first of `payments` whose PaymentIntent can still be paid or placed."""
    for payment in payments:
        seen.add(payment.pk)
        intent = current_intent(payment, method, extra)
        if intent is not None and intent.status in REUSABLE_STATUSES | gateway.PLACEABLE_STATUSES:
            CheckoutPayment.objects.filter(pk=payment.pk, order=None).update(
                status=intent.status, updated_at=timezone.now()
            )
            payment.status = intent.status
            return payment, intent
    return None


def open_payment(basket, user, checkout_data: dict, method: str, totals: Totals, key: str, seen: set[int]):
    """Store a new payment in step "creating", claimed by us, with its frozen basket; None when
    another request stored one for this checkout since we looked (the caller looks again)."""
    with transaction.atomic():
        # Serialise "pay" clicks for one basket while they decide to create (only that: short).
        Basket.objects.select_for_update().filter(pk=basket.pk).first()
        if candidates(basket.pk, key).exclude(pk__in=seen).exists():
            return None
        payment = CheckoutPayment(
            basket=frozen_copy(basket),
            source_basket_id=basket.pk,
            fingerprint=key,
            method=method,
            amount=totals.total.incl_tax,
            currency=totals.total.currency or "EUR",
            checkout_data=checkout_data,
            user=user if user is not None and user.is_authenticated else None,
            idempotency_key=f"winkelier-basket-{basket.pk}-{uuid.uuid4().hex}",
        )
        steps.begin(payment, StripeCall.CREATING)
        payment.save()
    return payment


def current_intent(payment: CheckoutPayment, method: str, extra: dict):
    """The payment's PaymentIntent as Stripe has it now; for a payment still "creating": wait
    while another request holds the claim, else take the creation over. None when it turned out
    to have no intent (the creation failed and was given up)."""
    deadline = time.monotonic() + gateway.longest_call().total_seconds()
    while payment.pending_call == StripeCall.CREATING:
        if steps.claim(payment, StripeCall.CREATING):
            return create(payment, method, extra, recovering=True)
        if time.monotonic() > deadline:
            raise gateway.PaymentUnavailable("another request is still creating this payment")
        time.sleep(WAIT_SECONDS)
        payment = CheckoutPayment.objects.filter(pk=payment.pk).first() or CheckoutPayment()
    if not payment.payment_intent_id:
        return None
    return gateway.retrieve_intent(payment.payment_intent_id)


def create(payment: CheckoutPayment, method: str, extra: dict, recovering: bool = False):
    """Make the PaymentIntent for a payment whose "creating" step we hold, and record it.

    `recovering`: an earlier try may have created it without the shop hearing back, so look it
    up at Stripe first. A failure keeps the step for a retry, unless the request provably never
    reached Stripe on a first try: then the payment and its frozen copy are removed again."""
    try:
        intent = find_created(payment) if recovering else None
        if intent is None:
            params = intent_params(payment, method, extra)
            intent = gateway.create_intent(params, idempotency_key=payment.idempotency_key)
    except gateway.PaymentUnavailable as error:
        if error.maybe_done or recovering:
            steps.give_back(payment)
        else:
            discard(payment)
        raise
    except gateway.PaymentRefused:
        steps.give_back(payment)
        raise
    return record_created(payment, intent)


def find_created(payment: CheckoutPayment):
    """The PaymentIntent an earlier try created for this payment, found by its key, or None."""
    since = int(payment.created_at.timestamp()) - 300  # clocks of shop and Stripe may differ
    return gateway.find_intent(KEY_METADATA, payment.idempotency_key, since)


def record_created(payment: CheckoutPayment, intent):
    if steps.finish(payment, payment_intent_id=intent.id, status=intent.status):
        return intent
    # We outlived our claim and another process took the creation over: its intent stands.
    payment.refresh_from_db()
    logger.warning("Creation of %s for payment %s was taken over", intent.id, payment.pk)
    if not payment.payment_intent_id:
        raise gateway.PaymentUnavailable("the creation of this payment was taken over")
    if payment.payment_intent_id == intent.id:
        return intent
    gateway.release_intent(intent)  # a second intent for one payment: never used, cancel it
    return gateway.retrieve_intent(payment.payment_intent_id)


def discard(payment: CheckoutPayment) -> None:
    """Remove a payment whose PaymentIntent was never created, with its frozen basket."""
    with transaction.atomic():
        if steps.ours(payment).delete()[0]:
            Basket.objects.filter(pk=payment.basket_id).delete()


def recover_creation(payment: CheckoutPayment) -> str:
    """For reconcile_payments, holding the "creating" claim: record the intent an earlier try
    created (a retried "pay" then reuses it), or remove the payment when Stripe has none."""
    try:
        intent = find_created(payment)
    except gateway.PaymentUnavailable:
        steps.give_back(payment)
        raise
    if intent is None:
        discard(payment)
        return "no PaymentIntent at Stripe: payment removed (the basket is untouched)"
    record_created(payment, intent)
    return f"{intent.id} ({intent.status}) found at Stripe and recorded"
