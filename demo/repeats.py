"""The demo's card effect (A8): customers whose first order got a thank-you order again within
90 days more often than the hold-out, so the dashboard's card lift has something to show.

Who is in the hold-out is the shop's own rule (deciding.in_holdout, from the customer's id); the
demo makes its after-sales customers before their orders (demo/aftersales.create_customers), so
it is known when the order history is planned. Customers with a second order get it within 90
days of the first or later, so that each group comes to its share; only their later orders move.
The first order never does, so who bought first when, and with it who is in the hold-out, stays.
"""

import random
from collections import defaultdict
from dataclasses import replace

from aftersales.metrics import REPEAT_DAYS
from demo.customers import NEWEST_ORDER_DAYS_AGO
from demo.orders import OrderPlan, numbered
from demo.seed import rng

# Of the first-time buyers in each group, the share who order again within 90 days: a third
# of those who got a card, a sixth of the hold-out. An effect a shop could hope for, not one the
# demo's small hold-out (about 35 customers) can prove beyond doubt in a year of orders.
REPEAT_SHARE = {False: 1 / 3, True: 1 / 7}  # by "in the hold-out"


def shape_repeats(plans: list[OrderPlan], held_out: set[str]) -> list[OrderPlan]:
    """The plans with the second orders of some customers moved into or out of the 90 days after
    their first, so that each group comes to its REPEAT_SHARE; renumbered in the order placed.

    Error diffusion in the order of first orders rather than a draw per customer: whoever the
    id-based hold-out picks (the ids depend on what the database held before), every stretch of
    first orders comes to the same shares, so the dashboard's periods and the tests see the same
    effect on every load. A customer keeps their planned orders while their group stays within
    one repeat of its share: the fewest orders move."""
    random_ = rng("repeats")
    per_customer: defaultdict[str, list[OrderPlan]] = defaultdict(list)
    for plan in plans:  # in the order placed: each customer's first order comes first
        per_customer[plan.email].append(plan)
    owed = dict.fromkeys(REPEAT_SHARE, 0.0)  # repeats each group is due (one-time buyers owe theirs)
    shaped = []
    for email, (first, *later) in per_customer.items():  # by first order: any period gets its share
        group = email in held_out
        owed[group] += REPEAT_SHARE[group]
        if later:
            planned = repeats_soon(first, later)
            due = owed[group] - planned  # what the group would still be due with the plan kept
            soon = True if due > 1 else False if due < -1 else planned
            owed[group] -= soon
            if soon != planned:
                later = repeated_soon(first, later, random_) if soon else not_soon(first, later, random_)
        shaped += [first, *later]
    return numbered(shaped)


def repeats_soon(first: OrderPlan, later: list[OrderPlan]) -> bool:
    return any(plan.days_ago >= first.days_ago - REPEAT_DAYS for plan in later)


def repeated_soon(first: OrderPlan, later: list[OrderPlan], random_: random.Random) -> list[OrderPlan]:
    """The second order within 90 days after the first (a day after it at the earliest)."""
    second, *rest = later
    days_ago = random_.randint(max(first.days_ago - REPEAT_DAYS, NEWEST_ORDER_DAYS_AGO), first.days_ago - 1)
    return [replace(second, days_ago=days_ago), *rest]


def not_soon(first: OrderPlan, later: list[OrderPlan], random_: random.Random) -> list[OrderPlan]:
    """Every later order more than 90 days after the first, within a month after that (the rest
    of the history as planned); as planned when the first is too recent for that."""
    latest_soon = first.days_ago - REPEAT_DAYS  # days ago of the 90th day after the first
    if latest_soon - 1 < NEWEST_ORDER_DAYS_AGO:
        return later
    return [
        replace(plan, days_ago=random_.randint(max(latest_soon - 30, NEWEST_ORDER_DAYS_AGO), latest_soon - 1))
        if plan.days_ago >= latest_soon
        else plan
        for plan in later
    ]
