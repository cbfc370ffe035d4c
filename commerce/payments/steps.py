"""A payment's Stripe calls as recorded steps, so no database lock is held while Stripe answers.

A call that changes something at Stripe (create the PaymentIntent, capture it, cancel or refund
it) goes in three steps:

1. a short transaction records the call about to be made (`CheckoutPayment.pending_call`) and
   claims it until `claimed_until`, longer than the slowest call the client lets through;
2. the call, with no transaction open (on SQLite even a read-only BEGIN IMMEDIATE would take
   the database's write lock; on PostgreSQL a row lock would stop every other writer of it);
3. a short write records the result and clears the step, only while the claim is still ours.

A caller that meets a step claimed by someone else leaves it to them. A step whose claim ran out
or was given back (the call failed, the process died) may be taken over by the next request for
that payment or by `reconcile_payments`; they read Stripe's state first and go on from there.
"""

from django.db.models import Q
from django.utils import timezone

from commerce.payments import gateway
from commerce.payments.models import CheckoutPayment, StripeCall


def lease():
    """Until when a claim made now holds: past the longest call, with its retries."""
    return timezone.now() + gateway.longest_call()


def begin(payment: CheckoutPayment, call: StripeCall) -> None:
    """Set the step and our claim on the object; the caller saves it in its transaction."""
    payment.pending_call = call
    payment.claimed_until = lease()


def claimable(call: str):
    """Payments waiting on `call` whose claim is free (given back or run out)."""
    return CheckoutPayment.objects.filter(pending_call=call).filter(
        Q(claimed_until=None) | Q(claimed_until__lt=timezone.now())
    )


def claim(payment: CheckoutPayment, call: str) -> bool:
    """Take over a recorded step whose claim is free, with one conditional UPDATE. True when
    this process now owns the step (the object then carries the claim)."""
    until = lease()
    taken = claimable(call).filter(pk=payment.pk).update(claimed_until=until, updated_at=timezone.now())
    if taken:
        payment.pending_call = call
        payment.claimed_until = until
    return bool(taken)


def ours(payment: CheckoutPayment):
    """The payment's row, as long as the step is still the one we claimed."""
    return CheckoutPayment.objects.filter(
        pk=payment.pk, pending_call=payment.pending_call, claimed_until=payment.claimed_until
    )


def finish(payment: CheckoutPayment, **fields) -> bool:
    """Record the call's result and clear the step. False when our claim was lost meanwhile
    (we outlived it and another process took the step over): then nothing is written."""
    values = {"pending_call": StripeCall.NONE, "claimed_until": None, "updated_at": timezone.now(), **fields}
    if not ours(payment).update(**values):
        return False
    for name, value in values.items():
        setattr(payment, name, value)
    return True


def give_back(payment: CheckoutPayment) -> None:
    """The call failed or its outcome is unknown: keep the step recorded, free for a retry."""
    ours(payment).update(claimed_until=None, updated_at=timezone.now())
    payment.claimed_until = None


def stuck(older_than):
    """Steps nobody is working on (claim free) and untouched since `older_than`, oldest first."""
    return (
        CheckoutPayment.objects.exclude(pending_call=StripeCall.NONE)
        .filter(Q(claimed_until=None) | Q(claimed_until__lt=timezone.now()), updated_at__lte=older_than)
        .order_by("updated_at")
    )
