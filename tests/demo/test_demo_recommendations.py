"""The recommendations on the demo shop's order history (issue 10): `evaluate_recommendations`
trains on all but the last 90 days and predicts each product of each later order from the
others (leave one out)."""

import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_recommender_hits_almost_twice_as_often_as_the_best_sellers_on_the_demo_history(demo_shop):
    """2.00× on the demo's purchases; 1.96× since its returns (issue 11) take the returned lines
    out of both rankers' history, which favours the best sellers; 1.95× since the belts are one
    product in two colours and one return is an exchange (README, "Recommendations"). Since the
    hold-out orders again less often (issue 13 item 6, demo/repeats.py) the held-out days depend a
    little on which customers the id-based hold-out picks: 1.98× on a fresh database, 1.84-1.98×
    with the customer ids shifted."""
    out = io.StringIO()
    call_command("evaluate_recommendations", "--json", stdout=out, stderr=io.StringIO())
    figures = json.loads(out.getvalue())
    assert figures["orders_evaluated"] >= 200
    recommender, popularity = figures["recommender"], figures["popularity"]
    assert recommender["hit_rate_at_10"] >= 1.8 * popularity["hit_rate_at_10"], figures
