"""A5 without the database (aftersales/rfm.py): quintile scores with ties, refunds lowering M, the
11 named groups by (R, F), Lost over Hibernating, and Prospects without an order."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from aftersales.rfm import (
    GROUPS,
    Purchase,
    Segment,
    Values,
    a5_results,
    a5_segment,
    quintile_scores,
    values_of,
)

pytestmark = pytest.mark.rule("A5")

TODAY = date(2026, 6, 1)

# A5's table as domain.md words it, (R scores, F scores) per group; written out here, not taken
# from rfm.GROUPS, so a slip in either shows.
A5_TABLE = {
    Segment.CHAMPIONS: ({5}, {4, 5}),
    Segment.LOYAL: ({3, 4}, {4, 5}),
    Segment.POTENTIAL_LOYALISTS: ({4, 5}, {2, 3}),
    Segment.NEW: ({5}, {1}),
    Segment.PROMISING: ({4}, {1}),
    Segment.NEED_ATTENTION: ({3}, {3}),
    Segment.ABOUT_TO_SLEEP: ({3}, {1, 2}),
    Segment.AT_RISK: ({1, 2}, {3, 4}),
    Segment.CANT_LOSE: ({1, 2}, {5}),
    Segment.HIBERNATING: ({1, 2}, {1, 2}),
    Segment.LOST: ({1}, {1}),
}


def bought(customer, days_ago, total="10.00", refunded="0"):
    return Purchase(customer, TODAY - timedelta(days=days_ago), Decimal(total), Decimal(refunded))


def grid_shop():
    """25 customers "R<r>F<f>", one per (R, F) pair: f orders, the last (5 - r) * 30 days ago.
    Five customers share each recency and each frequency, so every tie group is exactly one
    quintile and customer R<r>F<f> scores R = r, F = f."""
    purchases = []
    for r in range(1, 6):
        for f in range(1, 6):
            last = (5 - r) * 30
            purchases += [bought(f"R{r}F{f}", last + 7 * n) for n in range(f)]
    return purchases


@pytest.mark.parametrize("segment", list(A5_TABLE), ids=str)
def test_a5_every_named_group_on_hand_made_customers(segment):
    results = a5_results(["nog-niets@example.test"], grid_shop(), TODAY)

    recency, frequency = A5_TABLE[segment]
    for r in recency:
        for f in frequency:
            result = results[f"R{r}F{f}"]
            assert (result.recency_score, result.frequency_score) == (r, f)
            expected = Segment.LOST if (r, f) == (1, 1) else segment  # Lost wins (below)
            assert result.segment == expected, f"R{r}F{f}"


def test_a5_lost_wins_over_hibernating():
    results = a5_results([], grid_shop(), TODAY)

    assert results["R1F1"].segment == Segment.LOST
    assert {results[name].segment for name in ("R1F2", "R2F1", "R2F2")} == {Segment.HIBERNATING}


def test_a5_a_customer_without_orders_is_a_prospect_and_not_counted_in_the_quintiles():
    with_prospects = a5_results(["nog-niets@example.test", "ook-niet@example.test"], grid_shop(), TODAY)
    without = a5_results([], grid_shop(), TODAY)

    prospect = with_prospects["nog-niets@example.test"]
    assert prospect.segment == Segment.PROSPECTS
    assert prospect.values is None
    assert (prospect.recency_score, prospect.frequency_score, prospect.monetary_score) == (None, None, None)
    assert {key: result for key, result in with_prospects.items() if key in without} == without


def test_a5_orders_after_the_day_counted_do_not_count_yet():
    tomorrow = TODAY + timedelta(days=1)
    purchases = [
        bought("sanne", 10),
        Purchase("sanne", tomorrow, Decimal("99.00")),
        Purchase("piet", tomorrow, Decimal(5)),
    ]

    assert values_of(purchases, TODAY) == {"sanne": Values(10, 1, Decimal("10.00"))}
    assert a5_results(["piet"], purchases, TODAY)["piet"].segment == Segment.PROSPECTS


def test_a5_every_one_of_the_25_score_pairs_has_exactly_one_group_lost_over_hibernating():
    for r in range(1, 6):
        for f in range(1, 6):
            holding = [group.segment for group in GROUPS if group.holds(r, f)]
            expected = [Segment.LOST, Segment.HIBERNATING] if (r, f) == (1, 1) else holding[:1]
            assert holding == expected, f"R{r}F{f}: {holding}"
            assert a5_segment(r, f) == holding[0]
            recency, frequency = A5_TABLE[holding[0]]
            assert r in recency
            assert f in frequency


@pytest.mark.parametrize(("recency", "frequency"), [(0, 3), (6, 1), (3, 0)])
def test_a5_scores_outside_one_to_five_have_no_group(recency, frequency):
    with pytest.raises(ValueError, match="no group"):
        a5_segment(recency, frequency)


def test_a5_quintiles_of_distinct_values_run_from_one_to_five():
    assert quintile_scores({name: value for value, name in enumerate("abcde")}) == {
        "a": 1,
        "b": 2,
        "c": 3,
        "d": 4,
        "e": 5,
    }
    assert quintile_scores({f"c{n}": n for n in range(10)}) == {f"c{n}": 1 + n // 2 for n in range(10)}


def test_a5_quintile_ties_equal_values_share_the_score_of_their_lowest_place():
    # 10 customers: six ordered once, two twice, one three times, one ten times.
    frequencies = [1] * 6 + [2] * 2 + [3, 10]
    scores = quintile_scores({f"c{n}": value for n, value in enumerate(frequencies)})

    assert [scores[f"c{n}"] for n in range(10)] == [1] * 6 + [4, 4, 5, 5]
    assert set(quintile_scores({"a": 7, "b": 7, "c": 7}).values()) == {1}  # all equal: all worst
    assert quintile_scores({"alone": 3}) == {"alone": 1}


def test_a5_quintile_ties_in_recency_customers_who_last_ordered_the_same_day_share_r():
    purchases = [bought("a", 3), bought("b", 3), bought("c", 40), bought("d", 40), bought("e", 200)]

    results = a5_results([], purchases, TODAY)

    assert results["a"].recency_score == results["b"].recency_score == 4  # 3 worse of 5
    assert results["c"].recency_score == results["d"].recency_score == 2  # 1 worse of 5
    assert results["e"].recency_score == 1


def test_a5_refunds_lower_monetary():
    purchases = [
        bought("big-returner", 5, total="300.00", refunded="280.00"),
        bought("small-keeper", 5, total="50.00"),
        bought("middle", 5, total="60.00", refunded="5.00"),
        bought("everything-back", 5, total="90.00", refunded="90.00"),
    ]

    results = a5_results([], purchases, TODAY)

    assert results["big-returner"].values.monetary == Decimal("20.00")
    assert results["everything-back"].values.monetary == Decimal("0.00")
    scores = {name: result.monetary_score for name, result in results.items()}
    assert scores == {"everything-back": 1, "big-returner": 2, "small-keeper": 3, "middle": 4}
    assert results["everything-back"].values.frequency == 1  # the order still counts for F and R


def test_a5_values_recency_frequency_and_monetary_over_all_of_a_customers_orders():
    purchases = [
        bought("sanne", 40, "12.50"),
        bought("sanne", 9, "30.00", "5.00"),
        bought("sanne", 100, "7.50"),
    ]

    assert values_of(purchases, TODAY) == {"sanne": Values(9, 3, Decimal("45.00"))}
