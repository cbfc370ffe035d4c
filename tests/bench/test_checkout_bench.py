"""Benchmark (issue 4): orders per minute through the whole checkout on PostgreSQL, 8 shoppers.

What runs, all on this machine: a fresh PostgreSQL database ``winkelier_bench_checkout``
(a copy of ``winkelier_bench_checkout_template``: migrated, demo shop loaded, rebuilt only when a
migration, the demo shop code or requirements.txt changed; then the bought products' stock is
raised), a real localstripe with the shop's webhook registered (so, as with Stripe, every
payment also arrives as webhook events),
gunicorn (2 workers x 4 threads: two cores) and one ``db_worker`` with the database task backend
(tests/bench/checkout_settings.py: the order-placing request only enqueues the e-mails and
webhook work, as in production, and the worker's cost still lands on the same two cores).

8 shopper threads, each with its own cookies, walk the checkout like a browser for
``BENCH_CHECKOUT_SECONDS`` (default 30): product page -> add to basket (two products) ->
e-mail -> Dutch address -> delivery (standard/express alternately) -> payment page -> POST
/checkout/pay/ -> confirm the card at localstripe (what Stripe.js does) -> GET /checkout/paid/
(the order-placing request, timed) -> thank-you page. It prints orders/minute, the order-placing
request's p50/p95/max and the whole checkout's p50/p95, and asserts zero errors, one order per
finished checkout, no task failed, no traceback in the server or worker log, the stock
allocated equal to what was sold, none negative.

PostgreSQL at ``BENCH_POSTGRES_URL`` (default postgres://postgres@127.0.0.1:5432/postgres);
unreachable -> skipped with the reason printed, or failed under CI=true.
"""

import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import stripe
from django.conf import settings

from tests.bench.checkout_shopper import CheckoutFailed, Shopper
from tests.bench.postgres_databases import (
    MIGRATIONS,
    connect,
    database_url,
    fingerprint_of,
    mark_built,
    require_server,
    template_fingerprint,
)
from tests.embedded_server import run, start_gunicorn
from tests.stripe_support import SECRET_KEY, WEBHOOK_SECRET, LocalStripe

SHOPPERS = 8
SECONDS = float(os.environ.get("BENCH_CHECKOUT_SECONDS", "30"))
DATABASE = "winkelier_bench_checkout"
TEMPLATE = f"{DATABASE}_template"
STOCK = 100_000
# Two cheap products (basket under EUR 50: standard delivery costs EUR 4.95) and two dearer
# ones (over EUR 50: standard delivery free); each checkout buys one pair.
BASKETS = [
    ("/producten/usb-c-snellader-30-w/", "/producten/gevlochten-usb-c-kabel-2-meter/"),
    ("/producten/draadloze-oordopjes-kade-buds/", "/producten/merino-sokken-3-paar/"),
]
SLUGS = [path.strip("/").rsplit("/", 1)[-1] for basket in BASKETS for path in basket]
DELIVERIES = ["standaard", "express"]
DRAIN_SECONDS = 120
BENCH_EMAILS = "%@bench.example.test"


def shop_fingerprint() -> str:
    """Changes whenever a migration, the demo shop or a pinned package changes."""
    return fingerprint_of((*MIGRATIONS, "demo/**/*", "commerce/shipping/countries.py"))


