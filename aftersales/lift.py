"""Do thank-you cards pay? (domain.md A8): the difference between two repeat rates, card group
minus hold-out, with its 95 % confidence interval, and a verdict in plain words.

The interval is Newcombe's hybrid score interval (method 10 of Newcombe 1998, "Interval
estimation for the difference between independent proportions: comparison of eleven methods",
Statistics in Medicine 17:873-890): the two Wilson score intervals, combined. It stays inside
[-1, 1], behaves at 0/n and n/n, and holds its 95 % for the small groups a shop's hold-out gives
(the simple Wald interval does neither). No data in a group: no interval at all.
"""

from dataclasses import dataclass
from enum import StrEnum
from math import sqrt
from statistics import NormalDist

CONFIDENCE = 0.95
Z = NormalDist().inv_cdf(1 - (1 - CONFIDENCE) / 2)  # 1.959964...


class Verdict(StrEnum):
    NOT_ENOUGH_DATA = "not enough data"  # the interval includes 0, or there is none
    CARDS_HELP = "cards help"  # the whole interval above 0
    CARDS_DO_NOT_HELP = "cards do not help"  # the whole interval below 0


@dataclass(frozen=True)
class Group:
    """The customers of one group and how many of them ordered again."""

    size: int
    repeated: int

    def __post_init__(self) -> None:
        if not 0 <= self.repeated <= self.size:
            raise ValueError(f"{self.repeated} of {self.size} cannot have ordered again")

    @property
    def rate(self) -> float | None:
        return self.repeated / self.size if self.size else None


@dataclass(frozen=True)
class Lift:
    card: Group
    holdout: Group
    difference: float | None  # card rate minus hold-out rate; None when a group is empty
    low: float | None
    high: float | None
    verdict: Verdict


def wilson(successes: int, size: int, z: float = Z) -> tuple[float, float]:
    """The Wilson score interval of one proportion (without continuity correction)."""
    p = successes / size
    centre = 2 * size * p + z * z
    spread = z * sqrt(z * z + 4 * size * p * (1 - p))
    denominator = 2 * (size + z * z)
    return (centre - spread) / denominator, (centre + spread) / denominator


def a8_lift(card: Group, holdout: Group, z: float = Z) -> Lift:
    """A8: the card group's repeat rate minus the hold-out's, with Newcombe's hybrid score
    interval: L = D - sqrt((p1 - l1)² + (u2 - p2)²), U = D + sqrt((u1 - p1)² + (p2 - l2)²)."""
    if not card.size or not holdout.size:
        return Lift(card, holdout, None, None, None, Verdict.NOT_ENOUGH_DATA)
    p1, p2 = card.repeated / card.size, holdout.repeated / holdout.size
    l1, u1 = wilson(card.repeated, card.size, z)
    l2, u2 = wilson(holdout.repeated, holdout.size, z)
    difference = p1 - p2
    low = difference - sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = difference + sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    if low > 0:
        verdict = Verdict.CARDS_HELP
    elif high < 0:
        verdict = Verdict.CARDS_DO_NOT_HELP
    else:
        verdict = Verdict.NOT_ENOUGH_DATA
    return Lift(card, holdout, difference, low, high, verdict)
