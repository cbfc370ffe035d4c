"""Hand-made shop histories for the dashboard's figures (A8), each with the figures it must give
for PERIOD on TODAY, worked out by hand in the comments. Used on SQLite
(test_dashboard_metrics.py) and PostgreSQL (test_dashboard_postgres.py).

Orders are bulk copies of one placed order (task_support.copies_of) with their customer's
e-mail address and their moment set; the placed order itself is cancelled, so it never counts.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from oscar.core.loading import get_model

from aftersales.metrics import Period
from aftersales.models import Task
from commerce.order import statuses
from commerce.recommendations.models import PlacementCount
from commerce.returns.models import Channel, Refund, Return, State
from home.clock import AMSTERDAM
from tests.aftersales.task_support import copies_of, placed_order, task_for
from tests.factories import ProductFactory, UserFactory

Order = get_model("order", "Order")

TODAY = date(2025, 6, 30)
PERIOD = Period(date(2025, 1, 1), TODAY)
# A first order's 90 days are over when it was placed on or before 31 March (TODAY - 91 days).
MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]


def at(day: str, clock: str = "12:00") -> datetime:
    """An Amsterdam moment: at("2025-01-10"), at("2025-02-01", "00:30")."""
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), AMSTERDAM)


def orders(*placed: tuple[str, datetime]) -> list:
    """An order per (e-mail address, moment), as a guest."""
    template = placed_order()
    Order.objects.filter(pk=template.pk).update(status=statuses.CANCELLED)
    made = copies_of(template, len(placed))
    for order, (email, moment) in zip(made, placed, strict=True):
        Order.objects.filter(pk=order.pk).update(guest_email=email, date_placed=moment)
        order.guest_email, order.date_placed = email, moment
    return made


def first_orders_history() -> dict:
    """Customers, their orders and their first order's thank-you; the first-order figures."""
    jan = UserFactory(email="jan@example.test")
    made = orders(
        ("a@example.test", at("2025-01-10")),  # a: again after 50 days → repeat; card sent
        ("a@example.test", at("2025-03-01")),
        ("b@example.test", at("2025-01-20")),  # b: again after 95 days → no repeat; card sent
        ("b@example.test", at("2025-04-25")),
        ("c@example.test", at("2025-02-05")),  # c: once; hold-out
        ("d@example.test", at("2024-12-20")),  # d: first order before the period: not new
        ("d@example.test", at("2025-01-15")),
        ("e@example.test", at("2025-03-31")),  # e: the last day whose 90 days are over;
        ("e@example.test", at("2025-06-29")),  #    again on day 90 → repeat; hold-out
        ("f@example.test", at("2025-04-01")),  # f: 90 days not over yet: new, not counted
        ("f@example.test", at("2025-04-05")),  #    (second order after 4 days)
        ("g@example.test", at("2025-01-05")),  # g: a cancelled order first (below), then
        ("g@example.test", at("2025-02-10")),  #    the first that counts; task still open
        ("Henk@Example.test", at("2025-02-15")),  # h: one customer, any case: repeat after
        ("henk@example.test", at("2025-02-20")),  #    5 days; card sent
        ("i@example.test", at("2025-02-01", "00:30")),  # i: 31 January 23:30 UTC is February
        # in Amsterdam; hold-out
        ("", at("2025-01-12")),  # jan's account (below) ...
        ("JAN@example.test", at("2025-01-30")),  # ... and jan as a guest: again after 18 days
    )
    Order.objects.filter(pk=made[11].pk).update(status=statuses.CANCELLED)
    Order.objects.filter(pk=made[16].pk).update(user=jan)
    for index, status in [(0, "sent"), (2, "sent"), (4, "held_out"), (7, "held_out"), (12, "open")]:
        first_task(made[index], status)
    first_task(made[13], "sent")
    first_task(made[15], "held_out")
    return {
        "repeat": {
            "customers": 9,  # a b c e f g h i jan
            "counted": 8,  # all but f
            "repeated": 4,  # a e h jan
            "months": [
                {"month": "2025-01", "counted": 3, "repeated": 2},  # a b jan; a jan
                {"month": "2025-02", "counted": 4, "repeated": 1},  # c g h i; h
                {"month": "2025-03", "counted": 1, "repeated": 1},  # e
                {"month": "2025-04", "counted": 0, "repeated": 0},  # f, 90 days not over
                {"month": "2025-05", "counted": 0, "repeated": 0},
                {"month": "2025-06", "counted": 0, "repeated": 0},
            ],
        },
        # Days to the second order: f 4, h 5, jan 18, a 50, e 90, b 95 → median (18 + 50) / 2.
        "second_order": {"customers": 6, "median_days": 34.0},
        # Counted customers whose first order's card was sent: a b h (a h again); held out:
        # c e i (e again). g's task is still open: in neither group.
        "lift": {"card": [3, 2], "holdout": [3, 1]},
    }


