"""Clicks on recommendations and basket additions from them, per placement and day.

A recommendation's link carries its placement (``?aanbevolen=basket``); the product page
counts the click, and an add-to-basket form reached that way (or the basket's one-click
button) carries the placement, so the addition counts for it too. Counts are kept in memory
and written in batches outside requests (commerce/analytics/batched.py), like product views.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from oscar.core.loading import get_model

from commerce.analytics.batched import BatchBuffer
from commerce.recommendations.models import Placement, PlacementCount
from commerce.recommendations.service import PARAMETER
from home.clock import amsterdam_today

Product = get_model("catalogue", "Product")

CLICK = "clicks"
ADDITION = "additions"


def placement_in(data) -> str | None:
    """The placement a GET or POST carries, when it is a real one (anything else is ignored)."""
    value = data.get(PARAMETER, "")
    return value if value in Placement.values else None


@dataclass
class Counts:
    # (placement, product id, day, CLICK or ADDITION) → count
    counts: Counter = field(default_factory=Counter)

    def __bool__(self):
        return bool(self.counts)

    def merge(self, other: "Counts"):
        self.counts.update(other.counts)


class PlacementBuffer(BatchBuffer):
    name = "Recommendation counts"

    def new_batch(self):
        return Counts()

    def write(self, batch):
        return write_counts(batch)

    def record(self, placement: str, product_id: int, kind: str):
        key = (placement, product_id, amsterdam_today(), kind)
        self.update(lambda pending: pending.counts.update([key]))


def write_counts(batch: Counts) -> int:
    """One transaction: a row per (placement, product, day) made when missing, then raised."""
    existing = set(
        Product.objects.filter(pk__in={key[1] for key in batch.counts}).values_list("pk", flat=True)
    )
    kept = {key: n for key, n in batch.counts.items() if key[1] in existing}
    with transaction.atomic():
        rows = {(placement, pk, day) for placement, pk, day, _kind in kept}
        PlacementCount.objects.bulk_create(
            [PlacementCount(placement=p, product_id=pk, day=day) for p, pk, day in rows],
            ignore_conflicts=True,
        )
        for (placement, pk, day, kind), n in kept.items():
            PlacementCount.objects.filter(placement=placement, product_id=pk, day=day).update(
                **{kind: F(kind) + n}
            )
    return sum(kept.values())


buffer = PlacementBuffer()


def record_click(request, product_id: int) -> None:
    """A product page (always a parent's or standalone product's) opened from a recommendation."""
    placement = placement_in(request.GET)
    if placement:
        buffer.record(placement, product_id, CLICK)


def record_addition(request, product) -> None:
    placement = placement_in(request.POST)
    if placement:
        buffer.record(placement, product.parent_id or product.pk, ADDITION)
