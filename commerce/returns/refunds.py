"""Refunding a return (W8, W9) so that it happens once, whatever clicks, workers or retries do.

1. A short transaction (order and return locked) computes the amount by the rules (policy.py),
   records the Refund row (one per return) and claims it; a second caller finds the row, sees
   the claim or the success, and stops.
2. Stripe is called with no transaction open, with the row's id as idempotency key and in the
   refund's metadata: after a call that may have reached Stripe (a timeout), the next attempt
   first looks for that refund at Stripe, since stand-ins like localstripe ignore the key.
3. A second short transaction records the result: the Stripe id, the credit notes (N3), the
   return's move to refunded (closed when the goods are in), the e-mail after commit.
A failure leaves the refund due with its error for staff to retry; nothing is lost.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from commerce.order import shipments
from commerce.payments import gateway
from commerce.returns import after_commit, crediting, policy
from commerce.returns.models import Refund, Return, State
from commerce.returns.transitions import STRIPE, SYSTEM, ReturnRefused, locked, move
from commerce.returns.withdrawing import withdrawable

Order = get_model("order", "Order")

METADATA_KEY = "winkelier_refund"


class RefundInProgress(ReturnRefused):
    """Another click, staff member or worker is refunding this return right now."""


class RefundFailed(ReturnRefused):
    """Stripe could not be reached or refused; the refund stays due with the error."""


def payment_intent_of(order) -> str:
    payment = getattr(order, "checkout_payment", None)
    return (payment.payment_intent_id or "") if payment else ""


def lines_paid(return_request: Return) -> Decimal:
    """W8: the withdrawn quantities as paid, incl. VAT (each its share of the line's price)."""
    return sum(
        (line.paid_incl_tax for line in return_request.lines.select_related("order_line")), Decimal("0.00")
    )


def delivery_refundable(order, refunds) -> Decimal:
    """W8: the standard delivery cost not yet given back; all of the delivery cost when nothing
    was dispatched (the order was not carried out at all)."""
    delivery = order.refundable_shipping_incl_tax
    if not shipments.dispatches(order).exists():
        delivery = order.shipping_incl_tax
    given_back = refunds.aggregate(total=Sum("delivery_amount"))["total"] or Decimal("0.00")
    return max(Decimal("0.00"), delivery - given_back)


def method_for(return_request: Return, order) -> str:
    if return_request.exchange_for_id:
        return Refund.Method.EXCHANGE
    return Refund.Method.STRIPE if payment_intent_of(order) else Refund.Method.BANK_TRANSFER


def new_refund(return_request: Return, order, actor) -> Refund:
    """The Refund row by the rules, for a return whose lines and deduction are final."""
    earlier = Refund.objects.filter(return_request__order=order)
    lines_amount = lines_paid(return_request)
    # An exchange keeps the contract (another variant of it): no delivery cost back.
    whole_order = not any(withdrawable(order).values()) and not return_request.exchange_for_id
    delivery = delivery_refundable(order, earlier) if whole_order else Decimal("0.00")
    try:
        amount = policy.w8_refund_amount(
            lines_amount,
            standard_delivery=delivery,
            whole_order_withdrawn=whole_order,
            paid_total=order.total_incl_tax,
            refunded_before=earlier.aggregate(total=Sum("amount"))["total"] or Decimal("0.00"),
            deduction=return_request.deduction,
            deduction_reason=return_request.deduction_reason,
            w5_applies=return_request.w5_applies,
        )
    except policy.DeductionRefused as error:
        raise ReturnRefused(str(error)) from error
    return Refund.objects.create(
        return_request=return_request,
        method=method_for(return_request, order),
        lines_amount=lines_amount,
        delivery_amount=delivery,
        deduction=return_request.deduction,
        amount=amount,
        created_by=actor if not isinstance(actor, str) else None,
    )


def claim(return_request: Return, actor) -> Refund:
    """Step 1: the refund recorded and, for Stripe, claimed by this caller."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=return_request.order_id)
        return_request = locked(return_request)
        refund = Refund.objects.filter(return_request=return_request).first()
        if refund is None:
            if not policy.w17_may_refund(return_request.state):
                raise ReturnRefused(
                    _("Retour %(number)s is “%(state)s”: nog niet terug te betalen.")
                    % {"number": return_request.number, "state": State(return_request.state).label}
                )
            refund = new_refund(return_request, order, actor)
        if refund.status == Refund.Status.SUCCEEDED or refund.method != Refund.Method.STRIPE:
            return refund
        now = timezone.now()
        if refund.claimed_until and refund.claimed_until > now:
            raise RefundInProgress(_("Deze terugbetaling wordt op dit moment al gedaan."))
        refund.claimed_until = now + gateway.longest_call()
        refund.attempts += 1
        refund.save(update_fields=["claimed_until", "attempts"])
    return refund


def marker_of(stripe_refund) -> str:
    """The shop's Refund id that a Stripe refund carries in its metadata ("" for others)."""
    metadata = stripe_refund.metadata.to_dict() if stripe_refund.metadata else {}
    return str(metadata.get(METADATA_KEY, ""))


def earlier_stripe_refund(refund: Refund, intent_id: str):
    """A refund made for this row by an earlier call whose answer the shop never got."""
    for stripe_refund in gateway.refunds_of(intent_id):
        if marker_of(stripe_refund) == str(refund.pk):
            return stripe_refund
    return None


def make(return_request: Return, actor=SYSTEM) -> Refund:
    """Refund the return (or finish its refund). Raises RefundInProgress, RefundFailed, or
    ReturnRefused when the return may not be refunded yet."""
    refund = claim(return_request, actor)
    if refund.method == Refund.Method.EXCHANGE:
        return complete(refund, None, actor)  # settled by the exchange order, nothing paid out
    if refund.status == Refund.Status.SUCCEEDED or refund.method != Refund.Method.STRIPE:
        return refund
    intent_id = payment_intent_of(return_request.order)
    try:
        stripe_refund = refund.maybe_at_stripe and earlier_stripe_refund(refund, intent_id)
        if not stripe_refund and refund.amount > 0:
            stripe_refund = gateway.refund(
                intent_id, refund.amount, refund.idempotency_key, {METADATA_KEY: str(refund.pk)}
            )
    except (gateway.PaymentUnavailable, gateway.PaymentRefused) as error:
        maybe_done = getattr(error, "maybe_done", False)
        Refund.objects.filter(pk=refund.pk).update(
            claimed_until=None,
            error=str(error) or error.__class__.__name__,
            maybe_at_stripe=refund.maybe_at_stripe or maybe_done,
        )
        raise RefundFailed(
            _("Stripe gaf geen akkoord; de terugbetaling staat nog open: %s") % error
        ) from error
    return complete(refund, stripe_refund.id if stripe_refund else None, actor)


def confirm_from_stripe(intent_id: str) -> str:
    """charge.refunded: Stripe's refunds of this payment re-read (never the event body), and
    each one the shop recorded but never heard back about marked done. Idempotent."""
    done = []
    for stripe_refund in gateway.refunds_of(intent_id):
        refund_id = marker_of(stripe_refund)
        refund = Refund.objects.filter(pk=int(refund_id)).first() if refund_id.isdigit() else None
        if refund is None or refund.status == Refund.Status.SUCCEEDED:
            continue
        if refund.amount != Decimal(stripe_refund.amount) / 100:
            continue
        complete(refund, stripe_refund.id, STRIPE)
        done.append(refund.return_request.number)
    return f"refunds confirmed: {', '.join(done)}" if done else "refunds already recorded"


def record_bank_transfer(return_request: Return, reference: str, actor) -> Refund:
    """W9 for an order paid without a PaymentIntent (the demo history): staff transferred the
    money and record the bank's reference."""
    if not reference.strip():
        raise ReturnRefused(_("Vul de referentie van de overboeking in."))
    refund = claim(return_request, actor)
    if refund.method != Refund.Method.BANK_TRANSFER:
        raise ReturnRefused(_("Deze bestelling is via Stripe betaald: betaal via Stripe terug."))
    return complete(refund, None, actor, bank_reference=reference.strip())


def complete(refund: Refund, stripe_refund_id: str | None, actor, bank_reference: str = "") -> Refund:
    """Step 3: record the result once; also called by the charge.refunded webhook."""
    with transaction.atomic():
        # The return first, then its refund: the same order as claim(), so never a deadlock.
        return_request = locked(refund.return_request)
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        if refund.status == Refund.Status.SUCCEEDED:
            return refund
        refund.status = Refund.Status.SUCCEEDED
        refund.stripe_refund_id = stripe_refund_id
        refund.bank_reference = bank_reference
        refund.refunded_at = timezone.now()
        refund.claimed_until = None
        refund.error = ""
        refund.save()
        refund.credit_notes.set(crediting.issue_for_refund(refund))
        move(
            return_request, State.REFUNDED, actor, _("€ %(amount)s terugbetaald.") % {"amount": refund.amount}
        )
        if goods_all_in(return_request):
            move(return_request, State.CLOSED, SYSTEM, _("Geld terug en goederen binnen."))
        exchanged = refund.method == Refund.Method.EXCHANGE
        after_commit.email(return_request, after_commit.EXCHANGED if exchanged else after_commit.REFUNDED)
    return refund


def goods_all_in(return_request: Return) -> bool:
    return all(
        line.quantity_to_come_back == 0 or line.received_at is not None for line in return_request.lines.all()
    )


def due():
    """Returns whose refund is still to be made, for the staff's lists."""
    return Return.objects.exclude(refund__status=Refund.Status.SUCCEEDED).filter(
        state__in=[State.AUTHORISED, State.SENT, State.RECEIVED]
    )
