"""A6's rules without the database (aftersales/followup_plan.py): which step an order gets, when
it is due counted from delivery, how late it may still go, and when the shop sends."""

from dataclasses import dataclass, field
from datetime import date, time

import pytest

from aftersales.followup_plan import (
    Kind,
    OrderKind,
    due_on,
    in_send_window,
    last_send_day,
    median_interval_days,
    step_for,
)

pytestmark = pytest.mark.rule("A6")
DELIVERED = date(2026, 3, 5)  # a Thursday


@dataclass
class Step:
    pk: int
    kind: str = Kind.REVIEW
    applies_to: str = OrderKind.ANY
    segments: list[str] = field(default_factory=list)
    active: bool = True


def test_a6_the_most_specific_step_wins_segment_before_order_kind_before_everybody():
    everybody = Step(1)
    first_orders = Step(2, applies_to=OrderKind.FIRST)
    champions = Step(3, segments=["champions"])
    steps = [everybody, first_orders, champions]

    assert step_for(steps, Kind.REVIEW, "new", first_order=True) is first_orders
    assert step_for(steps, Kind.REVIEW, "new", first_order=False) is everybody
    assert step_for(steps, Kind.REVIEW, "champions", first_order=True) is champions
    assert step_for(steps, Kind.CROSS_SELL, "champions", first_order=True) is None


def test_a6_a_switched_off_step_for_a_segment_leaves_that_segment_out():
    steps = [Step(1), Step(2, segments=["lost"], active=False)]

    assert step_for(steps, Kind.REVIEW, "lost", first_order=False) is None
    assert step_for(steps, Kind.REVIEW, "loyal", first_order=False) is steps[0]


def test_a6_a_repeat_only_step_is_not_for_a_first_order():
    assert step_for([Step(1, applies_to=OrderKind.REPEAT)], Kind.REVIEW, "new", first_order=True) is None


def test_a6_fixed_steps_count_days_from_delivery():
    assert due_on(Kind.THANK_YOU, DELIVERED, 0) == DELIVERED
    assert due_on(Kind.USAGE_TIPS, DELIVERED, 3) == date(2026, 3, 8)
    assert due_on(Kind.CROSS_SELL, DELIVERED, 14) == date(2026, 3, 19)


def test_a6_the_reorder_nudge_comes_at_the_product_lifetime_and_not_without_one():
    assert due_on(Kind.REORDER, DELIVERED, 0, lifetime_days=30) == date(2026, 4, 4)
    assert due_on(Kind.REORDER, DELIVERED, 0, lifetime_days=None) is None


def test_a6_win_back_after_twice_the_median_interval():
    assert (
        median_interval_days([date(2026, 1, 1), date(2026, 1, 11), date(2026, 2, 10), date(2026, 2, 10)])
        == 20
    )
    assert median_interval_days([date(2026, 1, 1)]) is None
    assert due_on(Kind.WIN_BACK, DELIVERED, 0, interval_days=20) == date(2026, 4, 14)


def test_a6_a_step_due_on_a_closing_day_still_has_its_first_working_day():
    closed = {date(2026, 3, 7), date(2026, 3, 8), date(2026, 3, 9), date(2026, 3, 10)}

    def is_working_day(day):
        return day not in closed

    assert last_send_day(date(2026, 3, 7), 2, is_working_day) == date(2026, 3, 11)
    assert last_send_day(date(2026, 3, 5), 6, is_working_day) == date(2026, 3, 11)


def test_a6_the_send_window_opens_inclusive_and_closes_exclusive():
    assert in_send_window(time(9, 0), time(9, 0), time(17, 0))
    assert in_send_window(time(16, 59), time(9, 0), time(17, 0))
    assert not in_send_window(time(17, 0), time(9, 0), time(17, 0))
    assert not in_send_window(time(8, 59), time(9, 0), time(17, 0))
