"""The after-sales dashboard (A8): its preset periods, their cached figures, and what the page
makes of them.

The figures of each preset are computed by aftersales/metrics.py, nightly (`manage.py
compute_dashboard`) and when a manager asks ("Nu bijwerken", a background task), and stored in
DashboardFigures. The page reads one stored row and draws it: it never counts orders itself.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales import charts, lift, metrics
from aftersales.models import DashboardFigures, FollowUpKind
from commerce.recommendations.models import Placement
from home.clock import amsterdam_today


class Preset(models.TextChoices):
    LAST_3_MONTHS = "3m", gettext_lazy("Laatste 3 maanden")
    LAST_6_MONTHS = "6m", gettext_lazy("Laatste 6 maanden")
    LAST_12_MONTHS = "12m", gettext_lazy("Laatste 12 maanden")
    THIS_YEAR = "year", gettext_lazy("Dit jaar")


DEFAULT = Preset.LAST_12_MONTHS
MONTHS = {Preset.LAST_3_MONTHS: 3, Preset.LAST_6_MONTHS: 6, Preset.LAST_12_MONTHS: 12}
REFUND_DAYS_SHOWN = 14  # the refund-time chart has a bar per day up to this, then one for the rest


def period_of(preset: Preset, today: date) -> metrics.Period:
    """The Amsterdam days a preset covers on `today`: the last N months up to today, or this
    calendar year so far."""
    if preset == Preset.THIS_YEAR:
        return metrics.Period(today.replace(month=1, day=1), today)
    return metrics.Period(today - relativedelta(months=MONTHS[preset]) + timedelta(days=1), today)


def refresh(preset: Preset, today: date | None = None) -> DashboardFigures:
    """Count the preset's figures now and store them in place of the old ones."""
    today = today or amsterdam_today()
    period = period_of(preset, today)
    stored, _created = DashboardFigures.objects.update_or_create(
        period=preset,
        defaults={
            "since": period.since,
            "until": period.until,
            "computed_at": timezone.now(),
            "figures": metrics.figures(period, today),
        },
    )
    return stored


def cached(preset: Preset) -> DashboardFigures | None:
    return DashboardFigures.objects.filter(period=preset).first()


# --- What the page shows ------------------------------------------------------------------------


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def decimal_text(value: float, decimals: int) -> str:
    """Rounded, in the page's number format (Django's number_format alone cuts digits off)."""
    return formats.number_format(round(value, decimals), decimals)


def percent_text(value: float | None, decimals: int = 1) -> str:
    """ "12,5 %" in Dutch, "12.5 %" in English; "–" when there is nothing to measure."""
    if value is None:
        return "–"
    return f"{decimal_text(value * 100, decimals)} %"


def points_text(value: float) -> str:
    """A difference of rates in percentage points, signed: "+5,0", "−3,6", "0"."""
    if abs(value) < 0.0005:
        return "0"
    sign = "+" if value > 0 else "−"
    return f"{sign}{decimal_text(abs(value) * 100, 1)}"


@dataclass(frozen=True)
class Rate:
    """A share of a whole, as a card shows it: "12,5 %" (30 of 240)."""

    part: int
    whole: int

    @property
    def value(self) -> float | None:
        return share(self.part, self.whole)

    @property
    def text(self) -> str:
        return percent_text(self.value)


@dataclass(frozen=True)
class MonthRow:
    short: str  # under its bar: "mrt"
    label: str  # in the table and the bar's title: "maart 2025"
    rate: Rate


def month_rows(months: list[dict[str, Any]], part: str, whole: str) -> list[MonthRow]:
    rows = []
    for month in months:
        first = date.fromisoformat(f"{month['month']}-01")
        rate = Rate(month[part], month[whole])
        rows.append(MonthRow(formats.date_format(first, "b"), formats.date_format(first, "F Y"), rate))
    return rows


def rate_chart(rows: list[MonthRow]) -> charts.BarChart:
    top = charts.rate_top(max((row.rate.value for row in rows if row.rate.value is not None), default=0))
    items = [charts.Item(row.short, row.rate.value, f"{row.label}: {row.rate.text}") for row in rows]
    return charts.bar_chart(items, top, lambda value: percent_text(value, 0))


@dataclass(frozen=True)
class RefundDays:
    label: str  # "3", "15 of meer"
    days: str  # under its bar: "3", "15+"
    refunds: int


def refund_rows(histogram: list[list[int]]) -> list[RefundDays]:
    """A row per number of days up to REFUND_DAYS_SHOWN, then one for everything longer. (A
    refund before its notice date, e.g. a letter dated late, counts as 0 days.)"""
    longer = REFUND_DAYS_SHOWN + 1
    counts = dict.fromkeys(range(longer + 1), 0)
    for days, refunds in histogram:
        counts[max(0, min(days, longer))] += refunds
    rows = [RefundDays(str(days), str(days), counts[days]) for days in range(longer)]
    return [*rows, RefundDays(_("%(days)d of meer") % {"days": longer}, f"{longer}+", counts[longer])]


