"""The withdrawal window of one order: its shipment facts read from the order, the rule from policy."""

from datetime import date, datetime

from commerce.order import shipments, statuses
from commerce.returns import policy
from home.clock import amsterdam_date


def withdrawal_starts_on(order) -> date | None:
    """W2 for this order: None while anything shipped has not arrived."""
    return policy.window_starts_on(
        placed_on=amsterdam_date(order.date_placed),
        ships_goods=shipments.ships_goods(order),
        last_delivered_on=shipments.last_delivery_on(order),
    )


def withdrawal_ends_on(order, shop_settings=None) -> date | None:
    """The last day to withdraw from this order, for the shop's window (W1, W2), 12 months
    later when the order confirmation lacked the policy (W5)."""
    ends_on = policy.window_ends_on(withdrawal_starts_on(order), policy.window_days(shop_settings))
    return policy.w5_window_ends_on(ends_on, order.withdrawal_info_given)


def may_withdraw(order, at: datetime, shop_settings=None) -> bool:
    """W1/W3/W18: a notice sent at `at` is in time (the button shows while this holds)."""
    return in_time(order, at, withdrawal_ends_on(order, shop_settings))


def in_time(order, at: datetime, ends_on: date | None) -> bool:
    """may_withdraw, for a caller that read the window's last day already."""
    if order.status == statuses.CANCELLED:
        return False
    return policy.w3_notice_in_time(at, order.date_placed, ends_on)
