"""Which backups to keep: the newest of each of the last 7 days, 4 weeks and 12 months.

The rule of borg's and restic's `--keep-daily 7 --keep-weekly 4 --keep-monthly 12`: a period
counts only when it holds a backup, so when backups stop for a while (a machine switched off
for a month) the older ones are not all swept away by the calendar. Days, ISO weeks and months
are Amsterdam calendar periods; the newest backup is always kept.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from home.clock import amsterdam_date


@dataclass(frozen=True)
class Policy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


def day(moment: date) -> tuple[int, ...]:
    return (moment.year, moment.month, moment.day)


def iso_week(moment: date) -> tuple[int, ...]:
    year, week, _weekday = moment.isocalendar()
    return (year, week)


def month(moment: date) -> tuple[int, ...]:
    return (moment.year, moment.month)


def newest_per_period(
    newest_first: list[datetime], period: Callable[[date], tuple[int, ...]], count: int
) -> set[datetime]:
    """The newest backup of each of the `count` most recent periods that hold one."""
    kept: dict[tuple[int, ...], datetime] = {}
    for moment in newest_first:
        key = period(amsterdam_date(moment))
        if key in kept:
            continue
        if len(kept) == count:
            break
        kept[key] = moment
    return set(kept.values())


def to_keep(created: Iterable[datetime], policy: Policy = Policy()) -> set[datetime]:
    """The creation times (aware datetimes) of the backups to keep; delete the others."""
    newest_first = sorted(set(created), reverse=True)
    keep = set(newest_first[:1])
    keep |= newest_per_period(newest_first, day, policy.daily)
    keep |= newest_per_period(newest_first, iso_week, policy.weekly)
    keep |= newest_per_period(newest_first, month, policy.monthly)
    return keep
