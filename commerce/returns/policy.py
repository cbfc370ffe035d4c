"""The right of withdrawal as plain rules (domain.md W1–W18), without the web or the database.

Every function takes the facts it needs (dates, the shop's settings) and returns a value, so
each rule is tested on its own. The returns flow and the order pages read the window here.
"""

from collections.abc import Collection
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from commerce.catalogue.withdrawal_exceptions import SEAL_DEPENDENT, WithdrawalException
from home.closing import Period, add_working_days

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# W1 (law): 14 days to withdraw. The law's other periods have the same length: sending the
# goods back after the notice (W3) and refunding after the notice (W8).
LEGAL_WINDOW_DAYS = 14


def window_days(shop_settings: object | None = None) -> int:
    """W1/W2: the shop's withdrawal window in days; the owner may lengthen it, never shorten it."""
    days = getattr(shop_settings, "return_window_days", None) or LEGAL_WINDOW_DAYS
    return max(LEGAL_WINDOW_DAYS, days)


def window_starts_on(placed_on: date, ships_goods: bool, last_delivered_on: date | None) -> date | None:
    """W2: the first day of the window.

    Goods: the day after the last parcel arrived, None while anything is still on its way.
    An order of services only: the day after it was placed.
    """
    if not ships_goods:
        return placed_on + timedelta(days=1)
    return last_delivered_on + timedelta(days=1) if last_delivered_on else None


def window_ends_on(starts_on: date | None, days: int = LEGAL_WINDOW_DAYS) -> date | None:
    """W2: the last day (inclusive) to withdraw: delivered 1 April → 15 April for 14 days."""
    return starts_on + timedelta(days=days - 1) if starts_on else None


# --- W5: the window when the consumer was not told -----------------------------------------

W5_EXTENSION_MONTHS = 12


def w5_window_ends_on(ends_on: date | None, policy_was_given: bool) -> date | None:
    """W5: without the policy in the order confirmation the window runs 12 months longer."""
    if ends_on is None or policy_was_given:
        return ends_on
    return ends_on + relativedelta(months=W5_EXTENSION_MONTHS)


# --- W1/W3: a notice in time ------------------------------------------------------------------


def w3_notice_in_time(sent_at: datetime, placed_at: datetime, ends_on: date | None) -> bool:
    """W1/W3: a notice counts from the moment the order is placed until the end of the window's
    last day in Europe/Amsterdam, by when it was **sent**; while goods are still on their way
    (no last day yet) every notice is in time."""
    if sent_at < placed_at:
        return False
    return ends_on is None or sent_at.astimezone(AMSTERDAM).date() <= ends_on


def w3_send_back_by(notice_on: date) -> date:
    """W3: the goods go back within 14 days after the notice."""
    return notice_on + timedelta(days=LEGAL_WINDOW_DAYS)


# --- W13: may this line be withdrawn? ----------------------------------------------------------


class Eligibility(StrEnum):
    ACCEPTED = "accepted"
    REVIEW = "review"  # an exception may apply: staff decide, the customer is never refused outright
    REFUSED = "refused"


def w13_line_eligibility(
    exception: str,
    *,
    seal_broken: bool | None = None,
    personalised: bool = False,
    performed_with_consent: bool = False,
) -> Eligibility:
    """W13: whether a line's product class exception applies to this line.

    (e)/(i) sealed goods: returnable while the seal is intact; a broken (or unanswered) seal
    goes to staff review. (c) only real personalisation refuses, not a preset variant.
    (a) a service and (m) digital content only once fully performed / started with the
    consumer's prior consent. (d) perishable goods are refused. No exception: accepted.
    """
    letter = WithdrawalException(exception)
    if letter in SEAL_DEPENDENT:
        return Eligibility.ACCEPTED if seal_broken is False else Eligibility.REVIEW
    if letter == WithdrawalException.PERSONALISED:
        return Eligibility.REFUSED if personalised else Eligibility.ACCEPTED
    if letter in (WithdrawalException.SERVICE_PERFORMED, WithdrawalException.DIGITAL_CONTENT):
        return Eligibility.REFUSED if performed_with_consent else Eligibility.ACCEPTED
    if letter == WithdrawalException.PERISHABLE:
        return Eligibility.REFUSED
    return Eligibility.ACCEPTED


# --- W7-W11: how much is paid back ------------------------------------------------------------


class DeductionRefused(ValueError):
    """W7/W5: a deduction for loss of value without a reason, or while W5 applies."""


