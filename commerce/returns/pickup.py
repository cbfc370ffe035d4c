"""W16 "haal het bij mij op": the working days the shop offers to collect a return parcel."""

from datetime import date

from commerce.order import shipments
from home.closing import add_working_days

DAYS_OFFERED = 5


def pickup_days(shop, order, today: date) -> list[date]:
    """The next working days (N4 closing days skipped), when the shop collects parcels and
    this order has something to send back (something was dispatched)."""
    if not shop.offers_pickup or not shipments.dispatches(order).exists():
        return []
    periods = shop.closing_days()
    return [add_working_days(today, days, periods) for days in range(1, DAYS_OFFERED + 1)]
