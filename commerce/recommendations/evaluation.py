"""How well the computed recommendations predict what shoppers buy: an offline test on the
shop's own history, plain numpy, no database (``evaluate_recommendations`` reads it).

**Time split.** The last ``holdout_days`` days of the history are held out, counted back from
the newest order's day (not from today, so an idle shop or a restored backup still has a
held-out period); the scores are computed from the orders before, as if the nightly
computation had run on the cut-off day.

**Leave one out.** Every held-out order with at least two distinct products gives one test
per distinct product: that product is hidden and ``COUNT`` products are asked for, given the
others. Each product of the order is hidden in turn, so no rule for which one to hide can
favour a ranker (hiding the one put in the basket last did: in the demo shop that is mostly
the accessory of a set, the easiest product to predict), and there is no random draw: the
same history always gives the same figures. Every test counts once, so an order of four
products weighs twice as much as an order of two; ``orders_evaluated`` counts the orders,
``tests`` the tests. A hidden product never bought before the cut-off cannot be hit, and
still counts.

Two rankers answer each test:

- **recommender**: ``scoring.recommend`` on the training scores, topped up with the training
  period's best sellers, as the service does (without the hand-picked ones and the stock and
  page checks, which need the database);
- **popularity**, the baseline: the training period's best sellers, minus the given products.

Per ranker, over all tests: **HitRate@10**, the share whose hidden product is in the list;
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
    """One test: an order's products given and the one hidden."""

    order: int
    given: np.ndarray
    hidden: int


def held_out_cases(test: Purchases) -> list[Case]:
    """Per order (by id) with two or more distinct products: one case per distinct product (by
    id), that product hidden and the others given. A product on two lines is one product."""
    if not len(test):
        return []
    by_order = np.argsort(test.order, kind="stable")
    orders, products = test.order[by_order], test.product[by_order]
    starts = np.flatnonzero(orders[1:] != orders[:-1]) + 1
    found: list[Case] = []
    for order, basket in zip(orders[np.r_[0, starts]], np.split(products, starts), strict=True):
        distinct = np.unique(basket)
        if len(distinct) > 1:
            found.extend(Case(int(order), distinct[distinct != hidden], int(hidden)) for hidden in distinct)
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
    orders_evaluated: int  # held-out orders with two or more distinct products
    tests: int  # one per distinct product of those orders
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
        progress.stage("Asking both rankers for every product of every held-out order")
    recommended, popular = [], []
    for done, case in enumerate(cases, start=1):
        recommended.append(scoring.recommend(scores, case.given, COUNT, fallback=ranking))
        popular.append(best_sellers(ranking, case.given, COUNT))
        if progress:
            progress.count(done, len(cases), "tests")
    hidden = np.array([case.hidden for case in cases], dtype=np.int64)
    return Evaluation(
        train_orders=len(np.unique(train.order)),
        held_out_orders=len(np.unique(test.order)),
        orders_evaluated=len({case.order for case in cases}),
        tests=len(cases),
        unseen=int((~np.isin(hidden, scores.products)).sum()),
        recommender=metrics(recommended, cases, catalogue_size),
        popularity=metrics(popular, cases, catalogue_size),
    )
