"""The scoring rules on hand-made histories, without a database."""

import numpy as np

from commerce.recommendations.scoring import Settings, neighbours, recommend, score
from tests.commerce.recommendations.purchases_support import purchases_from_rows

A, B, C, D, RARE1, RARE2, PHONE, CASE = 1, 2, 3, 4, 5, 6, 7, 8


def history(orders, customer_of=None, day_of=None):
    """Purchases from {order id: [products]}; every order its own guest unless told otherwise."""
    customer_of = customer_of or {}
    day_of = day_of or {}
    rows = [
        (order, customer_of.get(order), product, day_of.get(order, 0))
        for order, products in orders.items()
        for product in products
    ]
    return purchases_from_rows(rows)


def ranked(scores, product, top=10):
    return [n.product for n in neighbours(scores, top).get(product, [])]


def best_sellers_with_a_real_pair():
    """A and B are best sellers that often end up in one basket by chance; C goes with A on purpose."""
    orders, number = {}, 0
    for _ in range(40):  # A alone, B alone: both very popular
        orders[number] = [A]
        orders[number + 1] = [B]
        number += 2
    for _ in range(12):  # A and B together by chance (they are everywhere)
        orders[number] = [A, B]
        number += 1
    for _ in range(10):  # A with C: a real pair
        orders[number] = [A, C]
        number += 1
    orders[number] = [RARE1, RARE2]  # two rare items, once together
    orders[number + 1] = [A, RARE1]
    return orders


def test_a_pair_bought_together_often_outranks_two_best_sellers_that_meet_by_chance():
    scores = score(history(best_sellers_with_a_real_pair()))
    assert ranked(scores, C)[0] == A
    assert ranked(scores, A)[0] == C
    assert ranked(scores, A).index(C) < ranked(scores, A).index(B)


def test_two_rare_items_bought_together_once_do_not_top_a_list():
    scores = score(history(best_sellers_with_a_real_pair()))
    # RARE1 was bought once with RARE2 and once with A; the shrinkage keeps one-off pairs low.
    pair = scores.scores[scores.index_of([RARE1])[0], scores.index_of([RARE2])[0]]
    real = scores.scores[scores.index_of([A])[0], scores.index_of([C])[0]]
    assert pair < real


def test_the_evidence_counts_orders_with_both_products():
    scores = score(history(best_sellers_with_a_real_pair()))
    first = neighbours(scores, 20)[C][0]
    assert (first.product, first.together) == (A, 10)


def test_a_product_is_never_its_own_neighbour_and_lists_are_cut_at_top():
    orders = {n: [A, B, C, D] for n in range(5)}
    scores = score(history(orders))
    lists = neighbours(scores, 2)
    assert {len(found) for found in lists.values()} == {2}
    assert not [product for product, found in lists.items() if product in [n.product for n in found]]


def test_the_same_customer_buying_later_adds_a_weaker_signal():
    # Customer 1 buys a phone, and a case in a later order within the window; nobody buys them together.
    orders = {1: [PHONE], 2: [CASE], 3: [PHONE, D], 4: [D]}
    customer_of = {1: 100, 2: 100, 3: 200, 4: 300}
    scores = score(history(orders, customer_of, {1: 10, 2: 20}), Settings(window_days=60))
    phone_list = neighbours(scores, 5)[PHONE]
    by_product = {n.product: n for n in phone_list}
    assert by_product[CASE].together == 0
    assert by_product[CASE].same_customer == 1
    assert by_product[D].score > by_product[CASE].score  # bought in one order counts more


def test_guests_and_purchases_far_apart_give_no_customer_signal():
    orders = {1: [PHONE], 2: [CASE], 3: [PHONE], 4: [CASE]}
    customer_of = {1: 100, 2: 100}  # 3 and 4 are guests
    scores = score(history(orders, customer_of, {1: 0, 2: 400}), Settings(window_days=60))
    assert PHONE not in neighbours(scores, 5)


def test_recommend_for_a_basket_sums_its_products_and_tops_up_from_the_fallback():
    scores = score(history(best_sellers_with_a_real_pair()))
    found = recommend(scores, [C], 3, fallback=np.array([B, A, D]))
    assert found[0] == A
    assert C not in found
    assert len(found) == 3
    assert len(set(found)) == 3


def test_an_empty_history_scores_nothing():
    scores = score(purchases_from_rows([]))
    assert neighbours(scores, 20) == {}
    assert recommend(scores, [A], 5) == []
