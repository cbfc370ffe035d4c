"""What needs the staff's attention (W14): refunds due, the shop's goal falling today, refunds
overdue against that goal, and returns escalated two days before the legal deadline.

Each is a filter (a Q) on returns, so the dashboard list, the counts on the dashboard home and
the daily escalation e-mail agree, and all of them filter in the database.
"""

from datetime import date

from django.db.models import Count, Q

from commerce.returns import refunds
from commerce.returns.models import Refund, State

NOT_REFUNDED = ~Q(refund__status=Refund.Status.SUCCEEDED)
# Finished one way or another: nothing left to escalate.
SETTLED = (State.REJECTED, State.CANCELLED, State.CLOSED)


def refund_due() -> Q:
    """May be refunded now and not refunded yet (refunds.due)."""
    return Q(pk__in=refunds.due().values("pk"))


def goal_today(today: date) -> Q:
    """W14: the goods arrived 4 working days ago; the refund is to be made today."""
    return NOT_REFUNDED & Q(refund_goal_on=today)


def overdue(today: date) -> Q:
    """W14: the shop's goal (4 working days after arrival) has passed without the refund."""
    return NOT_REFUNDED & Q(refund_goal_on__lt=today)


def escalated(today: date) -> Q:
    """W14: two days (or less) before the legal deadline (W8), still not refunded."""
    return NOT_REFUNDED & Q(escalate_on__lte=today) & ~Q(state__in=SETTLED)


def counts(returns, today: date) -> dict[str, int]:
    """{"today": refunds due today by the goal, "escalated": escalated returns}, in one query."""
    return returns.aggregate(
        today=Count("pk", filter=goal_today(today)), escalated=Count("pk", filter=escalated(today))
    )


def named(name: str, today: date) -> Q:
    """The filter the dashboard list calls "due", "today", "overdue" or "escalated"."""
    if name == "due":
        return refund_due()
    return {"today": goal_today, "overdue": overdue, "escalated": escalated}[name](today)
