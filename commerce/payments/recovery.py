"""Finish or undo a payment's Stripe step that was left unfinished, from Stripe's state.

A step (steps.py) stays recorded when its process died or timed out between recording the call
and recording its result. `reconcile_payments` hands every such step whose claim ran out, and
that nobody touched for a few minutes, to `resume`:

- "creating": the PaymentIntent is looked up at Stripe by the idempotency key in its metadata;
  found, it is recorded (a retried "pay" reuses it); not found, the payment is removed;
- "capturing" (order written, capture not recorded): captured if Stripe still holds the
  authorisation, recorded if Stripe captured it already, the order cancelled and its stock
  freed if the authorisation is gone;
- "releasing" (order refused): recorded if Stripe shows it cancelled or refunded, else cancelled
  or refunded now.
"""

from commerce.payments import placement, preparation, steps
from commerce.payments.models import CheckoutPayment, StripeCall

RESUMERS = {
    StripeCall.CREATING: preparation.recover_creation,
    StripeCall.CAPTURING: placement.resume_capture,
    StripeCall.RELEASING: placement.resume_release,
}


def resume(payment: CheckoutPayment) -> str:
    """Claim the payment's step and finish it; returns what happened. Raises
    `gateway.PaymentUnavailable` (the step stays for the next run)."""
    call = payment.pending_call
    if call not in RESUMERS or not steps.claim(payment, call):
        return "skipped: another process is on it"
    try:
        return RESUMERS[StripeCall(call)](payment)
    except placement.OrderRefused as refused:
        return f"not captured ({refused.reason}): order cancelled, its stock freed, nothing charged"
