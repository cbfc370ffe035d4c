"""Customers' orders on given days and refunds paid back, for the segment tests (A5): one order
placed the checkout's way, bulk copies of it for the rest, each copy given its customer, day,
total and status; and customers with scores and history written by hand, for the admin pages."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from oscar.core.loading import get_model

from aftersales.models import Customer, CustomerScore, SegmentChange
from commerce.order import statuses
from commerce.returns.models import Refund, Return, State
from home.clock import AMSTERDAM
from tests.aftersales.task_support import copies_of, placed_order

Order = get_model("order", "Order")


@dataclass(frozen=True)
class Bought:
    email: str  # a guest's; with `user`, the account's e-mail address counts
    placed: date | datetime  # a date: at noon in Amsterdam
    total: str = "30.00"
    status: str = statuses.PAID
    user: object = None


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=AMSTERDAM)


def orders(*bought: Bought) -> list:
    """One order per `Bought`, in that order."""
    first = placed_order(email=bought[0].email)
    made = [first, *copies_of(first, len(bought) - 1)]
    for order, wanted in zip(made, bought, strict=True):
        order.guest_email = "" if wanted.user else wanted.email
        order.user = wanted.user
        order.date_placed = wanted.placed if isinstance(wanted.placed, datetime) else noon(wanted.placed)
        order.total_incl_tax = Decimal(wanted.total)
        order.status = wanted.status
    Order.objects.bulk_update(made, ["guest_email", "user", "date_placed", "total_incl_tax", "status"])
    return made


def refund(order, amount: str, on: date | None, status=Refund.Status.SUCCEEDED) -> Refund:
    """A refund of `amount` on `order`, paid back on day `on` (None: still due)."""
    number = f"R{order.number}-{Return.objects.filter(order=order).count() + 1}"
    notice = noon(on or order.date_placed.date())
    return_request = Return.objects.create(
        number=number,
        order=order,
        state=State.REFUNDED if status == Refund.Status.SUCCEEDED else State.RECEIVED,
        notice_at=notice,
        customer_name="Sanne de Vries",
        email=order.email,
        legal_refund_deadline=notice.date() + timedelta(days=14),
        escalate_on=notice.date() + timedelta(days=12),
    )
    return Refund.objects.create(
        return_request=return_request,
        method=Refund.Method.BANK_TRANSFER,
        lines_amount=Decimal(amount),
        amount=Decimal(amount),
        status=status,
        refunded_at=noon(on) if status == Refund.Status.SUCCEEDED and on else None,
    )


def prospect(email: str, since: date) -> Customer:
    """A customer without orders, known since `since` (signed up for the newsletter that day)."""
    customer = Customer.objects.create(email=email)
    Customer.objects.filter(pk=customer.pk).update(created_at=noon(since))  # auto_now_add: set after
    customer.refresh_from_db()
    return customer


def scored(
    email: str,
    segment: str,
    on: date,
    monetary: str = "30.00",
    frequency: int = 1,
    scores: tuple[int, int, int] = (3, 1, 3),
    recency_days: int = 10,
    **customer_fields,
) -> Customer:
    """A customer as compute_segments would leave them on day `on`, written by hand: their
    score row and their first change into `segment`."""
    customer = Customer.objects.create(email=email, **customer_fields)
    CustomerScore.objects.create(
        customer=customer,
        recency_days=recency_days,
        frequency=frequency,
        monetary=Decimal(monetary),
        recency_score=scores[0],
        frequency_score=scores[1],
        monetary_score=scores[2],
        segment=segment,
        scored_on=on,
    )
    SegmentChange.objects.create(customer=customer, to_segment=segment, changed_on=on)
    return customer


def many_scored(count: int, segment: str, on: date, prefix: str = "klant") -> list[Customer]:
    """`count` customers in `segment` since day `on`, bulk-inserted (for query counts)."""
    customers = Customer.objects.bulk_create(
        Customer(email=f"{prefix}{n}@example.test", marketing_consent=n % 2 == 0) for n in range(count)
    )
    CustomerScore.objects.bulk_create(
        CustomerScore(
            customer=customer,
            recency_days=n,
            frequency=1 + n % 4,
            monetary=Decimal(10 + n),
            recency_score=1 + n % 5,
            frequency_score=1 + n % 5,
            monetary_score=1 + n % 5,
            segment=segment,
            scored_on=on,
        )
        for n, customer in enumerate(customers)
    )
    SegmentChange.objects.bulk_create(
        SegmentChange(customer=customer, to_segment=segment, changed_on=on) for customer in customers
    )
    return customers
