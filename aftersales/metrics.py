"""The after-sales figures of a period (domain.md A8), as the dashboard shows them.

Every figure is counted by the database, in a few aggregate queries whatever the number of
orders: a customer's first and second order come from window functions over their orders,
medians from a sorted slice or a histogram of whole days. The result is plain JSON (dates as
ISO strings) so it can be cached (aftersales/dashboard.py); the page only reads it.

Who a customer is: their e-mail address, any case, as a guest or by their account
(commerce/order/customers.py); cancelled orders do not count. Days are Amsterdam calendar days.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import (
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    When,
    Window,
)
from django.db.models.functions import Coalesce, FirstValue, Lead, Lower, RowNumber, TruncDate
from oscar.core.loading import get_model

from aftersales.models import FollowUp, FollowUpKind, Task
from commerce.order import statuses
from commerce.recommendations.models import PlacementCount
from commerce.recommendations.performance import per_placement
from commerce.returns.models import Channel, Refund, Return, State
from home.clock import AMSTERDAM

Order = get_model("order", "Order")

REPEAT_DAYS = 90  # A8: a repeat purchase is a second order within 90 days of the first
FOLLOWED_DAYS = 14  # an order this soon after a follow-up e-mail counts as following it
P90 = 90  # percent


@dataclass(frozen=True)
class Period:
    """Amsterdam calendar days from `since` to `until`, both included."""

    since: date
    until: date

    def moments(self) -> tuple[datetime, datetime]:
        """The period as [start, end) moments, for filtering timestamps on their index."""
        return midnight(self.since), midnight(self.until + timedelta(days=1))

    def months(self) -> list["Period"]:
        """The calendar months the period touches, each cut to the period."""
        months = []
        start = self.since.replace(day=1)
        while start <= self.until:
            following = start + relativedelta(months=1)
            months.append(Period(max(start, self.since), min(following - timedelta(days=1), self.until)))
            start = following
        return months


def midnight(day: date) -> datetime:
    """The moment an Amsterdam day begins."""
    return datetime.combine(day, time(), AMSTERDAM)


def figures(period: Period, today: date) -> dict[str, Any]:
    """Everything the dashboard shows for `period`, as counted on `today`."""
    return {
        **first_orders(period, today),
        "returns": return_rate(period),
        "refunds": refund_times(period),
        "tasks": task_sla(period, today),
        "recommendations": recommendations(period),
        "follow_ups": follow_ups(period),
    }


def per_month(period: Period, month_of, measures: dict[str, Q]) -> dict[str, Count]:
    """Count expressions of each measure per month of the period, named "<measure>_<month>";
    `month_of(month)` is the condition of being in that month."""
    return {
        f"{name}_{index}": Count("pk", filter=condition & month_of(month))
        for index, month in enumerate(period.months())
        for name, condition in measures.items()
    }


def months_of(period: Period, counted: dict[str, int], measures) -> list[dict[str, Any]]:
    return [
        {"month": month.since.isoformat()[:7], **{name: counted[f"{name}_{index}"] for name in measures}}
        for index, month in enumerate(period.months())
    ]


def orders_in_turn() -> QuerySet:
    """Every counted order with, per customer in the order they were placed: its number (`nth`),
    the moment of the customer's first order and of the order after this one, its thank-you's
    status, and on a first order followed by another the Amsterdam calendar days between them.

    Filters compare moments, not days, and only those days are converted: on SQLite every
    conversion to an Amsterdam day is a Python call per row."""
    customer = Lower(Coalesce("user__email", "guest_email"))
    in_turn: dict[str, Any] = {
        "partition_by": [customer],
        "order_by": [F("date_placed").asc(), F("pk").asc()],
    }
    days_between = TruncDate("next_at", tzinfo=AMSTERDAM) - TruncDate("first_at", tzinfo=AMSTERDAM)
    return (
        Order.objects.exclude(status=statuses.CANCELLED)
        .annotate(
            thank_you=FilteredRelation(
                "aftersales_tasks", condition=Q(aftersales_tasks__kind=Task.Kind.THANK_YOU)
            ),
        )
        .annotate(
            nth=Window(RowNumber(), **in_turn),
            first_at=Window(FirstValue("date_placed"), **in_turn),
            next_at=Window(Lead("date_placed"), **in_turn),
            thank_you_status=F("thank_you__status"),
        )
        .annotate(
            gap=Case(
                When(nth=1, next_at__isnull=False, then=ExpressionWrapper(days_between, DurationField())),
                output_field=DurationField(),
            )
        )
    )


def first_orders(period: Period, today: date) -> dict[str, Any]:
    """The customers whose first order was in the period: how many ordered again within 90 days
    (A8; only those whose 90 days are over count), the median days to their second order, and
    the repeat rates of those whose first order got its thank-you against the hold-out (A8)."""
    start, end = period.moments()
    customers = orders_in_turn().filter(nth=1, first_at__gte=start, first_at__lt=end)
    # Their 90 days are over: a first order on day D counts from day D + 91 on.
    counted = Q(first_at__lt=midnight(today - timedelta(days=REPEAT_DAYS)))
    again = Q(gap__lte=timedelta(days=REPEAT_DAYS))
    card = counted & Q(thank_you_status=Task.Status.SENT)
    holdout = counted & Q(thank_you_status=Task.Status.HELD_OUT)
    monthly = {"counted": counted, "repeated": counted & again}
    totals = customers.aggregate(
        customers=Count("pk"),
        counted=Count("pk", filter=counted),
        repeated=Count("pk", filter=counted & again),
        with_second=Count("pk", filter=Q(next_at__isnull=False)),
        card=Count("pk", filter=card),
        card_repeated=Count("pk", filter=card & again),
        holdout=Count("pk", filter=holdout),
        holdout_repeated=Count("pk", filter=holdout & again),
        **per_month(period, in_month, monthly),
    )
    gaps = customers.filter(next_at__isnull=False).order_by("gap").values_list("gap", flat=True)
    return {
        "repeat": {
            "customers": totals["customers"],
            "counted": totals["counted"],
            "repeated": totals["repeated"],
            "months": months_of(period, totals, monthly),
        },
        "second_order": {
            "customers": totals["with_second"],
            "median_days": sorted_median(gaps, totals["with_second"]),
        },
        "lift": {
            "card": [totals["card"], totals["card_repeated"]],
            "holdout": [totals["holdout"], totals["holdout_repeated"]],
        },
    }


def in_month(month: Period) -> Q:
    start, end = month.moments()
    return Q(first_at__gte=start, first_at__lt=end)


def sorted_median(durations, count: int) -> float | None:
    """The median of `count` sorted durations (a queryset), in days: one or two rows read."""
    if not count:
        return None
    middle = list(durations[(count - 1) // 2 : count // 2 + 1])
    return sum(duration.days for duration in middle) / len(middle)


def return_rate(period: Period) -> dict[str, int]:
    """The orders placed in the period, and how many of them the customer withdrew from (some
    or all lines; a withdrawal rejected or called off by the customer, or the shop's own
    cancellation, is no return)."""
    start, end = period.moments()
    withdrawn = (
        Return.objects.filter(order=OuterRef("pk"))
        .exclude(channel=Channel.CANCELLATION)
        .exclude(state__in=[State.REJECTED, State.CANCELLED])
    )
    orders = Order.objects.exclude(status=statuses.CANCELLED).filter(
        date_placed__gte=start, date_placed__lt=end
    )
    return orders.aggregate(orders=Count("pk"), returned=Count("pk", filter=Exists(withdrawn)))


def refund_times(period: Period) -> dict[str, Any]:
    """Refunds of withdrawals completed in the period: days from the withdrawal (its notice) to
    the refund, as a histogram [[days, refunds], ...], with the median and the 90th percentile."""
    start, end = period.moments()
    days = ExpressionWrapper(
        TruncDate("refunded_at", tzinfo=AMSTERDAM) - TruncDate("return_request__notice_at", tzinfo=AMSTERDAM),
        output_field=DurationField(),
    )
    rows = (
        Refund.objects.filter(status=Refund.Status.SUCCEEDED, refunded_at__gte=start, refunded_at__lt=end)
        .exclude(return_request__channel=Channel.CANCELLATION)
        .annotate(days=days)
        .values("days")
        .annotate(refunds=Count("pk"))
        .order_by("days")
    )
    histogram = [[row["days"].days, row["refunds"]] for row in rows]
    return {
        "refunds": sum(refunds for _days, refunds in histogram),
        "median_days": histogram_median(histogram),
        "p90_days": nearest_rank(histogram, P90),
        "histogram": histogram,
    }


def histogram_median(histogram: list[list[int]]) -> float | None:
    """The median of a sorted histogram [[value, count], ...] (the mean of the middle two when
    the count is even)."""
    total = sum(count for _value, count in histogram)
    if not total:
        return None
    middle = [nearest_rank_at(histogram, (total + 1) // 2), nearest_rank_at(histogram, total // 2 + 1)]
    return sum(middle) / 2


def nearest_rank(histogram: list[list[int]], percent: int) -> int | None:
    """The smallest value with at least `percent` % of the counts at or below it."""
    total = sum(count for _value, count in histogram)
    if not total:
        return None
    return nearest_rank_at(histogram, -(-percent * total // 100))  # rank ⌈percent·total/100⌉


def nearest_rank_at(histogram: list[list[int]], rank: int) -> int:
    """The value of the rank-th smallest count (1-based)."""
    seen = 0
    for value, count in histogram:
        seen += count
        if seen >= rank:
            return value
    raise ValueError(f"rank {rank} beyond the histogram's {seen}")


def task_sla(period: Period, today: date) -> dict[str, Any]:
    """Thank-you tasks due in the period up to yesterday (today's may still go out), and how many
    were sent on or before their day (A2), in all and per month. Held-out tasks are no work and
    skipped ones were decided against, so neither counts."""
    tasks = Task.objects.filter(
        kind=Task.Kind.THANK_YOU, due_on__range=(period.since, min(period.until, today - timedelta(days=1)))
    ).exclude(status__in=[Task.Status.HELD_OUT, Task.Status.SKIPPED])
    monthly = {"due": Q(), "on_time": Q(status=Task.Status.SENT, sent_on__lte=F("due_on"))}
    counted = tasks.aggregate(
        due=Count("pk"),
        on_time=Count("pk", filter=monthly["on_time"]),
        **per_month(period, lambda month: Q(due_on__range=(month.since, month.until)), monthly),
    )
    return {
        "due": counted["due"],
        "on_time": counted["on_time"],
        "months": months_of(period, counted, monthly),
    }


def recommendations(period: Period) -> list[dict[str, Any]]:
    """Clicks on recommended products and basket additions from them, per placement."""
    counts = PlacementCount.objects.filter(day__range=(period.since, period.until))
    return [
        {"placement": row.placement, "clicks": row.clicks, "additions": row.additions}
        for row in per_placement(counts)
    ]


def follow_ups(period: Period) -> dict[str, Any]:
    """The follow-up e-mails sent in the period (A6), and how many of them the customer followed
    with an order within FOLLOWED_DAYS, in all and per kind of follow-up."""
    start, end = period.moments()
    customer = Lower(Coalesce("user__email", "guest_email"))
    order_after = (
        Order.objects.exclude(status=statuses.CANCELLED)
        .annotate(customer=customer)
        .filter(
            customer=OuterRef("customer__email"),
            date_placed__gt=OuterRef("sent_at"),
            date_placed__lte=OuterRef("sent_at") + timedelta(days=FOLLOWED_DAYS),
        )
    )
    sent = FollowUp.objects.filter(status=FollowUp.Status.SENT, sent_at__gte=start, sent_at__lt=end)
    per_kind = {
        row["kind"]: row
        for row in sent.annotate(followed=Exists(order_after))
        .values("kind")
        .annotate(sent=Count("pk"), ordered=Count("pk", filter=Q(followed=True)))
    }
    kinds = [
        {"kind": kind, "sent": per_kind[kind]["sent"], "ordered": per_kind[kind]["ordered"]}
        for kind in FollowUpKind.values
        if kind in per_kind
    ]
    return {
        "sent": sum(row["sent"] for row in kinds),
        "ordered_within_14_days": sum(row["ordered"] for row in kinds),
        "kinds": kinds,
    }
