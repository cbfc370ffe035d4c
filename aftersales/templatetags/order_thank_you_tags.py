"""The order's thank-you on Oscar's dashboard order page, beside the dispatch form (A2: the card
goes before the invoice, which goes with the parcel; A8: a hold-out order says so):
`{% order_thank_you order as thank_you %}`."""

from dataclasses import dataclass

from django import template

from aftersales.models import Task
from aftersales.working import ACTIVE, is_overdue
from home.clock import amsterdam_today

register = template.Library()


@dataclass(frozen=True)
class ThankYou:
    task: Task
    waiting: bool  # still to be sent: staff should send it before the parcel goes
    overdue: bool
    sent: bool
    held_out: bool  # A8: no thank-you, to measure what the others' cards bring


@register.simple_tag
def order_thank_you(order) -> ThankYou | None:
    """The order's thank-you task (one query), or None when the order earned none."""
    task = Task.objects.filter(order=order, kind=Task.Kind.THANK_YOU).first()
    if task is None:
        return None
    return ThankYou(
        task,
        waiting=task.status in ACTIVE,
        overdue=is_overdue(task, amsterdam_today()),
        sent=task.status == Task.Status.SENT,
        held_out=task.status == Task.Status.HELD_OUT,
    )