def first_task(order, status: str) -> Task:
    """The first order's thank-you; due before the period, so the SLA figures never see it."""
    sent_on = date(2024, 12, 1) if status == "sent" else None
    return task_for(order, status=status, due_on=date(2024, 12, 1), sent_on=sent_on)


def return_of(order, state=State.REFUNDED, channel=Channel.WEB, notice_at=None) -> Return:
    return Return.objects.create(
        number=f"R{order.number}-{order.returns.count() + 1}",
        order=order,
        state=state,
        channel=channel,
        notice_at=notice_at or order.date_placed + timedelta(days=3),
        customer_name="Sanne de Vries",
        email=order.email,
        legal_refund_deadline=TODAY,
        escalate_on=TODAY,
    )


def returns_history() -> dict:
    """Orders placed in the period and their returns; the return rate's figures."""
    made = orders(
        ("a@example.test", at("2025-02-01")),  # withdrawn (refunded): a return
        ("b@example.test", at("2025-02-02")),  # two withdrawals, one of them cancelled: a return
        ("c@example.test", at("2025-02-03")),  # withdrawal rejected (an exception applied)
        ("d@example.test", at("2025-02-04")),  # withdrawal cancelled by the customer
        ("e@example.test", at("2025-02-05")),  # cancelled by the shop: no return
        ("f@example.test", at("2025-02-06")),  # kept
        ("g@example.test", at("2024-12-30")),  # withdrawn, but placed before the period
        ("h@example.test", at("2025-01-01", "00:10")),  # in the period (Amsterdam), withdrawn
    )
    return_of(made[0])
    return_of(made[1], state=State.RECEIVED)
    return_of(made[1], state=State.CANCELLED)
    return_of(made[2], state=State.REJECTED)
    return_of(made[3], state=State.CANCELLED)
    return_of(made[4], channel=Channel.CANCELLATION)
    return_of(made[6])
    return_of(made[7], state=State.REQUESTED)
    return {"orders": 7, "returned": 3}  # a b h of a b c d e f h


def refund(return_request, refunded_at: datetime, status=Refund.Status.SUCCEEDED) -> Refund:
    return Refund.objects.create(
        return_request=return_request,
        method=Refund.Method.STRIPE,
        lines_amount=Decimal("30.00"),
        amount=Decimal("30.00"),
        status=status,
        refunded_at=refunded_at if status == Refund.Status.SUCCEEDED else None,
    )


