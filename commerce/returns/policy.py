"""The right of withdrawal as plain rules (domain.md W1–W18), without the web or the database.

Every function takes the facts it needs (dates, the shop's settings) and returns a value, so
each rule is tested on its own. The returns flow and the order pages read the window here.
"""

from datetime import date, timedelta

# W1 (law): 14 days to withdraw. The law's other periods have the same length: sending the
# goods back after the notice (W3) and refunding after the notice (W8).
LEGAL_WINDOW_DAYS = 14


def window_days(shop_settings: object | None = None) -> int:
    """W1/W2: the shop's withdrawal window in days; the owner may lengthen it, never shorten it."""
    days = getattr(shop_settings, "return_window_days", None) or LEGAL_WINDOW_DAYS
    return max(LEGAL_WINDOW_DAYS, days)


def window_starts_on(placed_on: date, ships_goods: bool, last_delivered_on: date | None) -> date | None:
    """W2: the first day of the window.

    Goods: the day after the last parcel arrived, None while anything is still on its way.
    An order of services only: the day after it was placed.
    """
    if not ships_goods:
        return placed_on + timedelta(days=1)
    return last_delivered_on + timedelta(days=1) if last_delivered_on else None


def window_ends_on(starts_on: date | None, days: int = LEGAL_WINDOW_DAYS) -> date | None:
    """W2: the last day (inclusive) to withdraw: delivered 1 April → 15 April for 14 days."""
    return starts_on + timedelta(days=days - 1) if starts_on else None
