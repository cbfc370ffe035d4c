"""Timing one request of a staff page in the benchmarks."""

import time


def timed_ms(request) -> float:
    """Milliseconds `request()` took; its response must be a 200."""
    started = time.perf_counter()
    response = request()
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200
    return elapsed
