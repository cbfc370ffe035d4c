"""Demo follow-ups (A6): the follow-up plan of every delivered demo order, made by the shop's own
followups.plan, and what became of each step as if send_follow_ups had run on every working day:
sent at 10:00 on its day (or the first working day after) when it still applied then; ended
where the customer had ordered again or withdrawn from the order by then; skipped where a
marketing step found no consent by then or the step had nothing to say. Steps still ahead stay
as planned. Nothing is e-mailed.
"""

from bisect import bisect_right
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db.models import Max
from oscar.core.loading import get_model

from aftersales import followup_mail, followups
from aftersales.followup_plan import Kind
from aftersales.models import Consent, FollowUp
from commerce.order import statuses
from commerce.order.emails import shop_settings
from commerce.returns.models import Return
from home.clock import AMSTERDAM
from home.closing import is_working_day

Order = get_model("order", "Order")
ShippingEvent = get_model("order", "ShippingEvent")

SEND_AT = time(10, 0)
Status = FollowUp.Status


class History:
    """Who ordered when, which orders were withdrawn from and who consented when."""

    def __init__(self, orders):
        self.placed: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
        for order in orders:
            self.placed[order.email.lower()].append((order.date_placed, order.number))
        self.withdrawn = dict(Return.objects.order_by("created_at").values_list("order_id", "created_at"))
        self.consents: dict[int, list[tuple[datetime, bool]]] = defaultdict(list)
        for customer_id, at, given in Consent.objects.order_by("at").values_list(
            "customer_id", "at", "given"
        ):
            self.consents[customer_id].append((at, given))

    def next_order(self, order) -> tuple[datetime, str] | None:
        placed = self.placed[order.email.lower()]
        later = [row for row in placed if row[0] > order.date_placed]
        return min(later) if later else None

    def consented(self, customer_id: int, moment: datetime) -> bool:
        statements = self.consents[customer_id]
        index = bisect_right([at for at, _given in statements], moment)
        return index > 0 and statements[index - 1][1]


def send_day(due: date, closing) -> date:
    while not is_working_day(due, closing):
        due += timedelta(days=1)
    return due


def outcome(
    follow_up: FollowUp, order, day: date, history: History, has_content
) -> tuple[str, str, datetime | None]:
    """(status, reason, sent at) of a step whose send `day` has come."""
    moment = datetime.combine(day, SEND_AT, AMSTERDAM)
    following = history.next_order(order)
    if following and following[0] < moment:
        return Status.ENDED, followups.reordered(following[1]), None
    withdrawn = history.withdrawn.get(order.pk)
    if withdrawn and withdrawn < moment:
        return Status.ENDED, str(followups.RETURNED), None
    if follow_up.step and follow_up.step.marketing and not history.consented(follow_up.customer_id, moment):
        return Status.SKIPPED, str(followups.NO_CONSENT), None
    if not has_content(follow_up.kind, order):
        return Status.SKIPPED, str(followup_mail.NOTHING_TO_SAY[Kind(follow_up.kind)]), None
    return Status.SENT, "", moment


def load_follow_ups(today: date, progress) -> dict[str, int]:
    closing = shop_settings().closing_days()
    orders = list(
        Order.objects.exclude(status=statuses.CANCELLED)
        .prefetch_related("lines")
        .order_by("date_placed", "pk")
    )
    history = History(orders)
    planned = set(FollowUp.objects.values_list("order_id", flat=True).distinct())
    delivered = [order for order in orders if order.status == statuses.DELIVERED and order.pk not in planned]
    # Whether a kind of follow-up has something to say depends on the products, not the customer.
    said: dict[tuple[str, tuple[int, ...]], bool] = {}

    def has_content(kind, order) -> bool:
        key = (kind, tuple(sorted(line.product_id for line in order.lines.all())))
        if key not in said:
            said[key] = followup_mail.content_for(kind, order) is not None
        return said[key]

    arrived = dict(
        ShippingEvent.objects.filter(order__in=delivered, delivered_on__isnull=False)
        .values("order_id")
        .annotate(last=Max("delivered_on"))
        .values_list("order_id", "last")
    )
    changed = []
    for done, order in enumerate(delivered, start=1):
        for follow_up in followups.plan(order, arrived.get(order.pk)):
            if follow_up.status == Status.SKIPPED or follow_up.due_on is None:
                continue
            day = send_day(follow_up.due_on, closing)
            if day > today:
                continue
            follow_up.status, follow_up.reason, follow_up.sent_at = outcome(
                follow_up, order, day, history, has_content
            )
            changed.append(follow_up)
        progress.count(done, len(delivered), "delivered orders' follow-up plans")
    FollowUp.objects.bulk_update(changed, ["status", "reason", "sent_at"], batch_size=500)
    made = FollowUp.objects.filter(order__in=delivered)
    return {"follow-ups": made.count(), "follow-ups sent": made.filter(status=Status.SENT).count()}