def w7_check_deduction(deduction: Decimal, reason: str, w5_applies: bool) -> None:
    """W7/W5: a deduction for loss of value needs staff's reason, is never negative and never
    made when the consumer was not told about the right of withdrawal. Raises DeductionRefused."""
    if deduction < 0:
        raise DeductionRefused(_("Een inhouding kan niet negatief zijn."))
    if deduction and w5_applies:
        raise DeductionRefused(
            _("W5: geen inhouding als de klant niet over het herroepingsrecht is geïnformeerd.")
        )
    if deduction and not reason.strip():
        raise DeductionRefused(_("W7: een inhouding voor waardevermindering heeft een reden nodig."))


def w8_refund_amount(
    lines_paid: Decimal,
    *,
    standard_delivery: Decimal,
    whole_order_withdrawn: bool,
    paid_total: Decimal,
    refunded_before: Decimal = Decimal("0.00"),
    deduction: Decimal = Decimal("0.00"),
    deduction_reason: str = "",
    w5_applies: bool = False,
) -> Decimal:
    """W7-W11: the amount to refund for withdrawn lines.

    The lines as paid incl. VAT; the standard delivery cost (never an express surplus) once the
    whole order has been withdrawn, also over several returns (``whole_order_withdrawn`` says
    whether this return completes it; ``standard_delivery`` is what is still refundable of it);
    no restocking fee, ever (W11); a deduction for loss of value only with staff's reason and
    never when W5 applies (W7); never more than was paid minus earlier refunds.
    """
    w7_check_deduction(deduction, deduction_reason, w5_applies)
    amount = lines_paid + (standard_delivery if whole_order_withdrawn else Decimal("0.00")) - deduction
    return max(Decimal("0.00"), min(amount, paid_total - refunded_before))


# --- W8, W10, W14: when --------------------------------------------------------------------------

# W14: the shop's own goal, in working days after the goods arrive, and the escalation margin.
REFUND_GOAL_WORKING_DAYS = 4
ESCALATE_DAYS_BEFORE_DEADLINE = 2


def w8_legal_refund_deadline(notice_on: date) -> date:
    """W8: the refund is due within 14 calendar days of receiving the notice."""
    return notice_on + timedelta(days=LEGAL_WINDOW_DAYS)


def w10_refund_may_wait(goods_received: bool, proof_of_sending: bool) -> bool:
    """W10: the shop may hold the refund until the goods arrive or the customer shows proof of
    sending (a tracking code), whichever comes first."""
    return not (goods_received or proof_of_sending)


def w14_refund_goal(goods_arrived_on: date, closing_periods: Collection[Period]) -> date:
    """W14 (N4): the shop's goal, 4 working days after the goods arrive, closing days skipped."""
    return add_working_days(goods_arrived_on, REFUND_GOAL_WORKING_DAYS, closing_periods)


def w14_escalation_on(legal_deadline: date) -> date:
    """W14: staff are alerted 2 calendar days before the legal deadline."""
    return legal_deadline - timedelta(days=ESCALATE_DAYS_BEFORE_DEADLINE)


# --- W17: the states of a return and the moves between them -------------------------------------


class ReturnState(StrEnum):
    REQUESTED = "requested"
    REVIEW = "review"  # an exception may apply (W13): staff decide
    AUTHORISED = "authorised"
    SENT = "sent"  # on its way back; a tracking code is proof of sending (W10)
    RECEIVED = "received"
    REFUNDED = "refunded"
    CLOSED = "closed"
    REJECTED = "rejected"  # an exception applies; the customer is told which and why
    CANCELLED = "cancelled"  # by the customer, before anything was sent back


_S = ReturnState
W17_MOVES: dict[ReturnState, frozenset[ReturnState]] = {
    _S.REQUESTED: frozenset({_S.AUTHORISED, _S.REVIEW, _S.CANCELLED}),
    _S.REVIEW: frozenset({_S.AUTHORISED, _S.REJECTED, _S.CANCELLED}),
    # Straight to refunded when nothing has to come back (not shipped yet, a service).
    _S.AUTHORISED: frozenset({_S.SENT, _S.RECEIVED, _S.REFUNDED, _S.CANCELLED}),
    # Refunded before arrival when the customer showed proof of sending (W10).
    _S.SENT: frozenset({_S.RECEIVED, _S.REFUNDED}),
    _S.RECEIVED: frozenset({_S.REFUNDED}),
    # Closed once the money is back and the goods are in.
    _S.REFUNDED: frozenset({_S.CLOSED}),
    _S.CLOSED: frozenset(),
    _S.REJECTED: frozenset(),
    _S.CANCELLED: frozenset(),
}


def w17_may_move(current: str, to: str) -> bool:
    """W17: whether a return in state `current` may move to `to`."""
    return ReturnState(to) in W17_MOVES[ReturnState(current)]


def w17_may_refund(state: str) -> bool:
    """W17/W10: a refund is made once authorised and nothing more is to come, once the goods
    arrived, or on proof of sending; never for a rejected, cancelled or finished return."""
    return w17_may_move(state, ReturnState.REFUNDED)
