"""How well the computed recommendations predict what shoppers buy: an offline test on the
shop's own history, plain numpy, no database (``evaluate_recommendations`` reads it).

**Time split.** The last ``holdout_days`` days of the history are held out, counted back from
the newest order's day (not from today, so an idle shop or a restored backup still has a
held-out period); the scores are computed from the orders before, as if the nightly
computation had run on the cut-off day.

**One test per held-out order with at least two distinct products**: the product of its last
line is hidden and ``COUNT`` products are asked for, given the others. Order lines keep the
basket's order, which is the order products were put in it, so this asks what the basket
placement asks: what comes next. A fixed rule, no random draw: the same history always gives
the same figures. An order whose hidden product was never bought before the cut-off cannot
be hit, and still counts.

Two rankers answer each test:

- **recommender**: ``scoring.recommend`` on the training scores, topped up with the training
  period's best sellers, as the service does (without the hand-picked ones and the stock and
  page checks, which need the database);
- **popularity**, the baseline: the training period's best sellers, minus the given products.

Per ranker: **HitRate@10**, the share of tests whose hidden product is in the list;
**NDCG@10**, the mean of ``1 / log2(rank + 1)`` for a hit at (1-based) ``rank`` and 0 for a
miss (one relevant product, so the ideal is 1); **coverage**, the distinct products recommended
over all tests divided by the catalogue's size (parents and standalone products, as the history
folds variants into their parents).
"""

import math
from dataclasses import dataclass
from itertools import islice

import numpy as np

from commerce.recommendations import scoring
from commerce.recommendations.scoring import Purchases
from home.progress import Progress

COUNT = 10
DEFAULTS = scoring.Settings()


@dataclass(frozen=True)
class Split:
    train: Purchases
    test: Purchases
    cutoff: int | None  # the first held-out day (a date ordinal); None for an empty history


def split(purchases: Purchases, holdout_days: int) -> Split:
    """Training period and held-out period: the last ``holdout_days`` days up to and including
    the newest order's day are held out."""
    if not len(purchases):
        return Split(purchases, purchases, None)
    cutoff = int(purchases.day.max()) - holdout_days + 1
    held_out = purchases.day >= cutoff
    return Split(purchases.select(~held_out), purchases.select(held_out), cutoff)


@dataclass(frozen=True)
class Case:
    """One test: the products given and the one hidden."""

    given: np.ndarray
    hidden: int


def held_out_cases(test: Purchases) -> list[Case]:
    """Per order (by id) with two or more distinct products: its last line's product hidden.
    The lines of an order are in the order they were added (history reads them by id)."""
    if not len(test):
        return []
    by_order = np.argsort(test.order, kind="stable")
    orders, products = test.order[by_order], test.product[by_order]
    starts = np.flatnonzero(orders[1:] != orders[:-1]) + 1
    found = []
    for basket in np.split(products, starts):
        hidden = int(basket[-1])
        given = np.unique(basket[basket != hidden])
        if len(given):
            found.append(Case(given, hidden))
    return found


def best_sellers(ranking: np.ndarray, given: np.ndarray, count: int) -> list[int]:
    """The popularity baseline: the first ``count`` of ``ranking`` that are not given."""
    taken = set(given.tolist())
    return list(islice((int(p) for p in ranking if int(p) not in taken), count))


def gain(recommended: list[int], hidden: int) -> float:
    """``1 / log2(rank + 1)`` for the hidden product at (1-based) ``rank``; 0 when missing."""
    if hidden not in recommended:
        return 0.0
    return 1.0 / math.log2(recommended.index(hidden) + 2)


@dataclass(frozen=True)
class Metrics:
    hit_rate: float
    ndcg: float
    coverage: float

    def as_dict(self) -> dict[str, float]:
        return {
            f"hit_rate_at_{COUNT}": round(self.hit_rate, 4),
            f"ndcg_at_{COUNT}": round(self.ndcg, 4),
            "coverage": round(self.coverage, 4),
        }


def metrics(lists: list[list[int]], cases: list[Case], catalogue_size: int) -> Metrics:
    if not cases:
        return Metrics(0.0, 0.0, 0.0)
    gains = [gain(found, case.hidden) for found, case in zip(lists, cases, strict=True)]
    recommended = {product for found in lists for product in found}
    return Metrics(
        hit_rate=sum(1 for value in gains if value > 0) / len(cases),
        ndcg=sum(gains) / len(cases),
        coverage=len(recommended) / catalogue_size if catalogue_size else 0.0,
    )


@dataclass(frozen=True)
class Evaluation:
    train_orders: int
    held_out_orders: int
    orders_evaluated: int
    unseen: int  # tests whose hidden product was not bought in the training period
    recommender: Metrics
    popularity: Metrics

    @property
    def hit_rate_ratio(self) -> float | None:
        """The recommender's hit rate over the baseline's; None when the baseline hit nothing."""
        if not self.popularity.hit_rate:
            return None
        return self.recommender.hit_rate / self.popularity.hit_rate


def evaluate(
    train: Purchases,
    test: Purchases,
    catalogue_size: int,
    settings: scoring.Settings = DEFAULTS,
    progress: Progress | None = None,
) -> Evaluation:
    """Train on ``train``, test on every order of ``test`` (see the module docstring)."""
    if progress:
        progress.stage(f"Scoring the training period ({len(train)} order lines)")
    scores = scoring.score(train, settings)
    ranking = scoring.popularity_ranking(scores)
    cases = held_out_cases(test)
    if progress:
        progress.stage("Asking both rankers for every held-out order")
    recommended, popular = [], []
    for done, case in enumerate(cases, start=1):
        recommended.append(scoring.recommend(scores, case.given, COUNT, fallback=ranking))
        popular.append(best_sellers(ranking, case.given, COUNT))
        if progress:
            progress.count(done, len(cases), "held-out orders")
    hidden = np.array([case.hidden for case in cases], dtype=np.int64)
    return Evaluation(
        train_orders=len(np.unique(train.order)),
        held_out_orders=len(np.unique(test.order)),
        orders_evaluated=len(cases),
        unseen=int((~np.isin(hidden, scores.products)).sum()),
        recommender=metrics(recommended, cases, catalogue_size),
        popularity=metrics(popular, cases, catalogue_size),
    )
