"""Which thank-you an order earns (domain.md A1, A2, A8), as plain rules without the database.

The owner's rules are an ordered list of (condition → tier); every rule that matches an order
counts and the highest tier wins, so the order of the list only matters for reading it. The
facts about the order (its total, the customer's how-many-th order, their 12-month spend, the
key-account flag, the product classes and categories bought) are gathered by the caller.
"""

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import IntEnum, StrEnum

from home.closing import Period, add_working_days


class Tier(IntEnum):
    """A1's tiers, lowest first: a higher one includes the work of the lower ones."""

    CARD = 1  # a pre-printed card with a handwriting-style message
    NOTE = 2  # the card with a note handwritten by staff
    SMALL_GIFT = 3  # e.g. chocolates, within a budget
    PERSONAL_GIFT = 4  # researched and chosen for the customer; a manager approves its budget


class Condition(StrEnum):
    FIRST_ORDER = "first_order"
    EVERY_NTH_ORDER = "every_nth_order"
    ORDER_TOTAL_AT_LEAST = "order_total_at_least"
    SPEND_12_MONTHS_AT_LEAST = "spend_12_months_at_least"
    KEY_ACCOUNT = "key_account"
    PRODUCT_CLASS = "product_class"
    CATEGORY = "category"


@dataclass(frozen=True)
class Rule:
    condition: Condition
    tier: Tier
    amount: Decimal | None = None  # the threshold of the "at least" conditions
    every: int | None = None  # N of "every Nth order"
    slug: str = ""  # the product class or category


@dataclass(frozen=True)
class OrderFacts:
    order_total: Decimal  # incl. VAT
    nth_order: int  # 1 for the customer's first order
    spend_12_months: Decimal  # incl. this order
    key_account: bool = False
    product_classes: frozenset[str] = field(default_factory=frozenset)
    categories: frozenset[str] = field(default_factory=frozenset)


def a1_matches(rule: Rule, facts: OrderFacts) -> bool:
    """A1: whether one of the owner's rules applies to this order."""
    condition = rule.condition
    if condition == Condition.FIRST_ORDER:
        return facts.nth_order == 1
    if condition == Condition.EVERY_NTH_ORDER:
        return rule.every is not None and rule.every > 0 and facts.nth_order % rule.every == 0
    if condition == Condition.ORDER_TOTAL_AT_LEAST:
        return rule.amount is not None and facts.order_total >= rule.amount
    if condition == Condition.SPEND_12_MONTHS_AT_LEAST:
        return rule.amount is not None and facts.spend_12_months >= rule.amount
    if condition == Condition.KEY_ACCOUNT:
        return facts.key_account
    if condition == Condition.PRODUCT_CLASS:
        return rule.slug in facts.product_classes
    return rule.slug in facts.categories


def a1_tier(rules: Iterable[Rule], facts: OrderFacts) -> Tier | None:
    """A1: the highest tier among the rules that match; None when none does (no task)."""
    return max((rule.tier for rule in rules if a1_matches(rule, facts)), default=None)


# A1's defaults, as the migration creates them for the owner to edit.
DEFAULT_RULES = (
    Rule(Condition.FIRST_ORDER, Tier.CARD),
    Rule(Condition.EVERY_NTH_ORDER, Tier.NOTE, every=10),
    Rule(Condition.ORDER_TOTAL_AT_LEAST, Tier.SMALL_GIFT, amount=Decimal("500")),
    Rule(Condition.SPEND_12_MONTHS_AT_LEAST, Tier.SMALL_GIFT, amount=Decimal("500")),
    Rule(Condition.ORDER_TOTAL_AT_LEAST, Tier.PERSONAL_GIFT, amount=Decimal("10000")),
    Rule(Condition.KEY_ACCOUNT, Tier.PERSONAL_GIFT),
)

# A8: the share of customers whose first order earns a card but who get none, to measure lift.
DEFAULT_HOLDOUT_SHARE = Decimal("0.10")


def a8_in_holdout(customer_key: int, share: Decimal = DEFAULT_HOLDOUT_SHARE) -> bool:
    """A8: whether this customer belongs to the hold-out, decided once from their id: the same
    customer always lands on the same side, and about `share` of all customers do."""
    digest = hashlib.sha256(f"winkelier-holdout-{customer_key}".encode()).digest()
    position = int.from_bytes(digest[:8], "big") / 2**64
    return Decimal(str(position)) < share


def a8_skips_task(tier: Tier | None, nth_order: int, in_holdout: bool) -> bool:
    """A8: a hold-out customer's first order gets no thank-you at all (they are compared with
    the customers whose first order did)."""
    return tier is not None and nth_order == 1 and in_holdout


# A2: the shop ships on the next working day; the thank-you goes before the invoice does.
DISPATCH_WORKING_DAYS = 1


def a2_due_on(
    placed_on: date, closing_periods: Collection[Period], lead: int = DISPATCH_WORKING_DAYS
) -> date:
    """A2: due on the expected dispatch day (the invoice goes with the parcel), counted in the
    shop's working days: weekends and closing days (N4) skipped."""
    return add_working_days(placed_on, lead, closing_periods)
