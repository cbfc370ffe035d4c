"""The follow-up plan at work (A6): an order's plan made once it is delivered, ended when the
customer orders again, cancels or returns, and its due steps sent.

Planning writes one FollowUp per kind of follow-up: planned for its day (followup_plan.due_on),
or skipped with the reason (no step for this customer in the owner's plan, no product lifetime
known), so staff see the whole plan and why. The unique (order, kind) makes planning idempotent.

Sending claims a due follow-up with one conditional UPDATE (planned → sending) that commits on its
own, e-mails outside any transaction, then records the result: two workers that pick up the same
step send it once, and no transaction is held open while the mail server answers. A worker that
died between claim and result leaves the step "sending"; `reconcile_interrupted` settles it from
the e-mail log, never by sending a second time.
"""

import logging
from collections import Counter
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from aftersales import followup_mail
from aftersales.consent import has_consent
from aftersales.customers import customer_for, orders_of
from aftersales.followup_plan import (
    Kind,
    due_on,
    in_send_window,
    last_send_day,
    median_interval_days,
    step_for,
)
from aftersales.models import Customer, CustomerScore, FollowUp, FollowUpStep, SegmentChoice
from commerce.order import shipments, statuses
from commerce.order.emails import shop_settings
from commerce.returns.models import Return, State
from home.clock import AMSTERDAM, amsterdam_date
from home.closing import is_working_day

logger = logging.getLogger(__name__)
Email = get_model("communication", "Email")
Line = get_model("order", "Line")
Order = get_model("order", "Order")

Status = FollowUp.Status
# A customer with one order has no interval of their own: the win-back counts with this one.
DEFAULT_INTERVAL_DAYS = getattr(settings, "WINKELIER_FOLLOW_UP_DEFAULT_INTERVAL_DAYS", 90)
# A claim older than this without a result: the worker died (reconcile_interrupted).
INTERRUPTED_AFTER = timedelta(minutes=30)
# Delivered orders looked at for a missing plan (the on-delivery task normally made it).
PLAN_LOOKBACK = timedelta(days=60)
# Reasons kept on a follow-up, in the shop's language (the demo history writes them too).
CANCELLED = gettext_lazy("bestelling geannuleerd")
RETURNED = gettext_lazy("retour aangevraagd")
NO_CONSENT = gettext_lazy("geen toestemming voor marketingmail")


def delivered_on(order) -> date | None:
    """The day a plan is counted from: the last parcel's arrival; an order of services only is
    "delivered" the day it is placed. None before that, and for a cancelled order."""
    if order.status == statuses.CANCELLED:
        return None
    if shipments.ships_goods(order):
        return shipments.last_delivery_on(order)
    return amsterdam_date(order.date_placed)


def exit_reason(order, email: str) -> str | None:
    """Why the order's plan ends now: cancelled, (partly) returned, or the customer ordered again."""
    if order.status == statuses.CANCELLED:
        return str(CANCELLED)
    if Return.objects.filter(order=order).exclude(state=State.CANCELLED).exists():
        return str(RETURNED)
    later = orders_of(email).filter(date_placed__gt=order.date_placed).order_by("date_placed")
    number = later.values_list("number", flat=True).first()
    if number:
        return reordered(number)
    return None


def reordered(number: str) -> str:
    return _("nieuwe bestelling %(number)s") % {"number": number}


def segment_of(customer: Customer) -> str:
    """The customer's segment as last scored; a customer not scored since they ordered is new."""
    segment = CustomerScore.objects.filter(customer=customer).values_list("segment", flat=True).first()
    if segment is None or segment == SegmentChoice.PROSPECTS:
        return SegmentChoice.NEW
    return segment


def lifetime_days(order) -> int | None:
    """The shortest lifetime of the order's products (a variant's: its parent's class)."""
    lines = Line.objects.filter(order=order)
    found = lines.aggregate(
        own=Min("product__product_class__lifetime_days"),
        parent=Min("product__parent__product_class__lifetime_days"),
    )
    known = [days for days in found.values() if days]
    return min(known) if known else None


