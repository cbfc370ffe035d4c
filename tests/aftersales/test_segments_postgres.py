"""A5 on PostgreSQL: the set-based query (aftersales/segmenting.py) gives every customer the same
values, scores and segment as rfm.py in Python, on hand-made data full of ties, refunds,
cancelled orders, guests, accounts, prospects and an order just past midnight in Amsterdam;
and the history it writes is exactly the customers whose segment changed."""

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aftersales import segmenting
from aftersales.models import Customer, CustomerScore, SegmentChange
from commerce.order import statuses
from commerce.returns.models import Refund
from tests.aftersales.segment_support import Bought, orders, prospect, refund
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db, pytest.mark.rule("A5")]

FIRST_DAY = date(2026, 3, 1)
SECOND_DAY = date(2026, 5, 1)
DAYS_AGO = [0, 1, 3, 3, 10, 40, 40, 90, 200, 400]  # repeats: customers share a last day
TOTALS = ["10.00", "25.00", "25.00", "99.95", "250.00"]


def hand_made_shop(seed=13):
    """60 customers with 0-6 orders each (seeded), two of them with accounts, a mixed-case guest,
    cancelled orders, refunds paid back before, after and not yet, and an order at 00:30 in
    Amsterdam on the first day counted."""
    rng = random.Random(seed)
    accounts = [UserFactory(email=f"account{n}@example.test") for n in range(2)]
    bought = []
    for n in range(60):
        email = f"klant{n}@example.test" if n != 7 else " Klant7@Example.TEST"
        user = accounts[n] if n < len(accounts) else None
        for _ in range(rng.choice([0, 1, 1, 1, 2, 2, 3, 6])):
            status = statuses.CANCELLED if rng.random() < 0.1 else statuses.DELIVERED
            days = rng.choice(DAYS_AGO) if rng.random() < 0.5 else rng.randint(0, 500)
            placed = FIRST_DAY - timedelta(days=days)
            bought.append(Bought(email, placed, rng.choice(TOTALS), status, user))
    bought.append(Bought("middernacht@example.test", datetime(2026, 2, 28, 23, 30, tzinfo=UTC)))
    made = orders(*bought)
    for order in rng.sample(made, 12):
        refund(order, "5.00", on=FIRST_DAY - timedelta(days=1))
    for order in rng.sample(made, 4):
        refund(order, "7.50", on=None, status=Refund.Status.DUE)
    for order in rng.sample(made, 4):
        refund(order, "2.50", on=FIRST_DAY + timedelta(days=10))
    prospect("nooit-besteld@example.test", since=FIRST_DAY - timedelta(days=30))
    return made


def stored() -> dict[int, tuple]:
    fields = ["recency_days", "frequency", "monetary", "recency_score", "frequency_score", "monetary_score"]
    return {
        score.customer_id: (*(getattr(score, name) for name in fields), score.segment)
        for score in CustomerScore.objects.all()
    }


def in_python(today) -> dict[int, tuple]:
    rows = {}
    for pk, result in segmenting.python_results(today).items():
        values = result.values
        rows[pk] = (
            values.recency_days if values else None,
            values.frequency if values else 0,
            values.monetary if values else 0,
            result.recency_score,
            result.frequency_score,
            result.monetary_score,
            result.segment,
        )
    return rows


def test_a5_the_set_based_query_gives_the_same_values_scores_and_segments_as_rfm_py():
    hand_made_shop()

    with CaptureQueriesContext(connection) as queries:
        summary = segmenting.compute_segments(FIRST_DAY)

    assert any("RANK() OVER" in query["sql"] for query in queries.captured_queries)  # the SQL path
    expected = in_python(FIRST_DAY)
    assert stored() == expected
    assert len(expected) == Customer.objects.count() > 40
    assert len({row[-1] for row in expected.values()}) >= 7  # many groups, not one
    assert len({row[3] for row in expected.values()}) == 6  # R 1-5, and None for prospects
    recency = [row[0] for row in expected.values() if row[0] is not None]
    assert len(set(recency)) < len(recency)  # ties
    assert sum(summary.changed.values()) == SegmentChange.objects.count() == len(expected)
    midnight = Customer.objects.get(email="middernacht@example.test").score
    assert (midnight.recency_days, midnight.segment) == (0, "new")


def test_a5_the_set_based_query_records_exactly_the_changes_of_segment():
    made = hand_made_shop()
    segmenting.compute_segments(FIRST_DAY)
    before = {pk: row[-1] for pk, row in stored().items()}
    orders(*(Bought(order.email, SECOND_DAY - timedelta(days=2)) for order in made[:25:3]))

    segmenting.compute_segments(SECOND_DAY)

    expected = in_python(SECOND_DAY)
    assert stored() == expected
    changed = {pk: (before.get(pk, ""), row[-1]) for pk, row in expected.items() if before.get(pk) != row[-1]}
    assert len(changed) > 5
    recorded = SegmentChange.objects.filter(changed_on=SECOND_DAY)
    assert {change.customer_id: (change.from_segment, change.to_segment) for change in recorded} == changed
    assert recorded.count() == len(changed)


def test_a5_the_set_based_query_as_on_a_past_day_scores_only_who_was_known_then():
    hand_made_shop()
    past = FIRST_DAY - timedelta(days=200)

    segmenting.compute_segments(past)

    expected = in_python(past)
    assert stored() == expected
    assert 10 < len(expected) < Customer.objects.count()  # later buyers and the prospect not yet
    assert not CustomerScore.objects.filter(customer__email="nooit-besteld@example.test").exists()
    assert SegmentChange.objects.count() == len(expected)