def refunds_history() -> dict:
    """Withdrawals and their refunds; refund times in Amsterdam days."""
    made = orders(*[(f"klant{n}@example.test", at("2025-02-01")) for n in range(8)])
    notices_and_refunds = [
        (at("2025-03-01", "10:00"), at("2025-03-03", "09:00")),  # 2 days
        (at("2025-03-10", "23:30"), at("2025-03-11", "00:30")),  # 1 day: an hour, but the next day
        (at("2025-03-20"), at("2025-03-24")),  # 4 days
        (at("2025-04-01"), at("2025-04-05", "08:00")),  # 4 days
        (at("2025-04-10"), at("2025-04-22")),  # 12 days
        (at("2024-12-10"), at("2024-12-20")),  # refunded before the period: not counted
    ]
    for order, (notice_at, refunded_at) in zip(made, notices_and_refunds, strict=False):
        refund(return_of(order, notice_at=notice_at), refunded_at)
    refund(return_of(made[6], state=State.RECEIVED, notice_at=at("2025-03-01")), None, Refund.Status.DUE)
    cancelled = return_of(made[7], channel=Channel.CANCELLATION, notice_at=at("2025-03-01"))
    refund(cancelled, at("2025-03-01", "12:05"))  # the shop's cancellation: not a withdrawal
    # 1 2 4 4 12: the median is the third, 4; 90 % of 5 is 4.5 → the 5th, 12.
    return {"refunds": 5, "median_days": 4.0, "p90_days": 12, "histogram": [[1, 1], [2, 1], [4, 2], [12, 1]]}


def tasks_history() -> dict:
    """Thank-you tasks and how they went; the SLA's figures (due up to yesterday, 29 June)."""
    made = orders(*[(f"klant{n}@example.test", at("2025-01-01")) for n in range(11)])
    task_for(made[0], status="sent", due_on=date(2025, 1, 15), sent_on=date(2025, 1, 15))  # on its day
    task_for(made[1], status="sent", due_on=date(2025, 1, 20), sent_on=date(2025, 1, 17))  # early
    task_for(made[2], status="sent", due_on=date(2025, 2, 3), sent_on=date(2025, 2, 5))  # late
    task_for(made[3], status="open", due_on=date(2025, 2, 10))  # overdue
    task_for(made[4], status="printed", due_on=date(2025, 6, 29))  # due yesterday, not sent
    task_for(made[5], status="skipped", due_on=date(2025, 2, 10))  # decided against: not counted
    task_for(made[6], status="held_out", due_on=date(2025, 2, 10))  # hold-out: no work
    task_for(made[7], status="open", due_on=TODAY)  # due today: may still go out
    task_for(made[8], status="sent", due_on=date(2024, 12, 30), sent_on=date(2024, 12, 30))  # before
    task_for(made[9], status="sent", due_on=date(2025, 3, 3), sent_on=date(2025, 3, 1))  # early
    task_for(made[10], kind=Task.Kind.QUESTION, tier=None, due_on=date(2025, 3, 3))  # a question
    return {
        "due": 6,
        "on_time": 3,
        "months": [
            {"month": "2025-01", "due": 2, "on_time": 2},
            {"month": "2025-02", "due": 2, "on_time": 0},
            {"month": "2025-03", "due": 1, "on_time": 1},
            {"month": "2025-04", "due": 0, "on_time": 0},
            {"month": "2025-05", "due": 0, "on_time": 0},
            {"month": "2025-06", "due": 1, "on_time": 0},
        ],
    }


def recommendations_history() -> list:
    """Clicks and basket additions per placement and day."""
    lamp, mug = ProductFactory(title="Bureaulamp"), ProductFactory(title="Mok")
    for placement, product, day, clicks, additions in [
        ("product", lamp, date(2025, 2, 1), 5, 2),
        ("product", mug, date(2025, 6, 30), 1, 1),
        ("basket", lamp, date(2025, 1, 1), 3, 4),  # the basket's one-click button adds without a click
        ("basket", lamp, date(2024, 12, 31), 7, 7),  # before the period
    ]:
        PlacementCount.objects.create(
            placement=placement, product=product, day=day, clicks=clicks, additions=additions
        )
    return [
        {"placement": "product", "clicks": 6, "additions": 3},
        {"placement": "basket", "clicks": 3, "additions": 4},
        {"placement": "email", "clicks": 0, "additions": 0},
        {"placement": "followup", "clicks": 0, "additions": 0},
    ]
