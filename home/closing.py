"""Shop closing days (domain.md N4): the storefront notice and working-day arithmetic.

Periods are anything with ``starts_on`` and ``ends_on`` dates (inclusive), so the
rules run on plain objects in tests and on ClosingPeriod rows in the site.
"""

from collections.abc import Collection, Iterable
from datetime import date, timedelta
from typing import Protocol, TypeVar


class Period(Protocol):
    """A closing period: ClosingPeriod in the site, any object with these dates in tests."""

    starts_on: date
    ends_on: date


P = TypeVar("P", bound=Period)


def is_closed(day: date, periods: Iterable[Period]) -> bool:
    return any(period.starts_on <= day <= period.ends_on for period in periods)


def is_working_day(day: date, periods: Iterable[Period]) -> bool:
    """Monday to Friday, outside every closing period."""
    return day.weekday() < 5 and not is_closed(day, periods)


def add_working_days(start: date, days: int, periods: Collection[Period]) -> date:
    """The date ``days`` working days after ``start`` (for the shop's own deadlines only;
    legal windows count calendar days)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if is_working_day(day, periods):
            days -= 1
    return day


def period_to_announce(periods: Iterable[P], today: date, lead_days: int) -> P | None:
    """The closing period the storefront should mention today, or None.

    A period is announced from ``lead_days`` before it starts until its last day;
    when several qualify, the one that starts first wins.
    """
    relevant = [
        period
        for period in periods
        if period.starts_on - timedelta(days=lead_days) <= today <= period.ends_on
    ]
    return min(relevant, key=lambda period: period.starts_on, default=None)
