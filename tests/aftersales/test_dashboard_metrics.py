"""The dashboard's figures of a period (A8), counted on hand-made histories
(tests/aftersales/dashboard_support.py explains every row)."""

from datetime import date

import pytest
from django.core.management import call_command

from aftersales import metrics
from aftersales.dashboard import Preset, period_of
from aftersales.models import DashboardFigures
from tests.aftersales import dashboard_support as history
from tests.aftersales.dashboard_support import PERIOD, TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.rule("A8")]


def test_a8_repeat_rate_counts_new_customers_whose_90_days_are_over_and_their_second_order():
    expected = history.first_orders_history()

    figures = metrics.first_orders(PERIOD, TODAY)

    assert figures["repeat"] == expected["repeat"]
    assert figures["repeat"]["months"][1] == {"month": "2025-02", "counted": 4, "repeated": 1}


def test_a8_time_to_the_second_order_is_the_median_of_the_new_customers_who_ordered_again():
    expected = history.first_orders_history()

    assert (
        metrics.first_orders(PERIOD, TODAY)["second_order"]
        == expected["second_order"]
        == {
            "customers": 6,
            "median_days": 34.0,
        }
    )


def test_a8_card_lift_compares_first_orders_with_a_sent_card_against_the_hold_out():
    expected = history.first_orders_history()

    assert (
        metrics.first_orders(PERIOD, TODAY)["lift"]
        == expected["lift"]
        == {
            "card": [3, 2],
            "holdout": [3, 1],
        }
    )


def test_a8_return_rate_is_the_share_of_the_periods_orders_the_customer_withdrew_from():
    expected = history.returns_history()

    assert metrics.return_rate(PERIOD) == expected == {"orders": 7, "returned": 3}


def test_a8_refund_time_runs_from_the_withdrawal_to_the_refund_in_amsterdam_days():
    expected = history.refunds_history()

    assert metrics.refund_times(PERIOD) == expected


def test_a8_task_sla_is_the_share_of_thank_yous_sent_on_or_before_their_day():
    expected = history.tasks_history()

    assert metrics.task_sla(PERIOD, TODAY) == expected


def test_recommendation_clicks_and_basket_additions_per_placement_in_the_period():
    expected = history.recommendations_history()

    assert metrics.recommendations(PERIOD) == expected


def test_a8_figures_of_a_shop_without_orders_are_zeros_and_nothing_to_measure():
    figures = metrics.figures(PERIOD, TODAY)

    assert figures["repeat"]["customers"] == figures["repeat"]["counted"] == 0
    assert figures["second_order"] == {"customers": 0, "median_days": None}
    assert figures["refunds"] == {"refunds": 0, "median_days": None, "p90_days": None, "histogram": []}
    assert figures["lift"] == {"card": [0, 0], "holdout": [0, 0]}
    assert figures["follow_ups"] == {"sent": 0, "ordered_within_14_days": 0, "kinds": []}


@pytest.mark.parametrize(
    ("histogram", "median", "p90"),
    [
        ([[3, 1]], 3, 3),
        ([[1, 1], [2, 1]], 1.5, 2),  # even: the mean of the middle two
        ([[0, 9], [30, 1]], 0, 0),  # 9 of 10 within 0 days
        ([[0, 8], [5, 1], [30, 1]], 0, 5),
    ],
)
def test_a8_median_and_90th_percentile_of_a_histogram(histogram, median, p90):
    assert metrics.histogram_median(histogram) == median
    assert metrics.nearest_rank(histogram, metrics.P90) == p90


@pytest.mark.parametrize(
    ("preset", "since"),
    [
        (Preset.LAST_3_MONTHS, date(2025, 3, 31)),
        (Preset.LAST_6_MONTHS, date(2024, 12, 31)),
        (Preset.LAST_12_MONTHS, date(2024, 7, 1)),
        (Preset.THIS_YEAR, date(2025, 1, 1)),
    ],
)
def test_a8_preset_periods_end_today_in_amsterdam(preset, since):
    assert period_of(preset, TODAY) == metrics.Period(since, TODAY)


def test_a8_a_period_is_cut_into_its_calendar_months():
    assert metrics.Period(date(2025, 1, 20), date(2025, 3, 4)).months() == [
        metrics.Period(date(2025, 1, 20), date(2025, 1, 31)),
        metrics.Period(date(2025, 2, 1), date(2025, 2, 28)),
        metrics.Period(date(2025, 3, 1), date(2025, 3, 4)),
    ]


def test_a8_compute_dashboard_stores_every_preset_periods_figures(capsys):
    history.returns_history()

    call_command("compute_dashboard")

    stored = {row.period: row for row in DashboardFigures.objects.all()}
    assert set(stored) == set(Preset.values)
    assert stored["12m"].figures["returns"]["orders"] == 0  # the history is from 2025; today is later
    assert "Dashboard figures computed for 4 periods" in capsys.readouterr().out


def test_a8_compute_dashboard_for_one_period_replaces_its_stored_figures():
    call_command("compute_dashboard", "--period", "3m", verbosity=0)
    first = DashboardFigures.objects.get(period="3m")

    call_command("compute_dashboard", "--period", "3m", verbosity=0)

    assert DashboardFigures.objects.count() == 1
    assert DashboardFigures.objects.get(period="3m").computed_at > first.computed_at


def test_a8_the_dashboard_is_computed_every_night(settings):
    daily = [commands for every, commands in settings.WINKELIER_SCHEDULE if every.days == 1]

    assert any("compute_dashboard" in commands for commands in daily)
