"""The nightly computation: history → scores → stored top lists (command and task share it)."""

import time
from dataclasses import dataclass

import numpy as np
from django.utils import timezone

from commerce.recommendations import history, scoring, store


@dataclass(frozen=True)
class Summary:
    lines: int
    orders: int
    products: int
    products_with_list: int
    rows: int
    seconds: float

    def __str__(self):
        return (
            f"{self.lines} order lines in {self.orders} orders, {self.products} products: "
            f"{self.products_with_list} with a list, {self.rows} recommendations stored "
            f"in {self.seconds:.1f} s"
        )


DEFAULTS = scoring.Settings()


def compute(progress=None, settings: scoring.Settings = DEFAULTS) -> Summary:
    started = time.monotonic()
    stage = progress.stage if progress else (lambda title: None)
    stage("Order lines lezen")
    purchases = history.purchases()
    stage(f"Scores berekenen ({len(purchases)} regels)")
    scores = scoring.score(purchases, settings)
    neighbours = scoring.neighbours(scores, settings.top)
    best_sellers = dict(zip(scores.products.tolist(), scores.orders_with().tolist(), strict=True))
    stage("Opslaan")
    rows = store.replace_all(neighbours, best_sellers, timezone.now())
    return Summary(
        lines=len(purchases),
        orders=len(np.unique(purchases.order)),
        products=len(scores.products),
        products_with_list=len(neighbours),
        rows=rows,
        seconds=time.monotonic() - started,
    )