def refund_chart(rows: list[RefundDays]) -> charts.BarChart:
    top = charts.nice_top(max((row.refunds for row in rows), default=0))
    items = [
        charts.Item(
            row.days,
            row.refunds,
            _("%(days)s d.: %(refunds)s terugbetaald") % {"days": row.days, "refunds": row.refunds},
        )
        for row in rows
    ]
    return charts.bar_chart(items, top, lambda value: formats.number_format(value, 0))


VERDICTS = {
    lift.Verdict.NOT_ENOUGH_DATA: gettext_lazy(
        "Nog niet genoeg gegevens: het verschil kan nog toeval zijn. Wacht op meer klanten."
    ),
    lift.Verdict.CARDS_HELP: gettext_lazy(
        "Kaartjes helpen: klanten die een bedankje kregen, bestellen vaker opnieuw dan de controlegroep."
    ),
    lift.Verdict.CARDS_DO_NOT_HELP: gettext_lazy(
        "Kaartjes helpen niet: klanten die een bedankje kregen, bestellen minder vaak opnieuw dan de "
        "controlegroep."
    ),
}


@dataclass(frozen=True)
class CardLift:
    result: lift.Lift

    @property
    def card(self) -> Rate:
        return Rate(self.result.card.repeated, self.result.card.size)

    @property
    def holdout(self) -> Rate:
        return Rate(self.result.holdout.repeated, self.result.holdout.size)

    @property
    def verdict(self) -> str:
        return str(VERDICTS[self.result.verdict])

    @property
    def difference(self) -> str | None:
        return None if self.result.difference is None else points_text(self.result.difference)

    @property
    def low(self) -> str | None:
        return None if self.result.low is None else points_text(self.result.low)

    @property
    def high(self) -> str | None:
        return None if self.result.high is None else points_text(self.result.high)

    @property
    def plot(self) -> charts.IntervalPlot | None:
        result = self.result
        if result.difference is None or result.low is None or result.high is None:
            return None
        return charts.interval_plot(result.difference, result.low, result.high, points_text)


@dataclass(frozen=True)
class FollowUpRow:
    label: str
    sent: int
    ordered: int


@dataclass(frozen=True)
class Recommendations:
    label: str
    clicks: int
    additions: int


class Overview:
    """The stored figures of one period, ready for the page."""

    def __init__(self, stored: DashboardFigures):
        self.figures: dict[str, Any] = stored.figures
        self.second_order: dict[str, Any] = self.figures["second_order"]
        self.refunds: dict[str, Any] = self.figures["refunds"]
        # Figures cached before the follow-up plan existed have none: the page leaves them out.
        self.follow_ups: dict[str, Any] | None = self.figures.get("follow_ups")

    @cached_property
    def repeat(self) -> Rate:
        return Rate(self.figures["repeat"]["repeated"], self.figures["repeat"]["counted"])

    @cached_property
    def repeat_months(self) -> list[MonthRow]:
        return month_rows(self.figures["repeat"]["months"], "repeated", "counted")

    @cached_property
    def repeat_chart(self) -> charts.BarChart:
        return rate_chart(self.repeat_months)

    @cached_property
    def returns(self) -> Rate:
        return Rate(self.figures["returns"]["returned"], self.figures["returns"]["orders"])

    @cached_property
    def refund_rows(self) -> list[RefundDays]:
        return refund_rows(self.refunds["histogram"])

    @cached_property
    def refund_chart(self) -> charts.BarChart:
        return refund_chart(self.refund_rows)

    @cached_property
    def tasks(self) -> Rate:
        return Rate(self.figures["tasks"]["on_time"], self.figures["tasks"]["due"])

    @cached_property
    def task_months(self) -> list[MonthRow]:
        return month_rows(self.figures["tasks"]["months"], "on_time", "due")

    @cached_property
    def task_chart(self) -> charts.BarChart:
        return rate_chart(self.task_months)

    @cached_property
    def recommendations(self) -> list[Recommendations]:
        return [
            Recommendations(str(Placement(row["placement"]).label), row["clicks"], row["additions"])
            for row in self.figures["recommendations"]
        ]

    @cached_property
    def follow_up_kinds(self) -> list[FollowUpRow]:
        """Sent and followed by an order, per kind of follow-up (A6)."""
        rows = (self.follow_ups or {}).get("kinds", [])
        return [
            FollowUpRow(str(FollowUpKind(row["kind"]).label), row["sent"], row["ordered"]) for row in rows
        ]

    @cached_property
    def card_lift(self) -> CardLift:
        card, holdout = self.figures["lift"]["card"], self.figures["lift"]["holdout"]
        return CardLift(lift.a8_lift(lift.Group(*card), lift.Group(*holdout)))