def plan(order, delivered: date | None = None) -> list[FollowUp]:
    """The order's plan, made once it is delivered (module doc); [] before that. `delivered`: the
    day it was, when the caller knows it already (the demo history)."""
    existing = list(FollowUp.objects.filter(order=order))
    start = delivered or delivered_on(order)
    if existing or start is None:
        return existing
    customer = customer_for(order)
    placed = orders_of(customer.email).filter(date_placed__lte=order.date_placed)
    order_days = [amsterdam_date(moment) for moment in placed.values_list("date_placed", flat=True)]
    first_order = len(order_days) <= 1
    segment = segment_of(customer)
    steps = list(FollowUpStep.objects.all())
    interval = median_interval_days(order_days) or DEFAULT_INTERVAL_DAYS
    lifetime = lifetime_days(order)
    ended = exit_reason(order, customer.email)
    rows = []
    for kind in Kind:
        step = step_for(steps, kind, segment, first_order)
        row = FollowUp(
            customer=customer, order=order, kind=kind, step=step, segment=segment, first_order=first_order
        )
        row.due_on = due_on(kind, start, step.day, lifetime, interval) if step else None
        if step is None:
            row.status, row.reason = Status.SKIPPED, not_in_plan_reason(segment, first_order)
        elif row.due_on is None:
            row.status, row.reason = (
                Status.SKIPPED,
                _("geen levensduur bekend van de producten in deze bestelling"),
            )
        elif ended:
            row.status, row.reason = Status.ENDED, ended
        rows.append(row)
    FollowUp.objects.bulk_create(rows, ignore_conflicts=True)
    return list(FollowUp.objects.filter(order=order).select_related("step"))


def not_in_plan_reason(segment: str, first_order: bool) -> str:
    return _("geen (actieve) stap in het opvolgplan voor %(segment)s bij een %(order)s") % {
        "segment": SegmentChoice(segment).label,
        "order": _("eerste bestelling") if first_order else _("herhaalbestelling"),
    }


def plan_missing(now: datetime) -> int:
    """Plans for delivered orders that have none yet (the on-delivery task did not run); the number made."""
    recent = Order.objects.filter(
        status=statuses.DELIVERED, date_placed__gte=now - PLAN_LOOKBACK, follow_ups__isnull=True
    )
    made = 0
    for order in recent.iterator():
        made += bool(plan(order))
    return made


def end_plans(customer: Customer) -> int:
    """End the customer's planned follow-ups whose order's plan has ended (exit_reason); the number ended."""
    ended = 0
    order_ids = FollowUp.objects.filter(customer=customer, status=Status.PLANNED).values_list(
        "order_id", flat=True
    )
    for order in Order.objects.filter(pk__in=set(order_ids)):
        reason = exit_reason(order, customer.email)
        if reason:
            ended += FollowUp.objects.filter(order=order, status=Status.PLANNED).update(
                status=Status.ENDED, reason=reason
            )
    return ended


def may_send_now(moment: datetime, shop) -> bool:
    """A working day of the shop, inside its send window (Amsterdam time)."""
    local = moment.astimezone(AMSTERDAM)
    return is_working_day(local.date(), shop.closing_days()) and in_send_window(
        local.time(), shop.follow_up_send_from, shop.follow_up_send_until
    )


def send_due(now: datetime | None = None) -> Counter:
    """Send every follow-up due by now, if now is a time the shop sends; the outcomes counted."""
    now = now or timezone.now()
    shop = shop_settings()
    outcomes: Counter = Counter()
    if not may_send_now(now, shop):
        return outcomes
    outcomes["interrupted"] = reconcile_interrupted(now)
    today = now.astimezone(AMSTERDAM).date()
    due = FollowUp.objects.filter(status=Status.PLANNED, due_on__lte=today).order_by("due_on", "pk")
    closing = shop.closing_days()
    for pk in list(due.values_list("pk", flat=True)):
        outcomes[send_one(pk, now, closing)] += 1
    return +outcomes


