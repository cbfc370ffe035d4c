"""Counting attempts in the cache, per key, for a while: the storefront's forms that anyone may
post (the withdrawal lookup, the newsletter sign-up) refuse with 429 once a count reaches its
limit. The cache, not the database: these forms guess no password, and a lost count (a Redis
restart) lets only a few more attempts through.
"""

from datetime import timedelta

from django.core.cache import cache


def reached(limits: dict[str, int]) -> bool:
    """Whether any key's count has reached its limit ({cache key: limit})."""
    counts = cache.get_many(list(limits))
    return any(counts.get(key, 0) >= limit for key, limit in limits.items())


def count(keys: list[str], lasting: timedelta) -> None:
    """One more attempt for each key; each count lasts `lasting` from its first attempt."""
    timeout = int(lasting.total_seconds())
    for key in keys:
        cache.add(key, 0, timeout)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr: start again
            cache.set(key, 1, timeout)
