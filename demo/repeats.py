"""The demo's card effect (A8): customers whose first order got a thank-you order again within
90 days more often than the hold-out, so the dashboard's card lift has something to show.

Who is in the hold-out is the shop's own rule (deciding.in_holdout, from the customer's id); the
demo makes its after-sales customers before their orders (demo/aftersales.create_customers), so
it is known when the order history is planned. Each customer with a second order draws whether
it comes within 90 days of the first, by group, and their later orders move to match. The first
order never moves, so who bought first when, and with it who is in the hold-out, stays put.
"""

import random
from collections import defaultdict
from dataclasses import replace

from aftersales.metrics import REPEAT_DAYS
from demo.customers import NEWEST_ORDER_DAYS_AGO
from demo.orders import OrderPlan, numbered
from demo.seed import rng

# The chance that a customer with more than one order places the second within 90 days of the
# first. About 45 % of first-time buyers never order again, so this comes to roughly a third of
# the card group ordering again within 90 days against a sixth of the hold-out: an effect a shop
# could hope for, not one the demo's small hold-out can prove (see the report in tests/demo).
SOON_CHANCE = {False: 0.58, True: 0.28}  # by "in the hold-out"


def shape_repeats(plans: list[OrderPlan], held_out: set[str]) -> list[OrderPlan]:
    """The plans with each customer's second order within 90 days of the first or not, by their
    group's chance; renumbered in the order placed."""
    random_ = rng("repeats")
    per_customer: defaultdict[str, list[OrderPlan]] = defaultdict(list)
    for plan in plans:  # in the order placed: each customer's first order comes first
        per_customer[plan.email].append(plan)
    shaped = []
    for email in sorted(per_customer):
        first, *later = per_customer[email]
        if later:
            soon = random_.random() < SOON_CHANCE[email in held_out]
            later = repeated_soon(first, later, random_) if soon else not_soon(first, later, random_)
        shaped += [first, *later]
    return numbered(shaped)


def repeated_soon(first: OrderPlan, later: list[OrderPlan], random_: random.Random) -> list[OrderPlan]:
    """The second order within 90 days after the first (a day after it at the earliest)."""
    if any(plan.days_ago >= first.days_ago - REPEAT_DAYS for plan in later):
        return later
    second, *rest = later
    days_ago = random_.randint(max(first.days_ago - REPEAT_DAYS, NEWEST_ORDER_DAYS_AGO), first.days_ago - 1)
    return [replace(second, days_ago=days_ago), *rest]


def not_soon(first: OrderPlan, later: list[OrderPlan], random_: random.Random) -> list[OrderPlan]:
    """Every later order more than 90 days after the first; as planned when the first is too recent
    for that."""
    latest_soon = first.days_ago - REPEAT_DAYS  # days ago of the 90th day after the first
    if latest_soon - 1 < NEWEST_ORDER_DAYS_AGO:
        return later
    return [
        replace(plan, days_ago=random_.randint(NEWEST_ORDER_DAYS_AGO, latest_soon - 1))
        if plan.days_ago >= latest_soon
        else plan
        for plan in later
    ]