def send_one(pk: int, now: datetime, closing) -> str:
    """Claim, check and send one follow-up (module doc); returns what became of it."""
    if not FollowUp.objects.filter(pk=pk, status=Status.PLANNED).update(
        status=Status.SENDING, claimed_at=now
    ):
        return "taken"  # another worker has it, or it was ended meanwhile
    follow_up = FollowUp.objects.select_related("order", "customer", "step").get(pk=pk)
    refusal = refusal_of(follow_up, now.astimezone(AMSTERDAM).date(), closing)
    if refusal:
        return finish(follow_up, *refusal)
    step = follow_up.step
    assert step is not None  # refusal_of skipped a follow-up whose step is gone
    content = followup_mail.content_for(follow_up.kind, follow_up.order)
    if content is None:
        return finish(follow_up, Status.SKIPPED, str(followup_mail.NOTHING_TO_SAY[Kind(follow_up.kind)]))
    try:
        sent = followup_mail.send(follow_up, step, content)
    except Exception:
        logger.exception("follow-up %s could not be sent; it is tried again on the next run", pk)
        FollowUp.objects.filter(pk=pk).update(status=Status.PLANNED, claimed_at=None)
        return "failed"
    if not sent:  # consent withdrawn between the check and the send
        return finish(follow_up, Status.SKIPPED, str(NO_CONSENT))
    return finish(follow_up, Status.SENT, "", sent_at=now)


def refusal_of(follow_up: FollowUp, today: date, closing) -> tuple[str, str] | None:
    """(status, reason) when the follow-up must not go out, else None."""
    reason = exit_reason(follow_up.order, follow_up.customer.email)
    if reason:
        return Status.ENDED, reason
    step = follow_up.step
    if step is None or not step.active or follow_up.due_on is None:
        return Status.SKIPPED, _("de stap is uitgezet in het opvolgplan")
    last_day = last_send_day(follow_up.due_on, step.margin_days, lambda day: is_working_day(day, closing))
    if today > last_day:
        return Status.SKIPPED, _("te laat: had uiterlijk %(day)s verstuurd moeten zijn") % {
            "day": last_day.strftime("%d-%m-%Y")
        }
    if step.marketing and not has_consent(follow_up.customer):
        return Status.SKIPPED, str(NO_CONSENT)
    return None


def finish(follow_up: FollowUp, status: str, reason: str, sent_at: datetime | None = None) -> str:
    FollowUp.objects.filter(pk=follow_up.pk).update(status=status, reason=reason, sent_at=sent_at)
    return status


def reconcile_interrupted(now: datetime) -> int:
    """Settle follow-ups claimed long ago without a result: sent when the e-mail log holds a mail
    to the customer since the claim, else skipped (sending again could send it twice)."""
    stale = FollowUp.objects.filter(status=Status.SENDING, claimed_at__lt=now - INTERRUPTED_AFTER)
    settled = 0
    for follow_up in stale.select_related("customer"):
        logged = Email.objects.filter(
            email__iexact=follow_up.customer.email, date_sent__gte=follow_up.claimed_at
        )
        if logged.exists():
            settled += FollowUp.objects.filter(pk=follow_up.pk, status=Status.SENDING).update(
                status=Status.SENT,
                sent_at=follow_up.claimed_at,
                reason=_("verstuurd volgens het e-maillogboek"),
            )
        else:
            settled += FollowUp.objects.filter(pk=follow_up.pk, status=Status.SENDING).update(
                status=Status.SKIPPED,
                reason=_("versturen onderbroken; niet opnieuw geprobeerd om geen dubbele mail te sturen"),
            )
    return settled
