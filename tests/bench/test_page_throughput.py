"""Benchmark (issue 3): requests/s of product pages and column pages on the embedded default,
against a static file served by the same gunicorn in the same run.

Not run by `make test`; `make bench` prints the figures. The static file is the ceiling the
server itself allows on this machine, so the ratio says how much the page rendering costs.
"""

import pytest

from tests.embedded_server import demo_database, hammer, page_urls, server  # noqa: F401

pytestmark = [pytest.mark.django_db]

CLIENTS = 8
SECONDS = 15


def test_bench_page_throughput_against_a_static_file(server):  # noqa: F811
    base, _process, path, _log = server
    targets = {
        "static file": ["/static/css/winkelier.css"],
        "product page": page_urls(path, "cms_productpage"),
        "column page": page_urls(path, "cms_columnpage"),
    }
    rates = {}
    for name, urls in targets.items():
        assert urls, f"the demo shop has no {name}"
        done, errors, elapsed = hammer(base, urls, CLIENTS, SECONDS)
        assert errors == [], errors[:5]
        rates[name] = done / elapsed
    print(f"\nembedded default, gunicorn 2 workers x 4 threads, {CLIENTS} clients, {SECONDS} s each:")
    for name, rate in rates.items():
        share = rate / rates["static file"]
        print(f"  {name:<13} {rate:8.1f} requests/s  ({share:.1%} of the static file)")
