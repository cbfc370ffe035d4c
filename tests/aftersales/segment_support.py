"""Customers' orders on given days and refunds paid back, for the segment tests (A5): one order
placed the checkout's way, bulk copies of it for the rest, each copy given its customer, day,
total and status."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from oscar.core.loading import get_model

from aftersales.models import Customer
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
