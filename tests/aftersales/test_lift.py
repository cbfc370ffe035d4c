"""The lift of thank-you cards (A8): card repeat rate minus hold-out repeat rate, with Newcombe's
hybrid score interval (method 10 of Newcombe 1998) and the verdict in plain words."""

import pytest

from aftersales.lift import Group, Verdict, a8_lift, wilson

pytestmark = pytest.mark.rule("A8")


def test_a8_lift_of_30_of_200_against_10_of_100_as_computed_by_hand():
    """By hand, z = 1.959964 (z² = 3.841459):

    Wilson interval of p = x/n: (2np + z² ± z·sqrt(z² + 4np(1-p))) / (2(n + z²))
      card 30/200, p1 = 0.15: (60 + 3.841459 ± 1.959964·sqrt(3.841459 + 102)) / 407.682918
                            = (63.841459 ± 1.959964·10.287928) / 407.682918
                            = (63.841459 ± 20.163968) / 407.682918  → l1 = 0.107136, u1 = 0.206056
      hold-out 10/100, p2 = 0.10: (20 + 3.841459 ± 1.959964·sqrt(3.841459 + 36)) / 207.682918
                            = (23.841459 ± 1.959964·6.312009) / 207.682918
                            = (23.841459 ± 12.371311) / 207.682918  → l2 = 0.055229, u2 = 0.174366
    Newcombe's hybrid (method 10), D = p1 - p2 = 0.05:
      L = D - sqrt((p1 - l1)² + (u2 - p2)²) = 0.05 - sqrt(0.042864² + 0.074366²) = 0.05 - 0.085835 = -0.035835
      U = D + sqrt((u1 - p1)² + (p2 - l2)²) = 0.05 + sqrt(0.056056² + 0.044771²) = 0.05 + 0.071741 = 0.121741
    The interval includes 0: not enough data yet.
    """
    lift = a8_lift(Group(size=200, repeated=30), Group(size=100, repeated=10))

    assert lift.difference == pytest.approx(0.05, abs=0.001)
    assert lift.low == pytest.approx(-0.035835, abs=0.001)
    assert lift.high == pytest.approx(0.121741, abs=0.001)
    assert (lift.card.size, lift.holdout.size) == (200, 100)
    assert lift.verdict == Verdict.NOT_ENOUGH_DATA


def test_a8_wilson_intervals_of_the_hand_computed_example():
    assert wilson(30, 200) == pytest.approx((0.107136, 0.206056), abs=0.000001)
    assert wilson(10, 100) == pytest.approx((0.055229, 0.174366), abs=0.000001)


@pytest.mark.parametrize(
    ("card", "holdout", "difference", "low", "high"),
    [
        # Newcombe 1998, Table II, method 10 ("score, no CC", from the Wilson intervals):
        ((70, 56), (80, 48), 0.2, 0.0524, 0.3339),  # (a) 56/70 - 48/80
        ((10, 9), (10, 3), 0.6, 0.1705, 0.8090),  # (b) 9/10 - 3/10
        ((7, 6), (7, 2), 0.5714, 0.0582, 0.8062),  # (c) 6/7 - 2/7
        ((56, 5), (29, 0), 0.0893, -0.0381, 0.1926),  # (d) 5/56 - 0/29
    ],
)
def test_a8_lift_matches_newcombes_published_examples(card, holdout, difference, low, high):
    lift = a8_lift(Group(*card), Group(*holdout))

    assert (lift.difference, lift.low, lift.high) == pytest.approx((difference, low, high), abs=0.001)


def test_a8_cards_help_when_the_whole_interval_is_above_zero():
    assert a8_lift(Group(70, 56), Group(80, 48)).verdict == Verdict.CARDS_HELP


def test_a8_cards_do_not_help_when_the_whole_interval_is_below_zero():
    lift = a8_lift(Group(80, 48), Group(70, 56))

    assert lift.high == pytest.approx(-0.0524, abs=0.001)
    assert lift.verdict == Verdict.CARDS_DO_NOT_HELP


def test_a8_no_one_and_everyone_ordering_again_still_give_an_interval_within_minus_one_and_one():
    nobody = a8_lift(Group(40, 0), Group(20, 0))
    everybody = a8_lift(Group(40, 40), Group(20, 0))

    assert nobody.difference == 0
    assert -1 < nobody.low < 0 < nobody.high < 1
    assert nobody.verdict == Verdict.NOT_ENOUGH_DATA
    assert everybody.difference == 1
    assert 0 < everybody.low < everybody.high == pytest.approx(1)
    assert everybody.verdict == Verdict.CARDS_HELP


@pytest.mark.parametrize(("card", "holdout"), [(Group(0, 0), Group(10, 2)), (Group(10, 2), Group(0, 0))])
def test_a8_an_empty_group_gives_no_interval_and_not_enough_data(card, holdout):
    lift = a8_lift(card, holdout)

    assert (lift.difference, lift.low, lift.high) == (None, None, None)
    assert lift.verdict == Verdict.NOT_ENOUGH_DATA
    assert (lift.card, lift.holdout) == (card, holdout)


def test_a8_a_group_cannot_have_more_repeat_customers_than_customers():
    with pytest.raises(ValueError, match="4 of 3 cannot have ordered again"):
        Group(size=3, repeated=4)
