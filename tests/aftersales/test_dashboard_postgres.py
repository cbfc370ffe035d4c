"""The dashboard's figures (A8) on PostgreSQL: the same hand-made histories as on SQLite
(test_dashboard_metrics.py) give the same figures — window functions, Amsterdam days, date
differences and conditional counts are SQL each database writes its own way."""

import pytest

from aftersales import metrics
from tests.aftersales import dashboard_support as history
from tests.aftersales.dashboard_support import PERIOD, TODAY

pytestmark = [pytest.mark.postgres, pytest.mark.django_db, pytest.mark.rule("A8")]


@pytest.mark.parametrize(
    ("build", "count"),
    [
        (history.first_orders_history, lambda: metrics.first_orders(PERIOD, TODAY)),
        (history.returns_history, lambda: metrics.return_rate(PERIOD)),
        (history.refunds_history, lambda: metrics.refund_times(PERIOD)),
        (history.tasks_history, lambda: metrics.task_sla(PERIOD, TODAY)),
        (history.recommendations_history, lambda: metrics.recommendations(PERIOD)),
    ],
    ids=["first orders and card lift", "returns", "refunds", "task SLA", "recommendations"],
)
def test_a8_figures_on_postgresql_as_on_sqlite(build, count):
    expected = build()

    assert count() == expected
