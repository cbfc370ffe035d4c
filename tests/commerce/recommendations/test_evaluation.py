"""The offline evaluation on hand-made histories, without a database (but for the command's
argument check and its empty-shop answer)."""

import io
import json
import math

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from commerce.recommendations.evaluation import (
    Case,
    Evaluation,
    Metrics,
    evaluate,
    gain,
    held_out_cases,
    metrics,
    split,
)
from tests.commerce.recommendations.purchases_support import purchases_from_rows

PHONE, CASE, GLASS, JEANS, BELT, CARD, NEW = 1, 2, 3, 4, 5, 6, 99


def lines(*orders):
    """Purchases from (order id, [products in the order they were put in the basket], day)."""
    return purchases_from_rows(
        (order, None, product, day) for order, products, day in orders for product in products
    )


def given_and_hidden(found):
    return [(case.given.tolist(), case.hidden) for case in found]


# --- the time split -------------------------------------------------------------------------


def test_the_last_holdout_days_up_to_the_newest_order_are_held_out():
    history = lines((1, [PHONE], 100), (2, [CASE], 109), (3, [GLASS], 110), (4, [BELT], 119))
    result = split(history, holdout_days=10)
    assert result.cutoff == 110
    assert sorted(result.train.order.tolist()) == [1, 2]
    assert sorted(result.test.order.tolist()) == [3, 4]


def test_an_empty_history_has_no_cutoff_and_nothing_to_test():
    result = split(lines(), holdout_days=90)
    assert result.cutoff is None
    assert len(result.train) == len(result.test) == 0


# --- the held-out cases ---------------------------------------------------------------------


def test_each_product_of_an_order_is_hidden_in_turn_given_the_others():
    test = lines((7, [GLASS, PHONE, CASE], 0), (3, [JEANS, BELT], 0))
    assert given_and_hidden(held_out_cases(test)) == [
        ([BELT], JEANS),
        ([JEANS], BELT),
        ([CASE, GLASS], PHONE),
        ([PHONE, GLASS], CASE),
        ([PHONE, CASE], GLASS),
    ]
    assert [case.order for case in held_out_cases(test)] == [3, 3, 7, 7, 7]


def test_the_order_of_the_lines_does_not_change_the_tests():
    first, second = lines((1, [PHONE, CASE, GLASS], 0)), lines((1, [GLASS, CASE, PHONE], 0))
    assert given_and_hidden(held_out_cases(first)) == given_and_hidden(held_out_cases(second))


def test_orders_with_fewer_than_two_distinct_products_are_skipped():
    # One line; the same product twice (two variants of one parent fold into it); two products.
    test = lines((1, [PHONE], 0), (2, [JEANS, JEANS], 0), (3, [CARD, CASE], 0))
    assert given_and_hidden(held_out_cases(test)) == [([CARD], CASE), ([CASE], CARD)]


def test_a_product_on_two_lines_is_hidden_once_and_never_given_while_hidden():
    test = lines((1, [JEANS, BELT, JEANS], 0))
    assert given_and_hidden(held_out_cases(test)) == [([BELT], JEANS), ([JEANS], BELT)]


# --- the metrics ----------------------------------------------------------------------------


def test_a_hit_at_rank_one_gains_1_lower_ranks_less_and_a_miss_nothing():
    assert gain([CASE, GLASS], CASE) == 1.0
    assert gain([CASE, GLASS, BELT], BELT) == pytest.approx(1 / math.log2(4))
    assert gain([CASE, GLASS], BELT) == 0.0


def test_metrics_average_over_the_cases_and_coverage_counts_distinct_products():
    cases = [
        Case(1, np.array([PHONE]), CASE),
        Case(2, np.array([JEANS]), BELT),
        Case(3, np.array([CARD]), PHONE),
    ]
    lists = [[CASE, GLASS], [GLASS, BELT], [GLASS, CASE]]  # hit at 1, hit at 2, miss
    result = metrics(lists, cases, catalogue_size=10)
    assert result.hit_rate == pytest.approx(2 / 3)
    assert result.ndcg == pytest.approx((1 + 1 / math.log2(3)) / 3)
    assert result.coverage == pytest.approx(3 / 10)  # CASE, GLASS, BELT


