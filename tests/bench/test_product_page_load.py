"""Product pages under load on the embedded default: SQLite, gunicorn with threads, DEBUG off.

Oscar's own sandbox answers HTTP 500 "database is locked" when a few shoppers view products
at once, because every product view writes analytics inside the request. Here a product page
view only reads; the view counts are flushed in one batch outside requests
(commerce.analytics.view_counts). 8 concurrent clients for 30 s must see zero errors, and the
counts must all reach Oscar's ProductRecord once the server stops gracefully.

A benchmark (30 s of load plus a demo shop load): not run by `make test`; `make bench` runs it
and prints requests/s.
"""

import signal
import sqlite3
from pathlib import Path

import pytest

from tests.embedded_server import demo_database, hammer, page_urls, server  # noqa: F401

pytestmark = [pytest.mark.django_db]

CLIENTS = 8
SECONDS = 30


def views_recorded(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT COALESCE(SUM(num_views), 0) FROM analytics_productrecord").fetchone()[0]


def test_product_pages_answer_8_concurrent_clients_for_30_s_without_errors(server):  # noqa: F811
    base, process, path, log = server
    urls = page_urls(path, "cms_productpage")
    assert len(urls) >= 40, "the demo shop should have a live page per product"
    views_before = views_recorded(path)

    done, errors, elapsed = hammer(base, urls, CLIENTS, SECONDS, must_contain=b'id="add_to_basket_form"')
    print(
        f"\n{CLIENTS} clients, {elapsed:.1f} s: {done} product pages, {len(errors)} errors, "
        f"{done / elapsed:.1f} requests/s"
    )

    assert errors == [], errors[:5]
    assert done >= CLIENTS * 5, "far too few requests answered"

    # A graceful stop flushes what the workers still hold: no view is lost.
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    log.seek(0)
    server_log = log.read()
    assert "database is locked" not in server_log, server_log[-4000:]
    assert views_recorded(path) - views_before == done
