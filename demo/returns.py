"""Demo returns (issue 11 item 9): about 8 % of the delivered demo orders come back, so the staff's
returns screens and the after-sales metrics (return rate, refund time) have real data.

Written with the returns core, as customers and staff would: withdraw (the button, or a notice by
e-mail that staff register), mark_sent, receive, set_deduction, decisions.reject and
cancel_by_customer, refunds.record_bank_transfer (demo orders have no PaymentIntent). So events,
refunds, stock and line statuses agree. Where the core stamps "now" (event times, receipt, the
refund) the planned moment is written afterwards; nothing is e-mailed or queued
(after_commit.as_history()).

The mix: most returns closed with the refund within the shop's 4-working-day goal (W14), some
partial, some refunded late (after the goal; most before the legal deadline, W8), one with a
deduction (W7), one rejected (personalised, W13 c), one cancelled by the customer, two services
withdrawn, and a few recent ones still open: authorised, sent back, received
with the refund due, overdue or escalated, one in review (a broken seal, W13 i), and one
exchange (W15): a belt sent back for the other colour, whose exchange order is reserved.
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Case, F, Max, Prefetch, Q, Value, When
from oscar.apps.order.signals import order_placed
from oscar.core.loading import get_model

from commerce.catalogue.withdrawal_exceptions import SEAL_DEPENDENT, WithdrawalException
from commerce.order import shipments
from commerce.order.emails import shop_settings
from commerce.order.receivers import queue_order_confirmation
from commerce.returns import after_commit, decisions, receiving, refunds, withdrawing
from commerce.returns.models import Channel, Reason, Refund, Return, ReturnEvent, ReturnLine, State
from commerce.returns.policy import LEGAL_WINDOW_DAYS, w14_refund_goal
from commerce.returns.transitions import CUSTOMER
from demo.assortment import PRODUCTS
from demo.seed import ORDER_NUMBER_PREFIX, at, rng
from demo.staff import DEMO_LOGINS
from home.clock import amsterdam_date
from home.closing import add_working_days, is_working_day
from home.staff_groups import ORDER_MANAGERS

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
Line = get_model("order", "Line")
ShippingEvent = get_model("order", "ShippingEvent")

CONFIRMATION_RECEIVER = "commerce.order.confirmation"  # commerce/order/receivers.py
RETURN_SHARE = 0.08
WHOLE_SHARE = 0.25  # all that may come back; else one article
NOT_RESELLABLE_SHARE = 0.15
# Customers who tell the shop the parcel's tracking code (W10: proof of sending); the others'
# parcels simply arrive.
TRACKED_SHARE = 0.3
# Only returns whose whole story lies this long ago are written as finished.
HISTORY_BEFORE_DAYS = 45
# Lines a customer may withdraw without staff (W13): no exception, or sealed with the seal intact.
RETURNABLE = {WithdrawalException.NONE, WithdrawalException.SEALED_MEDIA, WithdrawalException.SEALED_HYGIENE}
# How readily an article of each category comes back, as in Dutch web shops: clothes most,
# solar panels now and then, phones (a deliberate buy), books and accessories seldom, a greeting
# card never.
RETURN_WEIGHT = {
    "jeans": 8,
    "riemen-en-tassen": 4,
    "smartphones": 1,
    "zonne-energie": 2,
    "telefoonaccessoires": 1,
    "leesaccessoires": 1,
    "boeken": 1,
    "software": 1,
    "kaarten-en-inpakken": 0,
}


class Outcome(StrEnum):
    CLOSED = "closed"  # refunded within the goal
    LATE = "late"  # after the 4-working-day goal, before the legal deadline
    VERY_LATE = "very_late"  # after the legal deadline as well
    DEDUCTION = "deduction"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    SERVICE = "service"  # a service withdrawn within its 14 days: nothing comes back
    AUTHORISED = "authorised"
    SENT = "sent"
    DUE = "due"
    OVERDUE = "overdue"
    ESCALATED = "escalated"
    REVIEW = "review"
    EXCHANGE = "exchange"  # W15: sent back to swap for another variant at the same price


# Finished returns besides the plain closed ones, and how many of each.
FINISHED = {Outcome.LATE: 4, Outcome.VERY_LATE: 2, Outcome.DEDUCTION: 1, Outcome.CANCELLED: 1}
# Open returns: days before today of the notice, the sending and the receipt (None: not yet).
OPEN = {
    Outcome.AUTHORISED: (1, None, None),
    Outcome.REVIEW: (2, None, None),
    Outcome.SENT: (4, 2, None),
    Outcome.DUE: (6, 4, 2),
    Outcome.OVERDUE: (10, 8, 7),
    Outcome.ESCALATED: (12, 10, 9),  # 2 days before its legal deadline (W14)
    Outcome.EXCHANGE: (5, 3, None),
}
# W15: a belt exchanged for the other colour (variants of one product, at one price).
EXCHANGES = {"riem-bruin": "riem-zwart", "riem-zwart": "riem-bruin"}
DEDUCTION = ("7.50", "Krassen op de voorkant: meer gebruikt dan nodig om het te bekijken.")
PERSONALISATION = "Personalisatie"
NOTE_AFTER = timedelta(hours=1)
REJECTION = (
    "W13 (c): “%(title)s” is speciaal voor jou gepersonaliseerd (“%(text)s”). Voor zo'n product "
    "geldt geen herroepingsrecht; je kunt het dus niet terugsturen."
)


@dataclass
class Candidate:
    """A demo order as the planner sees it: its lines and the day its window counts from."""

    order: Any
    ships: bool
    starts_from: date  # the last delivery; for an order of services only, the day it was placed
    lines: list[Any]
    keys: dict[int, str]  # order line id -> assortment key

    def lines_with(self, exceptions) -> list[Any]:
        return [line for line in self.lines if exception_of(line) in exceptions]

    def returnable(self) -> list[Any]:
        """Lines a customer may send back without staff, that customers do send back."""
        return [line for line in self.lines_with(RETURNABLE) if self.weight(line)]

    def weight(self, line) -> int:
        return RETURN_WEIGHT.get(CATEGORY_BY_KEY[self.keys[line.pk]], 0)


@dataclass
class ReturnPlan:
    candidate: Candidate
    outcome: Outcome
    choices: list[tuple[Any, int]]
    notice_at: datetime
    sent_on: date | None = None  # recorded only with the tracking code the customer gives
    received_at: datetime | None = None
    resellable: bool = True
    decided_at: datetime | None = None  # the refund, the rejection or the cancellation
    reason: str = ""
    tracking_code: str = ""
    seal_intact: dict[int, bool] = field(default_factory=dict)
    exchange_for: str = ""  # assortment key of the variant wanted instead (W15)

    def nothing_sent(self) -> None:
        """Nothing came back: a service, a rejected or a cancelled return."""
        self.sent_on = self.received_at = None
        self.tracking_code = ""


def exception_of(line) -> str:
    return line.product.get_product_class().withdrawal_exception


CATEGORY_BY_KEY = {spec.key: spec.category for spec in PRODUCTS} | {
    variant.key: spec.category for spec in PRODUCTS for variant in spec.variants
}
UPC_BY_KEY = {spec.key: spec.upc for spec in PRODUCTS} | {
    variant.key: variant.upc for spec in PRODUCTS for variant in spec.variants
}


def key_by_upc() -> dict[str, str]:
    keys = {spec.upc: spec.key for spec in PRODUCTS}
    keys.update({variant.upc: variant.key for spec in PRODUCTS for variant in spec.variants})
    return keys


def candidates() -> list[Candidate]:
    """Every demo order, oldest first, with what the planner needs (a handful of queries)."""
    demo = Order.objects.filter(number__startswith=ORDER_NUMBER_PREFIX)
    delivered = dict(
        ShippingEvent.objects.filter(order__in=demo, event_type__code=shipments.DISPATCHED)
        .values_list("order_id")
        .annotate(last=Max("delivered_on"))
    )
    lines = Line.objects.select_related(
        "product__product_class", "product__parent__product_class", "stockrecord"
    )
    keys = key_by_upc()
    result = []
    for order in demo.order_by("number").prefetch_related(Prefetch("lines", queryset=lines.order_by("pk"))):
        order_lines = list(order.lines.all())
        last_delivery = delivered.get(order.pk)
        starts_from = last_delivery or amsterdam_date(order.date_placed)
        line_keys = {line.pk: keys[line.upc] for line in order_lines}
        result.append(Candidate(order, last_delivery is not None, starts_from, order_lines, line_keys))
    return result


def working_day_from(day: date) -> date:
    while not is_working_day(day, ()):
        day += timedelta(days=1)
    return day


def working_day_until(day: date) -> date:
    while not is_working_day(day, ()):
        day -= timedelta(days=1)
    return day


def moment(random_: random.Random, day: date, first_hour: int = 8, last_hour: int = 22) -> datetime:
    return at(day, random_.randint(first_hour, last_hour), random_.randint(0, 59))


def choose_lines(random_: random.Random, candidate: Candidate) -> list[tuple[Any, int]]:
    """Mostly one article (the size that did not fit, the gadget that disappointed), now and
    then everything that may come back."""
    lines = candidate.returnable()
    if random_.random() < WHOLE_SHARE:
        return [(line, line.quantity) for line in lines]
    [line] = random_.choices(lines, weights=[candidate.weight(line) for line in lines])
    return [(line, random_.randint(1, line.quantity))]


def weighted_sample(random_: random.Random, candidates: list[Candidate], count: int) -> list[Candidate]:
    """`count` orders, each the likelier to come back the more returnable articles it holds
    (Efraimidis and Spirakis' weighted sampling without replacement)."""
    weights = {
        candidate.order.pk: sum(map(candidate.weight, candidate.returnable())) for candidate in candidates
    }
    keyed = [(random_.random() ** (1 / weights[candidate.order.pk]), candidate) for candidate in candidates]
    return [candidate for _key, candidate in sorted(keyed, key=lambda pair: pair[0], reverse=True)[:count]]


class Planner:
    def __init__(self, today: date, closing_periods):
        self.today = today
        self.closing_periods = closing_periods
        self.random = rng("returns")
        self.used: set[int] = set()

    def plan(self, all_candidates: list[Candidate]) -> list[ReturnPlan]:
        count = round(RETURN_SHARE * len(all_candidates))
        recent = sorted(all_candidates, key=lambda candidate: candidate.starts_from, reverse=True)
        plans = [plan for outcome in OPEN if (plan := self.open_plan(outcome, recent)) is not None]
        history = [
            candidate
            for candidate in all_candidates
            if candidate.starts_from <= self.today - timedelta(days=HISTORY_BEFORE_DAYS)
        ]
        plans.append(self.rejected(history))
        services = [
            candidate
            for candidate in history
            if candidate.lines_with({WithdrawalException.SERVICE_PERFORMED}) == candidate.lines
        ]
        for candidate in self.random.sample(services, 2):
            plans.append(
                self.finished(candidate, Outcome.SERVICE, [(line, line.quantity) for line in candidate.lines])
            )
        returnable = [
            candidate
            for candidate in history
            if candidate.returnable() and candidate.order.pk not in self.used
        ]
        chosen = weighted_sample(self.random, returnable, count - len(plans))
        outcomes = [outcome for outcome, times in FINISHED.items() for _ in range(times)]
        outcomes += [Outcome.CLOSED] * (len(chosen) - len(outcomes))
        self.random.shuffle(outcomes)
        for candidate, outcome in zip(chosen, outcomes, strict=True):
            plans.append(self.finished(candidate, outcome, choose_lines(self.random, candidate)))
        return sorted(plans, key=lambda plan: plan.notice_at)

    def take(self, candidate: Candidate) -> Candidate:
        self.used.add(candidate.order.pk)
        return candidate

    def open_plan(self, outcome: Outcome, recent: list[Candidate]) -> ReturnPlan | None:
        """A return still in progress, its steps counted back from today; the order must have been
        delivered before the notice, and the notice sent inside the 14 days (W1)."""
        notice_ago, sent_ago, received_ago = OPEN[outcome]
        notice_day = self.today - timedelta(days=notice_ago)
        wanted = {
            Outcome.REVIEW: {WithdrawalException.SEALED_MEDIA},
        }.get(outcome, RETURNABLE)
        exchange = outcome == Outcome.EXCHANGE
        for candidate in recent:
            in_window = (
                candidate.starts_from
                <= notice_day
                < candidate.starts_from + timedelta(days=LEGAL_WINDOW_DAYS)
            )
            lines = candidate.lines_with(wanted)
            if exchange:  # one belt of the order (W15 exchanges one line)
                lines = [line for line in lines if candidate.keys[line.pk] in EXCHANGES]
            if candidate.order.pk in self.used or not in_window or not lines:
                continue
            plan = ReturnPlan(
                self.take(candidate),
                outcome,
                [(line, line.quantity) for line in lines[:1]],
                moment(self.random, notice_day, 8, 11),  # before any parcel leaves that day
            )
            if outcome == Outcome.REVIEW:
                plan.seal_intact = {lines[0].pk: False}  # the customer says the seal is broken
            if exchange:
                plan.exchange_for = EXCHANGES[candidate.keys[lines[0].pk]]
            if sent_ago is not None:
                plan.sent_on = self.today - timedelta(days=sent_ago)
                plan.tracking_code = self.tracking_code()
            if received_ago is not None:  # staff unpack on working days, after the parcel was sent
                received_on = working_day_until(self.today - timedelta(days=received_ago))
                plan.sent_on = min(plan.sent_on or received_on, received_on - timedelta(days=1))
                plan.received_at = moment(self.random, received_on, 9, 15)
            return plan
        return None

    def rejected(self, history: list[Candidate]) -> ReturnPlan:
        """W13 (c): a personalised product withdrawn by e-mail; staff reject it naming the rule."""
        personalised = [
            candidate for candidate in history if candidate.lines_with({WithdrawalException.PERSONALISED})
        ]
        candidate = self.take(self.random.choice(personalised))
        line = candidate.lines_with({WithdrawalException.PERSONALISED})[0]
        plan = self.timeline(candidate, Outcome.REJECTED, [(line, line.quantity)])
        plan.decided_at = moment(
            self.random, working_day_from(plan.notice_at.date() + timedelta(days=1)), 9, 17
        )
        plan.nothing_sent()
        return plan

    def finished(self, candidate: Candidate, outcome: Outcome, choices: list[tuple[Any, int]]) -> ReturnPlan:
        plan = self.timeline(self.take(candidate), outcome, choices)
        if outcome == Outcome.SERVICE:
            plan.nothing_sent()
            refund_on = add_working_days(plan.notice_at.date(), self.random.randint(1, 2), ())
            plan.decided_at = moment(self.random, refund_on, 9, 17)
        elif outcome == Outcome.CANCELLED:
            plan.nothing_sent()
            plan.decided_at = plan.notice_at + timedelta(days=self.random.randint(1, 2))
        else:
            plan.decided_at = self.refund_moment(plan)
        return plan

    def timeline(self, candidate: Candidate, outcome: Outcome, choices) -> ReturnPlan:
        """Notice within the first 11 days of the window, the parcel sent 1-3 days later and in
        1-2 days after (quicker for the late ones, whose refund then still beats the deadline)."""
        random_ = self.random
        quick = outcome == Outcome.LATE
        notice_day = candidate.starts_from + timedelta(days=random_.randint(0, 10) + (not candidate.ships))
        sent_on = notice_day + timedelta(days=1 if quick else random_.randint(1, 3))
        received_on = working_day_from(sent_on + timedelta(days=1 if quick else random_.randint(1, 2)))
        return ReturnPlan(
            candidate,
            outcome,
            choices,
            notice_at=moment(random_, notice_day),
            sent_on=sent_on,
            received_at=moment(random_, received_on, 9, 15),
            resellable=outcome != Outcome.DEDUCTION and random_.random() >= NOT_RESELLABLE_SHARE,
            reason=random_.choice([choice for choice, _label in Reason.choices]),
            tracking_code=self.tracking_code() if random_.random() < TRACKED_SHARE else "",
        )

    def tracking_code(self) -> str:
        return f"3SRET{self.random.randrange(10**9):09d}"

    def refund_moment(self, plan: ReturnPlan) -> datetime:
        """W14: on receipt when all is resellable (the shop's setting), else within the goal; late
        ones after it, before the legal deadline (W8) or, for two of them, after it."""
        assert plan.received_at is not None
        received_on = plan.received_at.date()
        goal = w14_refund_goal(received_on, self.closing_periods)
        deadline = plan.notice_at.date() + timedelta(days=LEGAL_WINDOW_DAYS)
        if plan.outcome == Outcome.LATE:
            # Between goal and deadline; a closing period may leave no day between them.
            days = [goal + timedelta(days=n) for n in range(1, max(2, (deadline - goal).days))]
            refund_on = self.random.choice([day for day in days if is_working_day(day, ())] or days)
        elif plan.outcome == Outcome.VERY_LATE:
            refund_on = working_day_from(deadline + timedelta(days=self.random.randint(1, 4)))
        elif plan.resellable and plan.outcome == Outcome.CLOSED:
            return plan.received_at + timedelta(minutes=self.random.randint(5, 90))
        else:
            refund_on = add_working_days(received_on, self.random.randint(1, 3), self.closing_periods)
        return moment(self.random, refund_on, 9, 17)


class Writer:
    """Writes a plan through the returns core, then dates what the core dated "now"."""

    def __init__(self, staff):
        self.staff = staff

    def write(self, plan: ReturnPlan) -> Return:
        return_request = self.withdraw(plan)
        outcome = plan.outcome
        if outcome == Outcome.REJECTED:
            decisions.reject(return_request, self.rejection(plan), self.staff)
        elif outcome == Outcome.CANCELLED:
            decisions.cancel_by_customer(return_request)
        else:
            if plan.tracking_code:
                receiving.mark_sent(return_request, plan.tracking_code, CUSTOMER, sent_on=plan.sent_on)
            if plan.received_at is not None:
                self.receive(return_request, plan)
            if outcome == Outcome.DEDUCTION:
                decisions.set_deduction(return_request, *DEDUCTION, self.staff)
            if plan.decided_at is not None:
                refunds.record_bank_transfer(return_request, f"SEPA {return_request.number}", self.staff)
                Refund.objects.filter(return_request=return_request).update(
                    created_at=plan.decided_at, refunded_at=plan.decided_at
                )
        self.date_events(return_request, plan)
        return return_request

    def withdraw(self, plan: ReturnPlan) -> Return:
        order = plan.candidate.order
        by_email = plan.outcome == Outcome.REJECTED
        if by_email:
            # The core refuses a personalised line at once on the web, so this customer wrote an
            # e-mail instead; staff register it, it goes to review and they reject it naming
            # W13 (c). The personalisation is recorded on the order line, as the shop took it.
            line = plan.choices[0][0]
            line.attributes.create(type=PERSONALISATION, value=personalisation(plan))
        choices = [
            withdrawing.LineChoice(line, quantity, plan.seal_intact.get(line.pk, self.seal(line)))
            for line, quantity in plan.choices
        ]
        exchange_for = Product.objects.get(upc=UPC_BY_KEY[plan.exchange_for]) if plan.exchange_for else None
        return_request = withdrawing.withdraw(
            order,
            choices,
            name=order.user.get_full_name(),
            email=order.email,
            notice_at=plan.notice_at,
            channel=Channel.EMAIL if by_email else Channel.WEB,
            reason="" if by_email else plan.reason,
            language=order.language,
            actor=self.staff if by_email else CUSTOMER,
            exchange_for=exchange_for,
        )
        Return.objects.filter(pk=return_request.pk).update(created_at=plan.notice_at)
        # The exchange order (numbered like the return) was placed at the authorisation.
        Order.objects.filter(number=return_request.number).update(date_placed=plan.notice_at)
        return return_request

    @staticmethod
    def seal(line) -> bool | None:
        """The seal question is asked for sealed goods only (W13 e/i); these came back sealed."""
        return True if exception_of(line) in SEAL_DEPENDENT else None

    def receive(self, return_request: Return, plan: ReturnPlan) -> None:
        assert plan.received_at is not None
        coming = [line for line in return_request.lines.all() if line.quantity_to_come_back]
        receiving.receive(
            return_request,
            {line.pk: plan.resellable for line in coming},
            self.staff,
            received_on=plan.received_at.date(),
        )
        received = ReturnLine.objects.filter(return_request=return_request, received_at__isnull=False)
        received.update(received_at=plan.received_at)
        received.filter(restocked_at__isnull=False).update(restocked_at=plan.received_at)

    @staticmethod
    def date_events(return_request: Return, plan: ReturnPlan) -> None:
        """Every event at the moment of its step, known by the state it moved to (W17)."""
        steps = [
            (Q(to_state__in=[State.REQUESTED, State.AUTHORISED, State.REVIEW]), plan.notice_at),
            (Q(to_state=State.SENT), plan.sent_on and at(plan.sent_on, 18)),
            # The deduction, a note on a received return, an hour after the receipt.
            (
                Q(from_state=State.RECEIVED, to_state=State.RECEIVED),
                plan.received_at and plan.received_at + NOTE_AFTER,
            ),
            (Q(to_state=State.RECEIVED), plan.received_at),
            (
                Q(to_state__in=[State.REFUNDED, State.CLOSED, State.REJECTED, State.CANCELLED]),
                plan.decided_at,
            ),
        ]
        whens = [When(condition, then=Value(moment)) for condition, moment in steps if moment]
        ReturnEvent.objects.filter(return_request=return_request).update(at=Case(*whens, default=F("at")))

    @staticmethod
    def rejection(plan: ReturnPlan) -> str:
        line = plan.choices[0][0]
        return REJECTION % {"title": line.title, "text": personalisation(plan)}


@contextmanager
def no_order_confirmation() -> Iterator[None]:
    """The exchange order of a return written as history queues no order confirmation: that went
    out when it was placed (as_history() keeps the return's own e-mails back)."""
    order_placed.disconnect(dispatch_uid=CONFIRMATION_RECEIVER)
    try:
        yield
    finally:
        order_placed.connect(queue_order_confirmation, dispatch_uid=CONFIRMATION_RECEIVER)


def personalisation(plan: ReturnPlan) -> str:
    """What the customer had printed on it: their first name."""
    return plan.candidate.order.user.first_name


def order_manager():
    login = next(login for login in DEMO_LOGINS if login.group == ORDER_MANAGERS)
    return get_user_model().objects.get(email=login.email)


def load_returns(today: date, progress) -> dict[str, int]:
    """Plan and write the demo returns once: a later load finds them and leaves them alone."""
    if Return.objects.filter(order__number__startswith=ORDER_NUMBER_PREFIX).exists():
        return {"returns": 0}
    plans = Planner(today, list(shop_settings().closing_periods.all())).plan(candidates())
    writer = Writer(order_manager())
    with after_commit.as_history(), no_order_confirmation():
        for done, plan in enumerate(plans, start=1):
            writer.write(plan)
            progress.count(done, len(plans), "returns")
    return {"returns": len(plans)}