def test_the_ratio_is_undefined_when_the_baseline_hits_nothing():
    zero, some = Metrics(0.0, 0.0, 0.1), Metrics(0.5, 0.4, 0.2)
    assert Evaluation(5, 2, 2, 4, 0, some, zero).hit_rate_ratio is None
    assert Evaluation(5, 2, 2, 4, 0, some, Metrics(0.25, 0.1, 0.1)).hit_rate_ratio == 2.0


# --- recommender and baseline on one history ------------------------------------------------


def shop():
    """Training: PHONE and CASE go together; JEANS and CARD are best sellers bought alone."""
    train = [(n, [PHONE, CASE], 1) for n in range(5)]
    train += [(10 + n, [JEANS], 1) for n in range(8)] + [(20 + n, [CARD], 1) for n in range(7)]
    return lines(*train)


def test_the_recommender_finds_the_pair_the_best_sellers_miss():
    test = lines((100, [PHONE, CASE], 50))
    result = evaluate(shop(), test, catalogue_size=4)
    assert (result.orders_evaluated, result.tests) == (1, 2)  # CASE given PHONE, PHONE given CASE
    assert (result.recommender.hit_rate, result.recommender.ndcg) == (1.0, 1.0)
    # The baseline, minus the given product: JEANS, CARD, then the hidden one at rank 3.
    assert result.popularity.hit_rate == 1.0
    assert result.popularity.ndcg == pytest.approx(1 / math.log2(4))


def test_a_list_is_cut_at_count_and_the_baseline_never_offers_a_given_product():
    # 12 products: 1 is the best seller (two orders), 2 to 12 one order each (ties: lower id first).
    train = lines(*[(n, [product], 1) for n, product in enumerate(range(1, 12))], (50, [1, 12], 1))
    result = evaluate(train, lines((100, [1, 12], 50)), catalogue_size=12)
    # Given 12: 1, 2, ..., 10, a hit at rank 1. Given 1: 2, 3, ..., 11; 12 would be 11th, a miss.
    assert result.popularity.hit_rate == 0.5
    assert result.popularity.ndcg == 0.5
    assert result.popularity.coverage == pytest.approx(11 / 12)
    assert result.recommender.hit_rate == 1.0


def test_a_product_first_bought_after_the_cutoff_cannot_be_hit_but_counts():
    test = lines((100, [PHONE, CASE], 50), (101, [JEANS, NEW], 50))
    result = evaluate(shop(), test, catalogue_size=5)
    assert (result.orders_evaluated, result.tests, result.unseen) == (2, 4, 1)
    # PHONE and CASE: the recommender's 1st, the baseline's 3rd (after JEANS and CARD). JEANS
    # given NEW, which the scores do not know: both rankers' 1st (the best sellers). NEW: nobody's.
    assert (result.recommender.hit_rate, result.popularity.hit_rate) == (0.75, 0.75)
    assert (result.recommender.ndcg, result.popularity.ndcg) == (0.75, 0.5)


def test_held_out_orders_count_all_orders_and_only_evaluable_ones_are_tested():
    test = lines((100, [PHONE, CASE], 50), (101, [JEANS], 50), (102, [CARD, CARD], 50))
    result = evaluate(shop(), test, catalogue_size=4)
    counts = (result.train_orders, result.held_out_orders, result.orders_evaluated, result.tests)
    assert counts == (20, 3, 1, 2)


# --- the command ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_answers_an_empty_shop_with_json_alone():
    out = io.StringIO()
    call_command("evaluate_recommendations", "--json", stdout=out, stderr=io.StringIO())
    figures = json.loads(out.getvalue())
    assert (figures["orders_evaluated"], figures["tests"]) == (0, 0)
    assert figures["cutoff"] is None
    assert figures["recommender"] == {"hit_rate_at_10": 0.0, "ndcg_at_10": 0.0, "coverage": 0.0}


def test_the_command_refuses_a_holdout_of_no_days():
    with pytest.raises(CommandError, match="--holdout-days"):
        call_command("evaluate_recommendations", "--holdout-days", "0")
