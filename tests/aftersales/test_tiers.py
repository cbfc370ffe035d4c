"""The thank-you rules of aftersales/tiers.py without the database (A1, A2, A8)."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from aftersales.tiers import (
    DEFAULT_RULES,
    Condition,
    OrderFacts,
    Rule,
    Tier,
    a1_tier,
    a2_due_on,
    a8_in_holdout,
    a8_skips_task,
)


def facts(total="50.00", nth=1, spend=None, key=False, classes=(), categories=()):
    return OrderFacts(
        order_total=Decimal(total),
        nth_order=nth,
        spend_12_months=Decimal(spend if spend is not None else total),
        key_account=key,
        product_classes=frozenset(classes),
        categories=frozenset(categories),
    )


@pytest.mark.rule("A1")
def test_a1_the_first_order_gets_a_card():
    assert a1_tier(DEFAULT_RULES, facts(nth=1)) == Tier.CARD


@pytest.mark.rule("A1")
@pytest.mark.parametrize(
    ("nth", "tier"), [(2, None), (9, None), (10, Tier.NOTE), (11, None), (20, Tier.NOTE)]
)
def test_a1_every_tenth_order_gets_a_handwritten_note(nth, tier):
    assert a1_tier(DEFAULT_RULES, facts(nth=nth)) == tier


@pytest.mark.rule("A1")
def test_a1_an_order_or_a_years_spend_of_500_gets_a_small_gift():
    assert a1_tier(DEFAULT_RULES, facts(total="500.00", nth=3)) == Tier.SMALL_GIFT
    assert a1_tier(DEFAULT_RULES, facts(total="499.99", nth=3)) is None
    assert a1_tier(DEFAULT_RULES, facts(total="80.00", nth=3, spend="520.00")) == Tier.SMALL_GIFT


@pytest.mark.rule("A1")
def test_a1_an_order_of_10000_or_a_key_account_gets_a_personal_gift():
    assert a1_tier(DEFAULT_RULES, facts(total="10000.00", nth=2)) == Tier.PERSONAL_GIFT
    assert a1_tier(DEFAULT_RULES, facts(total="20.00", nth=2, key=True)) == Tier.PERSONAL_GIFT


@pytest.mark.rule("A1")
def test_a1_the_highest_matching_tier_wins_whatever_the_order_of_the_rules():
    # A first order of € 600 matches the card and the small gift; the 10th order of a key account
    # matches the note and the personal gift.
    assert a1_tier(reversed(DEFAULT_RULES), facts(total="600.00", nth=1)) == Tier.SMALL_GIFT
    assert a1_tier(DEFAULT_RULES, facts(nth=10, key=True)) == Tier.PERSONAL_GIFT


@pytest.mark.rule("A1")
def test_a1_the_owner_may_add_a_rule_for_a_product_class_or_a_category():
    rules = (*DEFAULT_RULES, Rule(Condition.CATEGORY, Tier.NOTE, slug="zonne-energie"))
    assert a1_tier(rules, facts(nth=4, categories={"zonne-energie"})) == Tier.NOTE
    rules = (Rule(Condition.PRODUCT_CLASS, Tier.SMALL_GIFT, slug="zonnepanelen"),)
    assert a1_tier(rules, facts(nth=4, classes={"zonnepanelen"})) == Tier.SMALL_GIFT
    assert a1_tier(rules, facts(nth=4, classes={"boeken"})) is None


@pytest.mark.rule("A8")
def test_a8_about_the_share_of_customers_is_held_out_and_always_the_same_ones():
    held_out = [key for key in range(1, 10_001) if a8_in_holdout(key)]
    assert 900 <= len(held_out) <= 1100
    assert held_out == [key for key in range(1, 10_001) if a8_in_holdout(key)]
    assert not any(a8_in_holdout(key, Decimal("0")) for key in range(1, 1000))


@pytest.mark.rule("A1", "A8")
def test_a8_hold_out_customers_get_no_thank_you_for_their_first_order_only():
    assert a8_skips_task(Tier.CARD, nth_order=1, in_holdout=True)
    assert not a8_skips_task(Tier.CARD, nth_order=1, in_holdout=False)
    assert not a8_skips_task(Tier.NOTE, nth_order=10, in_holdout=True)
    assert not a8_skips_task(None, nth_order=1, in_holdout=True)


CHRISTMAS = [SimpleNamespace(starts_on=date(2026, 12, 24), ends_on=date(2027, 1, 1))]


@pytest.mark.rule("A2", "N4")
def test_a2_due_on_the_expected_dispatch_day_after_the_christmas_closure():
    # Wednesday 23 December 2026; closed 24 December to 1 January; 2 and 3 January are a weekend.
    assert a2_due_on(date(2026, 12, 23), CHRISTMAS) == date(2027, 1, 4)


@pytest.mark.rule("A2")
def test_a2_an_order_on_friday_is_due_on_monday():
    assert a2_due_on(date(2026, 11, 27), []) == date(2026, 11, 30)
