"""RFM segments (domain.md A5) as plain rules without the database.

A customer's three values, counted on a given day (Europe/Amsterdam) over their orders placed
on or before it, cancelled orders left out by the caller:

- recency: days since their last order (0 = ordered today); fewer is better;
- frequency: how many orders;
- monetary: what the orders came to incl. VAT, minus what was actually paid back on them
  (completed refunds), so a returned purchase does not make a big spender.

Each value is scored 1-5 by quintile over the customers **with** orders. Ties: customers with
equal values get the same score, the score of the value's rank. With n customers and w of them
with a strictly worse value,

    score = 1 + floor(5 * w / n)

so the worst value scores 1, a value better than 80 % of the customers scores 5, and a value
shared by many takes the score of the lowest place they share (SQL: ``RANK()`` over the
customers ordered worst first, ``1 + 5 * (rank - 1) / n``; segmenting.py runs exactly that on
PostgreSQL). This keeps a shop where most customers ordered once honest: all of them get F1
(New, Promising, About to sleep, Hibernating or Lost), and a second order lifts a customer
well up. Not NTILE: it would split equal values over two scores by chance.

The named groups go by (R, F) in A5's table, read top-down: the first group that holds the pair
wins. Lost (R1, F1) comes first because A5 says it wins over Hibernating (R1-2, F1-2); the table
holds every one of the 25 pairs, and no other pair is in two groups (tests check all 25).
Customers without an order are Prospects.
"""

from bisect import bisect_left
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Generic, TypeVar

SCORES = 5  # quintiles

Key = TypeVar("Key", bound=Hashable)


class Segment(StrEnum):
    """Stable machine keys, stored and used in URLs; labels are in aftersales/models.py."""

    CHAMPIONS = "champions"
    LOYAL = "loyal"
    POTENTIAL_LOYALISTS = "potential_loyalists"
    NEW = "new"
    PROMISING = "promising"
    NEED_ATTENTION = "need_attention"
    ABOUT_TO_SLEEP = "about_to_sleep"
    AT_RISK = "at_risk"
    CANT_LOSE = "cant_lose"
    HIBERNATING = "hibernating"
    LOST = "lost"
    PROSPECTS = "prospects"


@dataclass(frozen=True)
class Group:
    """A named group: the recency and frequency scores it holds (inclusive ranges)."""

    segment: Segment
    recency: tuple[int, int]
    frequency: tuple[int, int]

    def holds(self, recency_score: int, frequency_score: int) -> bool:
        low_r, high_r = self.recency
        low_f, high_f = self.frequency
        return low_r <= recency_score <= high_r and low_f <= frequency_score <= high_f


# A5's table; the first group that holds a pair wins (Lost before Hibernating).
GROUPS: tuple[Group, ...] = (
    Group(Segment.LOST, (1, 1), (1, 1)),
    Group(Segment.CHAMPIONS, (5, 5), (4, 5)),
    Group(Segment.LOYAL, (3, 4), (4, 5)),
    Group(Segment.POTENTIAL_LOYALISTS, (4, 5), (2, 3)),
    Group(Segment.NEW, (5, 5), (1, 1)),
    Group(Segment.PROMISING, (4, 4), (1, 1)),
    Group(Segment.NEED_ATTENTION, (3, 3), (3, 3)),
    Group(Segment.ABOUT_TO_SLEEP, (3, 3), (1, 2)),
    Group(Segment.AT_RISK, (1, 2), (3, 4)),
    Group(Segment.CANT_LOSE, (1, 2), (5, 5)),
    Group(Segment.HIBERNATING, (1, 2), (1, 2)),
)


def a5_segment(recency_score: int, frequency_score: int) -> Segment:
    """A5: the named group of a customer with orders, by their R and F scores."""
    for group in GROUPS:
        if group.holds(recency_score, frequency_score):
            return group.segment
    raise ValueError(f"no group for R{recency_score} F{frequency_score}: scores run from 1 to {SCORES}")


@dataclass(frozen=True)
class Purchase(Generic[Key]):
    """One order that counts (not cancelled), with what was paid back on it by completed refunds
    on or before the day counted."""

    customer: Key
    placed_on: date  # Europe/Amsterdam
    total: Decimal  # incl. VAT
    refunded: Decimal = Decimal(0)


@dataclass(frozen=True)
class Values:
    recency_days: int
    frequency: int
    monetary: Decimal  # incl. VAT, net of refunds


@dataclass(frozen=True)
class Result:
    """A customer's segment; values and scores are None for a prospect."""

    segment: Segment
    values: Values | None = None
    recency_score: int | None = None
    frequency_score: int | None = None
    monetary_score: int | None = None


def values_of(purchases: Iterable[Purchase[Key]], today: date) -> dict[Key, Values]:
    """Each customer's R, F and M on `today`; orders placed after it do not count yet."""
    last: dict[Key, date] = {}
    count: dict[Key, int] = {}
    money: dict[Key, Decimal] = {}
    for purchase in purchases:
        if purchase.placed_on > today:
            continue
        key = purchase.customer
        last[key] = max(last.get(key, purchase.placed_on), purchase.placed_on)
        count[key] = count.get(key, 0) + 1
        money[key] = money.get(key, Decimal(0)) + purchase.total - purchase.refunded
    return {key: Values((today - last[key]).days, count[key], money[key]) for key in last}


def quintile_scores(goodness: Mapping[Key, int | Decimal]) -> dict[Key, int]:
    """1-5 per key, higher goodness scoring higher; equal goodness, equal score (module doc)."""
    ordered = sorted(goodness.values())
    total = len(ordered)
    return {key: 1 + SCORES * bisect_left(ordered, value) // total for key, value in goodness.items()}


def a5_results(
    customers: Iterable[Key], purchases: Iterable[Purchase[Key]], today: date
) -> dict[Key, Result]:
    """A5 for every customer (and every buyer not among `customers`): scores by quintile over
    those with orders on `today`, their group, or Prospects."""
    values = values_of(purchases, today)
    recency = quintile_scores({key: -value.recency_days for key, value in values.items()})
    frequency = quintile_scores({key: value.frequency for key, value in values.items()})
    monetary = quintile_scores({key: value.monetary for key, value in values.items()})
    results = {key: Result(Segment.PROSPECTS) for key in customers}
    for key, value in values.items():
        results[key] = Result(
            a5_segment(recency[key], frequency[key]), value, recency[key], frequency[key], monetary[key]
        )
    return results
