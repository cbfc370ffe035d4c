"""A withdrawal (W1–W18): the customer's statement recorded as a return, authorised at once when
no exception applies (W13) and acknowledged by e-mail (W4, W18).

One short transaction with the order locked: two submissions at once never withdraw the same
quantity twice. The e-mail and any refund run after commit, outside it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from commerce.catalogue.withdrawal_exceptions import WithdrawalException
from commerce.order import shipments, statuses
from commerce.order.emails import shop_settings
from commerce.returns import after_commit, exchanging, policy, windows
from commerce.returns.models import Channel, Return, ReturnLine, State
from commerce.returns.transitions import CUSTOMER, SYSTEM, ReturnRefused, move, record
from home.clock import amsterdam_date

Order = get_model("order", "Order")

# Returns that no longer claim their lines: the quantities may be withdrawn again.
LAPSED_STATES = (State.REJECTED, State.CANCELLED)


@dataclass(frozen=True)
class LineChoice:
    line: Any  # an order Line of the order
    quantity: int
    seal_intact: bool | None = None  # asked for W13 (e)/(i) lines only


def exception_of(line) -> str:
    return line.product.get_product_class().withdrawal_exception if line.product_id else ""


def eligibility_of(line, seal_intact: bool | None) -> policy.Eligibility:
    """W13 for one order line, with the facts the order holds."""
    return policy.w13_line_eligibility(
        exception_of(line),
        seal_broken=None if seal_intact is None else not seal_intact,
        personalised=line.attributes.exists(),
        performed_with_consent=bool(line.performance_consent_at and line.performed_on),
    )


def refusal_reason(exception: str) -> str:
    """The rule that refuses a line, named for the customer and staff."""
    return _("Uitzondering W13 %(rule)s geldt voor dit product.") % {
        "rule": WithdrawalException(exception).label
    }


def withdrawable(order) -> dict:
    """{order line: quantity that may still be withdrawn}: what no live return claims yet."""
    claimed = dict(
        ReturnLine.objects.filter(order_line__order=order)
        .exclude(return_request__state__in=LAPSED_STATES)
        .values_list("order_line_id")
        .annotate(total=Sum("quantity"))
    )
    return {line: line.quantity - claimed.get(line.pk, 0) for line in order.lines.all()}


def next_number(order) -> str:
    return f"R{order.number}-{order.returns.count() + 1}"


def check_choices(order, choices: list[LineChoice], refuse_excepted: bool = True) -> None:
    """Refuses quantities that are not there and, with `refuse_excepted`, lines an exception
    excludes (W13)."""
    available = {line.pk: left for line, left in withdrawable(order).items()}
    if not choices:
        raise ReturnRefused(_("Kies wat je wilt herroepen."))
    for choice in choices:
        left = available.get(choice.line.pk)
        if left is None:
            raise ReturnRefused(_("Die regel hoort niet bij deze bestelling."))
        if not 0 < choice.quantity <= left:
            raise ReturnRefused(
                _("“%(title)s”: je kunt er nog %(left)d herroepen, niet %(quantity)d.")
                % {"title": choice.line.title, "left": left, "quantity": choice.quantity}
            )
        if refuse_excepted and eligibility_of(choice.line, choice.seal_intact) == policy.Eligibility.REFUSED:
            raise ReturnRefused(f"“{choice.line.title}”: {refusal_reason(exception_of(choice.line))}")


def withdraw(
    order,
    choices: Iterable[LineChoice],
    *,
    name: str,
    email: str,
    notice_at: datetime | None = None,
    channel: str = Channel.WEB,
    reason: str = "",
    pickup_on: date | None = None,
    exchange_for=None,
    language: str = "",
    actor=CUSTOMER,
    note: str = "",
) -> Return:
    """Record a withdrawal of `choices`; authorised at once unless an exception may apply.

    `notice_at` is when the statement was sent (W3): now for the button, the date of the
    e-mail, call or letter when staff register one. Raises ReturnRefused, writing nothing.
    A line an exception excludes (W13) is refused on the web, where the customer reads why at
    once; a notice that reached the shop by e-mail, phone or letter was made all the same, so
    it is recorded and goes to staff review, who reject it naming the rule (W17, by e-mail).
    """
    notice_at = notice_at or timezone.now()
    choices = list(choices)
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if not windows.may_withdraw(order, notice_at, shop_settings()):
            raise ReturnRefused(_("De bedenktijd van bestelling %s is voorbij (W1).") % order.number)
        check_choices(order, choices, refuse_excepted=channel == Channel.WEB)
        exchanging.check_choice(choices, exchange_for)
        notice_on = amsterdam_date(notice_at)
        legal_deadline = policy.w8_legal_refund_deadline(notice_on)
        return_request = Return(
            number=next_number(order),
            order=order,
            channel=channel,
            notice_at=notice_at,
            customer_name=name.strip(),
            email=email.strip(),
            language=language or order.language,
            reason=reason,
            pickup_on=pickup_on,
            exchange_for=exchange_for,
            w5_applies=not order.withdrawal_info_given,
            legal_refund_deadline=legal_deadline,
            escalate_on=policy.w14_escalation_on(legal_deadline),
        )
        return_request.save()
        record(return_request, State.REQUESTED, actor, note, from_state="")
        ReturnLine.objects.bulk_create(
            ReturnLine(
                return_request=return_request,
                order_line=choice.line,
                quantity=choice.quantity,
                seal_intact=choice.seal_intact,
                eligibility=eligibility_of(choice.line, choice.seal_intact),
            )
            for choice in choices
        )
        if all(line.eligibility == policy.Eligibility.ACCEPTED for line in return_request.lines.all()):
            authorise(return_request, SYSTEM, _("Geen uitzondering van toepassing (W13)."))
        else:
            move(
                return_request, State.REVIEW, SYSTEM, _("Een uitzondering kan gelden (W13): controle nodig.")
            )
        after_commit.email(return_request, after_commit.ACKNOWLEDGEMENT)
    return return_request


def authorise(return_request: Return, actor, note: str = "") -> None:
    """Authorised: what was not shipped yet stays here (its reservation released), and when
    nothing has to come back the refund follows at once. Caller holds the locks."""
    move(return_request, State.AUTHORISED, actor, note)
    keep_unshipped(return_request)
    if return_request.exchange_for_id:
        exchanging.reserve(return_request)
    if not nothing_to_come_back(return_request):
        return
    after_commit.refund(return_request)


def keep_unshipped(return_request: Return) -> None:
    """Withdrawn quantities not shipped yet are never sent: release their stock reservation; a
    service is never sent at all. An order withdrawn whole before dispatch is cancelled."""
    order = return_request.order
    left = {line.pk: quantity for line, quantity in shipments.left_to_ship(order).items()}
    for return_line in return_request.lines.select_related("order_line__stockrecord__product"):
        line = return_line.order_line
        if not shipments.requires_shipping(line):
            unshipped = return_line.quantity
        else:
            unshipped = min(return_line.quantity, left.get(line.pk, 0))
            if unshipped and line.stockrecord:
                line.stockrecord.cancel_allocation(unshipped)
        if unshipped:
            return_line.unshipped_quantity = unshipped
            return_line.save(update_fields=["unshipped_quantity"])
    nothing_dispatched = not shipments.dispatches(order).exists()
    if order.status == statuses.PAID and nothing_dispatched and not any(withdrawable(order).values()):
        order.set_status(statuses.CANCELLED)
    else:
        shipments.settle_status(order)


def nothing_to_come_back(return_request: Return) -> bool:
    return all(line.quantity_to_come_back == 0 for line in return_request.lines.all())
