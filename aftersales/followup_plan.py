"""The follow-up plan's rules (A6), without the database.

Every step of an order's plan is counted from the day its last parcel arrived, not from the day
it was ordered: a tip about a kettle is useful once the kettle is in the kitchen. The owner's
plan is a list of steps; for each kind of follow-up an order gets the step that fits its
customer best (their segment, and whether this is their first order), or none.

A planned step is sent on a working day of the shop (no weekends, no closing days: a reply can
be answered) inside the daily send window; a step that could not go out within its margin is
skipped rather than sent weeks late. The plan ends when the customer orders again, the order is
cancelled or (part of) it is returned.
"""

import statistics
from collections.abc import Callable, Iterable, Sequence
from datetime import date, time, timedelta
from enum import StrEnum
from typing import Protocol, TypeVar


class Kind(StrEnum):
    """The plan's follow-ups, in the order they go out."""

    THANK_YOU = "thank_you"  # day 0
    USAGE_TIPS = "usage_tips"  # day 3, from the product pages' usage tips
    REVIEW = "review"  # day 10
    CROSS_SELL = "cross_sell"  # day 14-20, recommended products
    REORDER = "reorder"  # when the product is used up (the product class's lifetime)
    WIN_BACK = "win_back"  # no order in twice the customer's usual interval


class OrderKind(StrEnum):
    FIRST = "first"
    REPEAT = "repeat"
    ANY = "any"


# Kinds whose day is worked out per order rather than written in the step.
COMPUTED_DAY = (Kind.REORDER, Kind.WIN_BACK)


class Step(Protocol):
    """What the rules need of one of the owner's steps (aftersales.models.FollowUpStep)."""

    pk: int
    kind: str
    applies_to: str
    segments: Sequence[str]
    active: bool


S = TypeVar("S", bound=Step)


def step_for(steps: Iterable[S], kind: str, segment: str, first_order: bool) -> S | None:
    """The step of `kind` for a customer in `segment` on their first (or a repeat) order: the most
    specific one that applies (a step for their segment before one for everybody, one for first or
    repeat orders before one for any order). None when no step applies or the most specific one is
    switched off, so the owner can leave one segment out of a follow-up everybody else gets."""
    order_kind = OrderKind.FIRST if first_order else OrderKind.REPEAT
    fitting = [
        step
        for step in steps
        if step.kind == kind
        and step.applies_to in (order_kind, OrderKind.ANY)
        and (not step.segments or segment in step.segments)
    ]
    if not fitting:
        return None
    best = min(fitting, key=lambda step: (not step.segments, step.applies_to == OrderKind.ANY, step.pk))
    return best if best.active else None


def median_interval_days(order_days: Iterable[date]) -> float | None:
    """The median number of days between a customer's consecutive orders (orders on one day count
    once); None with fewer than two order days."""
    days = sorted(set(order_days))
    gaps = [(later - earlier).days for earlier, later in zip(days, days[1:], strict=False)]
    return statistics.median(gaps) if gaps else None


def due_on(
    kind: str,
    delivered_on: date,
    day: int,
    lifetime_days: int | None = None,
    interval_days: float | None = None,
) -> date | None:
    """The day a step is due, counted from delivery: `day` days after it, or for a re-order nudge
    the product's lifetime after it and for a win-back twice the customer's usual interval after
    it. None when that cannot be known (no product in the order has a lifetime)."""
    if kind == Kind.REORDER:
        return delivered_on + timedelta(days=lifetime_days) if lifetime_days else None
    if kind == Kind.WIN_BACK:
        return delivered_on + timedelta(days=round(2 * interval_days)) if interval_days else None
    return delivered_on + timedelta(days=day)


def last_send_day(due: date, margin_days: int, is_working_day: Callable[[date], bool]) -> date:
    """The last day a step due on `due` may still go out: `margin_days` later, and never before the
    first working day on or after `due` (closing days do not eat a step with a small margin)."""
    first_working = due
    while not is_working_day(first_working):
        first_working += timedelta(days=1)
    return max(due + timedelta(days=margin_days), first_working)


def in_send_window(moment: time, opens: time, closes: time) -> bool:
    """Whether the shop sends follow-ups at this time of day (opens inclusive, closes exclusive)."""
    return opens <= moment < closes
