"""The recommendations' SQL on PostgreSQL: the nightly computation, the service's filters and
the batched placement counts (INSERT ... ON CONFLICT DO NOTHING, then UPDATE)."""

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from commerce.recommendations import counting
from commerce.recommendations.models import PlacementCount, Recommendation
from commerce.recommendations.service import recommendations_for
from tests.commerce.recommendations.history_support import bought_times

pytestmark = [pytest.mark.postgres, pytest.mark.django_db, pytest.mark.usefixtures("media")]


def test_compute_recommend_and_count_on_postgresql(shelf):
    bought_times(4, [shelf["phone"], shelf["case"], shelf["glass"]])
    bought_times(2, [shelf["book"]])
    call_command("compute_recommendations", verbosity=0)
    click = RequestFactory().get("/", {"aanbevolen": "product"})

    found = recommendations_for(shelf["phone"], "product", 4)
    for _ in range(2):
        counting.record_click(click, shelf["case"].pk)
        counting.buffer.flush()

    assert Recommendation.objects.filter(product=shelf["phone"]).count() == 2
    assert {product.get_title() for product in found} == {"Hoesje", "Screenprotector"}
    assert PlacementCount.objects.get(product=shelf["case"]).clicks == 2
