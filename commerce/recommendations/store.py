"""Writing a computation's results: the whole table replaced in one transaction.

Shoppers read either the old or the new lists, never half of each; the write takes seconds
even at 5,000 products × 20 neighbours.
"""

from django.db import transaction
from oscar.core.loading import get_model

from commerce.recommendations.models import BestSeller, Recommendation
from commerce.recommendations.scoring import Neighbour

Product = get_model("catalogue", "Product")

BATCH = 2_000


def replace_all(neighbours: dict[int, list[Neighbour]], best_sellers: dict[int, int], computed_at) -> int:
    """Store the lists of products that still exist; return the number of rows written."""
    existing = set(Product.objects.filter(pk__in=list(best_sellers)).values_list("pk", flat=True))
    rows = [
        Recommendation(
            product_id=product,
            recommended_id=neighbour.product,
            rank=rank,
            score=neighbour.score,
            together=neighbour.together,
            same_customer=neighbour.same_customer,
            computed_at=computed_at,
        )
        for product, found in neighbours.items()
        if product in existing
        for rank, neighbour in enumerate((n for n in found if n.product in existing), start=1)
    ]
    sellers = [
        BestSeller(product_id=pk, orders=orders) for pk, orders in best_sellers.items() if pk in existing
    ]
    with transaction.atomic():
        Recommendation.objects.all().delete()
        BestSeller.objects.all().delete()
        Recommendation.objects.bulk_create(rows, batch_size=BATCH)
        BestSeller.objects.bulk_create(sellers, batch_size=BATCH)
    return len(rows)