def build_template(admin, env: dict, fingerprint: str):
    """Migrate and load the demo shop once into a template database (75 s on an idle 2-core machine)."""
    admin.execute(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
    admin.execute(f"CREATE DATABASE {TEMPLATE}")
    env = {**env, "DATABASE_URL": database_url(TEMPLATE)}
    manage = str(settings.BASE_DIR / "manage.py")
    started = time.monotonic()
    run([sys.executable, manage, "migrate", "--noinput", "-v0"], env, 600)
    migrated = time.monotonic()
    run([sys.executable, manage, "load_demo_shop", "-v0"], env, 600)
    mark_built(admin, TEMPLATE, fingerprint)
    print(
        f"\nbuilt {TEMPLATE} ({fingerprint}): migrate {migrated - started:.1f} s, "
        f"load_demo_shop {time.monotonic() - migrated:.1f} s"
    )


def fresh_database(env: dict) -> Path:
    """A fresh copy of the migrated demo shop as `DATABASE`; its media folder."""
    fingerprint = shop_fingerprint()
    media = Path(tempfile.gettempdir()) / f"{TEMPLATE}-{fingerprint}-media"
    with connect("postgres") as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        if template_fingerprint(admin, TEMPLATE) != fingerprint or not media.is_dir():
            for stale in media.parent.glob(f"{TEMPLATE}-*-media"):  # earlier templates' media too
                shutil.rmtree(stale, ignore_errors=True)
            build_template(admin, {**env, "MEDIA_ROOT": str(media)}, fingerprint)
        else:
            print(f"\n{TEMPLATE} is up to date ({fingerprint}): copying it")
        admin.execute(f"CREATE DATABASE {DATABASE} TEMPLATE {TEMPLATE}")
    return media


def percentile(values, share: float) -> float:
    """Nearest-rank percentile: the value `share` of the measurements are at or below."""
    ordered = sorted(values)
    return ordered[max(0, int(round(share * len(ordered))) - 1)]


@pytest.fixture(scope="module")
def bench_database():
    require_server("the checkout benchmark")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("PYTEST_SQLITE_FILE", None)
    media = fresh_database(env)
    with connect(DATABASE) as db:
        stocked = db.execute(
            "UPDATE partner_stockrecord SET num_in_stock = %s, num_allocated = 0 WHERE product_id IN "
            "(SELECT pp.product_id FROM cms_productpage pp JOIN wagtailcore_page p ON p.id = pp.page_ptr_id "
            "WHERE p.slug = ANY(%s) AND p.live)",
            (STOCK, SLUGS),
        ).rowcount
    assert stocked == len(SLUGS), f"the demo shop lacks a live product page among {SLUGS}"
    yield {**env, "DATABASE_URL": database_url(DATABASE), "MEDIA_ROOT": str(media)}
    with connect("postgres") as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def register_webhook(stripe_base: str, shop_base: str):
    """localstripe keeps webhooks in memory: tell it where to send the payment events."""
    form = urllib.parse.urlencode({"url": f"{shop_base}/stripe/webhook/", "secret": WEBHOOK_SECRET}).encode()
    urllib.request.urlopen(f"{stripe_base}/_config/webhooks/winkelier", data=form, timeout=5).close()  # noqa: S310


@pytest.fixture(scope="module")
def checkout_shop(bench_database, tmp_path_factory):
    folder = tmp_path_factory.mktemp("checkout")
    localstripe = LocalStripe()
    localstripe.start()
    env = {
        **bench_database,
        "DJANGO_SETTINGS_MODULE": "tests.bench.checkout_settings",
        "STRIPE_API_BASE": localstripe.base,
        "STRIPE_SECRET_KEY": SECRET_KEY,
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
    }
    processes, logs = [], []
    try:
        base, server, log = start_gunicorn(env, folder / "gunicorn.log")
        processes.append(server)
        worker_log = open(folder / "db_worker.log", "w+")  # noqa: SIM115 - closed below
        logs += [log, worker_log]
        processes.append(start_worker(env, worker_log))
        register_webhook(localstripe.base, base)
        yield base, localstripe, log, worker_log
    finally:
        for process in processes:
            process.terminate()  # gunicorn stops its workers gracefully (no orphans)
            process.wait(30)
        for log in logs:
            log.close()
        localstripe.stop()


def start_worker(env, log):
    argv = [sys.executable, str(settings.BASE_DIR / "manage.py"), "db_worker", "--interval", "0.2",
            "--no-startup-delay", "--no-reload"]  # fmt: skip
    return subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=settings.BASE_DIR)  # noqa: S603


