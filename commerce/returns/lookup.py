"""The footer's withdrawal page: a guest names the order by its number and e-mail address (W18).

A pair that does not match is answered exactly like an order that does not exist, so the page
tells nobody which order numbers are real. Failed lookups are counted in the cache per client
address and per order number typed (real or not, for the same reason) and refused with 429 at
the limits of config/settings/base.py.
"""

import hashlib

from django.conf import settings

from commerce.order.customers import orders_placed_with
from commerce.users.login_throttle import client_ip
from home import throttle


def find_order(number: str, email: str):
    """The order with this number whose customer has this e-mail address, or None."""
    return orders_placed_with(email).filter(number=number.strip()).first()


def cache_keys(request, number: str) -> list[str]:
    typed = hashlib.sha256(number.strip().casefold().encode()).hexdigest()
    return [f"withdrawal-lookup:ip:{client_ip(request)}", f"withdrawal-lookup:order:{typed}"]


def limits(request, number: str) -> dict[str, int]:
    ip_key, order_key = cache_keys(request, number)
    return {
        ip_key: settings.WINKELIER_WITHDRAWAL_LOOKUP_FAILURES_PER_IP,
        order_key: settings.WINKELIER_WITHDRAWAL_LOOKUP_FAILURES_PER_ORDER,
    }


def throttled(request, number: str) -> bool:
    return throttle.reached(limits(request, number))


def count_failure(request, number: str) -> None:
    """One more failed lookup from this address and for this number; each count lasts the
    cool-off time from its first failure."""
    throttle.count(cache_keys(request, number), settings.WINKELIER_WITHDRAWAL_LOOKUP_COOL_OFF)


def cool_off_minutes() -> int:
    return int(settings.WINKELIER_WITHDRAWAL_LOOKUP_COOL_OFF.total_seconds() // 60)
