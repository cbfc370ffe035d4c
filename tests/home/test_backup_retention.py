"""Which backups the retention policy keeps: the newest of each of the last 7 days, 4 ISO weeks
and 12 months that have a backup (Amsterdam calendar), and always the newest."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from home.backups.retention import Policy, to_keep

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(day: date, hour=3, minute=30) -> datetime:
    return datetime.combine(day, time(hour, minute), AMSTERDAM)


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_a_year_of_nightly_backups_keeps_7_days_4_weeks_and_12_months():
    """Nightly backups from 1 January 2025 up to Wednesday 4 February 2026."""
    nightly = [at(day) for day in days(date(2025, 1, 1), date(2026, 2, 4))]

    kept = {moment.date() for moment in to_keep(nightly)}

    last_7_days = set(days(date(2026, 1, 29), date(2026, 2, 4)))
    # The newest of the 4 newest ISO weeks: this week (Wed 4 Feb) and the three Sundays before.
    last_4_weeks = {date(2026, 2, 4), date(2026, 2, 1), date(2026, 1, 25), date(2026, 1, 18)}
    # The newest of the 12 newest months: February so far, then the last day of each month back
    # to March 2025.
    last_12_months = {date(2026, 2, 4), date(2026, 1, 31), date(2025, 12, 31)} | {
        date(2025, month + 1, 1) - timedelta(days=1) for month in range(3, 12)
    }
    assert len(last_12_months) == 12
    assert kept == last_7_days | last_4_weeks | last_12_months
    assert len(kept) == 7 + 2 + 10  # weeks and months share days with the 7 and each other


def test_several_backups_a_day_keep_only_the_newest_of_each_day():
    morning, noon, evening = at(date(2026, 3, 2), 6), at(date(2026, 3, 2), 12), at(date(2026, 3, 2), 22)
    yesterday = at(date(2026, 3, 1), 22)

    assert to_keep([morning, noon, evening, yesterday]) == {evening, yesterday}


def test_days_are_amsterdam_days():
    """00:30 in Amsterdam on 3 March is still 2 March in UTC: it is 3 March's backup."""
    late = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)  # 00:30 on 3 March in Amsterdam
    earlier_that_day = at(date(2026, 3, 3), 0, 10)

    assert to_keep([late, earlier_that_day]) == {late}


def test_a_month_without_backups_does_not_sweep_away_the_older_ones():
    """The shop was switched off in March: the 7 daily backups kept are the last 7 that exist."""
    february = [at(day) for day in days(date(2026, 2, 1), date(2026, 2, 28))]
    back_in_april = at(date(2026, 4, 1))

    kept = to_keep([*february, back_in_april])

    assert {moment.date() for moment in kept if moment.month == 2} >= set(
        days(date(2026, 2, 23), date(2026, 2, 28))
    )
    assert back_in_april in kept


def test_a_smaller_policy_keeps_less():
    nightly = [at(day) for day in days(date(2026, 1, 1), date(2026, 1, 31))]

    kept = to_keep(nightly, Policy(daily=2, weekly=0, monthly=0))

    assert {moment.date() for moment in kept} == {date(2026, 1, 30), date(2026, 1, 31)}


moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
).map(lambda moment: moment.replace(microsecond=0))


@given(st.lists(moments, min_size=1, max_size=120))
def test_the_newest_is_always_kept_and_nothing_else_beyond_the_policy(created):
    kept = to_keep(created)

    assert max(created) in kept
    assert kept <= set(created)
    assert len(kept) <= 1 + 7 + 4 + 12
    # Each kept backup is the newest of its Amsterdam day.
    for moment in kept:
        same_day = [
            other
            for other in created
            if other.astimezone(AMSTERDAM).date() == moment.astimezone(AMSTERDAM).date()
        ]
        assert moment == max(same_day)
