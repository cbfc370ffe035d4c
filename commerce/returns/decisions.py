"""Staff decisions on a return (W17): authorise or reject one in review, a deduction for loss of
value (W7), and the customer withdrawing their own return before sending anything back."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from commerce.returns import after_commit, policy
from commerce.returns.models import Return, State
from commerce.returns.transitions import CUSTOMER, ReturnRefused, locked, move, record
from commerce.returns.withdrawing import authorise


def approve(return_request: Return, actor, note: str = "") -> None:
    """Staff checked a return in review and accept it (e.g. the seal was intact after all)."""
    with transaction.atomic():
        return_request = locked(return_request)
        authorise(return_request, actor, note or _("Gecontroleerd: geen uitzondering van toepassing."))


def reject(return_request: Return, reason: str, actor) -> None:
    """An exception applies (W13): the customer is told which rule and why, by e-mail."""
    if not reason.strip():
        raise ReturnRefused(_("Noem de regel en waarom die geldt; de klant krijgt dit te lezen."))
    with transaction.atomic():
        return_request = locked(return_request)
        move(return_request, State.REJECTED, actor, reason)
        return_request.rejection_reason = reason.strip()
        return_request.save(update_fields=["rejection_reason"])
        after_commit.email(return_request, after_commit.REJECTED)


def set_deduction(return_request: Return, amount: str | Decimal, reason: str, actor) -> None:
    """W7: a deduction for loss of value, with staff's reason; never under W5, never negative,
    never once the refund has been recorded."""
    try:
        amount = Decimal(str(amount).replace(",", ".")).quantize(Decimal("0.01"))
    except InvalidOperation as error:
        raise ReturnRefused(_("Vul een bedrag in, bijvoorbeeld 4,50.")) from error
    with transaction.atomic():
        return_request = locked(return_request)
        if hasattr(return_request, "refund"):
            raise ReturnRefused(
                _("De terugbetaling is al vastgelegd; de inhouding kan niet meer veranderen.")
            )
        try:
            policy.w7_check_deduction(amount, reason, return_request.w5_applies)
        except policy.DeductionRefused as error:
            raise ReturnRefused(str(error)) from error
        return_request.deduction = amount
        return_request.deduction_reason = reason.strip()
        return_request.save(update_fields=["deduction", "deduction_reason"])
        move_note = _("Waardevermindering € %(amount)s: %(reason)s") % {"amount": amount, "reason": reason}
        record(return_request, return_request.state, actor, move_note)


def cancel_by_customer(return_request: Return, actor=CUSTOMER) -> None:
    """The customer changes their mind before anything went back (W17 "cancelled")."""
    with transaction.atomic():
        return_request = locked(return_request)
        if any(line.unshipped_quantity for line in return_request.lines.all()):
            raise ReturnRefused(_("Dit deel van je bestelling is al geannuleerd en kan niet meer terug."))
        move(return_request, State.CANCELLED, actor, _("Herroeping ingetrokken."))
