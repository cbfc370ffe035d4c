"""The withdrawal window rules of commerce/returns/policy.py, without the database (W1, W2)."""

from datetime import date
from types import SimpleNamespace

import pytest

from commerce.returns import policy


@pytest.mark.rule("W1")
def test_w1_the_window_is_14_days_unless_the_shop_gives_more():
    assert policy.window_days(None) == 14
    assert policy.window_days(SimpleNamespace(return_window_days=30)) == 30


@pytest.mark.rule("W1")
def test_w1_a_window_below_the_law_is_raised_to_14_days():
    assert policy.window_days(SimpleNamespace(return_window_days=7)) == 14


@pytest.mark.rule("W2")
def test_w2_goods_count_from_the_day_after_the_last_delivery():
    starts_on = policy.window_starts_on(
        date(2026, 3, 30), ships_goods=True, last_delivered_on=date(2026, 4, 1)
    )

    assert starts_on == date(2026, 4, 2)
    assert policy.window_ends_on(starts_on) == date(2026, 4, 15)


@pytest.mark.rule("W2")
def test_w2_no_window_while_a_parcel_is_on_its_way():
    starts_on = policy.window_starts_on(date(2026, 3, 30), ships_goods=True, last_delivered_on=None)

    assert starts_on is None
    assert policy.window_ends_on(starts_on) is None


@pytest.mark.rule("W2")
def test_w2_services_count_from_the_day_after_the_order():
    assert policy.window_starts_on(date(2026, 4, 1), ships_goods=False, last_delivered_on=None) == date(
        2026, 4, 2
    )


@pytest.mark.rule("W2")
def test_w2_a_longer_window_ends_later():
    assert policy.window_ends_on(date(2026, 4, 2), days=30) == date(2026, 5, 1)