def shop(base, stripe_base, number, stop_at, results, errors, lock):
    """One shopper: checkouts one after another until the time is up; a failed one is counted
    and the next starts in a fresh browser (new cookies, new basket)."""
    client = stripe.StripeClient(
        SECRET_KEY, base_addresses={"api": stripe_base}, http_client=stripe.RequestsClient(timeout=30)
    )
    shopper = Shopper(base, client, number)
    round_ = number
    while time.monotonic() < stop_at:
        basket, delivery = BASKETS[round_ % len(BASKETS)], DELIVERIES[(round_ // 2) % len(DELIVERIES)]
        round_ += 1
        try:
            checkout = shopper.checkout(list(basket), delivery)
        except (CheckoutFailed, OSError, ValueError, KeyError, stripe.StripeError) as error:
            with lock:
                errors.append(f"shopper {number}: {type(error).__name__}: {error}")
            shopper = Shopper(base, client, number + 1000 * round_)
            continue
        with lock:
            results.append(checkout)


def drain_tasks(db, seconds: float) -> float:
    """Wait for the worker to finish what the checkouts enqueued; returns the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        (waiting,) = db.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
        ).fetchone()
        if waiting == 0:
            break
        time.sleep(0.5)
    return time.monotonic() - started


def logged_problems(*logs) -> tuple[int, list[str]]:
    """Tracebacks in the server and worker logs, and the distinct error lines (for the report)."""
    tracebacks, lines = 0, set()
    for log in logs:
        log.seek(0)
        for line in log:
            tracebacks += line.startswith("Traceback")
            if line[:1].isalnum() and ("Error" in line or "Exception" in line):
                lines.add(line.strip()[:200])
    return tracebacks, sorted(lines)


def outcome(db) -> dict:
    """What the database says after the run: bench orders and their payments, the bought
    products' stock next to what was sold, and the task results."""
    orders, payments = db.execute(
        "SELECT count(DISTINCT o.id), count(DISTINCT cp.id) FROM order_order o "
        "LEFT JOIN payments_checkoutpayment cp ON cp.order_id = o.id WHERE o.guest_email LIKE %s",
        (BENCH_EMAILS,),
    ).fetchone()
    stock = db.execute(
        "SELECT s.partner_sku, s.num_in_stock, coalesce(s.num_allocated, 0), "
        "(SELECT coalesce(sum(l.quantity), 0) FROM order_line l JOIN order_order o ON o.id = l.order_id "
        " WHERE l.stockrecord_id = s.id AND o.guest_email LIKE %s) "
        "FROM partner_stockrecord s WHERE s.num_in_stock = %s OR s.num_in_stock - s.num_allocated < 0",
        (BENCH_EMAILS, STOCK),
    ).fetchall()
    tasks = db.execute(
        "SELECT task_path, status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY 1, 2 ORDER BY 1"
    ).fetchall()
    failed = db.execute(
        "SELECT task_path, exception_class_path FROM django_tasks_database_dbtaskresult "
        "WHERE status = 'FAILED' LIMIT 5"
    ).fetchall()
    return {"orders": orders, "payments": payments, "stock": stock, "tasks": tasks, "failed": failed}


def report(results, errors, elapsed, tasks, drained):
    print(
        f"\ncheckout on PostgreSQL: gunicorn 2 workers x 4 threads, 1 db_worker, localstripe with "
        f"webhook; {SHOPPERS} shoppers for {elapsed:.1f} s"
    )
    rate = len(results) / elapsed * 60
    print(f"  orders placed   {len(results)} = {rate:.0f} orders/minute; errors {len(errors)}")
    if results:
        placing = [checkout.order_placing * 1000 for checkout in results]
        totals = [checkout.total for checkout in results]
        print(
            f"  order placing   GET /checkout/paid/: p50 {statistics.median(placing):.0f} ms, "
            f"p95 {percentile(placing, 0.95):.0f} ms, max {max(placing):.0f} ms"
        )
        print(
            f"  whole checkout  {results[0].requests} requests to the shop + 2 to Stripe: "
            f"p50 {statistics.median(totals):.2f} s, p95 {percentile(totals, 0.95):.2f} s"
        )
        stages = ", ".join(
            f"{name} {statistics.median(c.steps[name] for c in results):.2f} s" for name in results[0].steps
        )
        print(f"  median stage    {stages}")
    print(f"  tasks           queue empty {drained:.1f} s after the last checkout")
    for path, status, count in tasks:
        print(f"    {count:5} {status:<10} {path}")
    for error in errors[:5]:
        print(f"  ERROR {error}")


def test_bench_checkout_orders_per_minute_on_postgresql(checkout_shop):
    base, localstripe, log, worker_log = checkout_shop
    results, errors, lock = [], [], threading.Lock()
    logging.getLogger("stripe").setLevel(logging.WARNING)  # the shoppers' own Stripe calls
    load_before = os.getloadavg()[0]  # other work on the machine (our servers are idle now)
    started, cpu_started = time.monotonic(), time.process_time()
    stop_at = started + SECONDS
    threads = [
        threading.Thread(target=shop, args=(base, localstripe.base, n, stop_at, results, errors, lock))
        for n in range(SHOPPERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + 120)
    elapsed = time.monotonic() - started
    shoppers_cpu = time.process_time() - cpu_started

    with connect(DATABASE) as db:
        drained = drain_tasks(db, DRAIN_SECONDS)
        found = outcome(db)

    report(results, errors, elapsed, found["tasks"], drained)
    print(
        f"  machine         {os.cpu_count()} cores, load average {load_before:.1f} before the run; "
        f"the {SHOPPERS} shopper threads used {shoppers_cpu:.1f} s CPU"
    )
    tracebacks, problems = logged_problems(log, worker_log)
    for line in problems:
        print(f"  server log: {line}")
    assert errors == [], errors[:5]
    assert results, "no checkout finished"
    assert found["orders"] == len(results) == found["payments"], found
    assert found["failed"] == [], found["failed"]
    assert tracebacks == 0, f"{tracebacks} tracebacks in the server/worker log: {problems[:5]}"
    assert drained < DRAIN_SECONDS, f"the task queue was not empty {DRAIN_SECONDS} s after the checkouts"
    assert len(found["stock"]) == len(SLUGS), found["stock"]
    for sku, in_stock, allocated, sold in found["stock"]:
        assert in_stock - allocated >= 0, f"{sku}: stock went negative ({in_stock} - {allocated})"
        assert allocated == sold, f"{sku}: {allocated} allocated, {sold} sold"
