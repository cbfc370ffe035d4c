"""Benchmark (issue 13): `manage.py compute_segments` (A5) for 200,000 customers with 1,000,000
orders on PostgreSQL, target under 60 s.

The database ``winkelier_bench_segments`` is a fresh copy of ``winkelier_bench_segments_template``
(migrated; rebuilt only when a migration or requirements.txt changed), filled by set-based SQL
(segment_history.py, about a minute) and dropped afterwards. The command runs twice, each time
as its own process started by measured.py: the first night (no scores yet: every customer's
score and first history row written, 9,440 buyers given their Customer row), and a week and
9,589 new orders later (every score updated, history only for those whose segment changed).
Printed per run: the wall time of the process (Django's start-up included), the computation's
own time from its summary, the command's CPU time (the work itself is PostgreSQL's) and the
changes written. Then the segment pages of the admin on those 200,000 scored customers
(segment_pages.py, its own process): the overview, the largest segment's list and its CSV export.

PostgreSQL at ``BENCH_POSTGRES_URL`` (tests/bench/postgres_databases.py); unreachable -> skipped
with the reason printed, or failed under CI=true.
"""

import json
import os
import re
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings

from home.clock import amsterdam_today
from tests.bench import segment_history
from tests.bench.postgres_databases import connect, database_url, migrated_template, require_server

DATABASE = "winkelier_bench_segments"
TEMPLATE = f"{DATABASE}_template"
TARGET_SECONDS = 60
PAGE_TARGET_MS = 1000


@pytest.fixture(scope="module")
def segments_database():
    require_server("the segments benchmark")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONUNBUFFERED": "1"}
    env.pop("PYTEST_SQLITE_FILE", None)
    with connect("postgres") as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        migrated_template(admin, TEMPLATE, env)
        admin.execute(f"CREATE DATABASE {DATABASE} TEMPLATE {TEMPLATE}")
    try:
        started = time.monotonic()
        with connect(DATABASE) as db:
            written = segment_history.write(db)
        print(f"\ngenerated in {time.monotonic() - started:.1f} s: {describe(written)}")
        yield {**env, "DATABASE_URL": database_url(DATABASE)}
    finally:
        with connect("postgres") as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{count:,} {name}" for name, count in counts.items())


def compute(env: dict, today, folder: Path) -> dict:
    """`compute_segments --today` as its own process: its figures and the summary it printed."""
    report, output = folder / f"{today}.json", folder / f"{today}.txt"
    measured, manage = Path(__file__).with_name("measured.py"), settings.BASE_DIR / "manage.py"
    argv = [sys.executable, str(measured), str(report), sys.executable, str(manage), "compute_segments",
            "--today", today.isoformat()]  # fmt: skip
    with output.open("w") as out:
        code = subprocess.call(argv, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=900)  # noqa: S603
    printed = output.read_text()
    assert code == 0, printed[-4000:]
    figures = json.loads(report.read_text())
    summary = re.search(r"(\d+) changed segment, (\d+) customers added, in ([\d.]+) s", printed)
    assert summary, printed
    changed, added, seconds = summary.groups()
    return {
        **figures,
        "printed": printed,
        "changed": int(changed),
        "added": int(added),
        "own": float(seconds),
    }


def segment_counts() -> list[tuple[str, int]]:
    with connect(DATABASE) as db:
        return db.execute(
            "SELECT segment, COUNT(*) FROM aftersales_customerscore GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()


@pytest.mark.rule("A5")
def test_bench_compute_segments_200000_customers_1000000_orders(segments_database, tmp_path):
    env = segments_database
    today = amsterdam_today()
    with connect(DATABASE) as db:
        customers, orders, refunds = db.execute(
            "SELECT (SELECT COUNT(*) FROM aftersales_customer), (SELECT COUNT(*) FROM order_order), "
            "(SELECT COUNT(*) FROM returns_refund WHERE status = 'succeeded')"
        ).fetchone()
    load_before = os.getloadavg()[0]

    first = compute(env, today, tmp_path)
    with connect(DATABASE) as db:
        week = segment_history.write_week(db)
    week_later = compute(env, today + timedelta(days=7), tmp_path)

    print(
        f"\ncompute_segments on PostgreSQL: {customers + first['added']:,} customers "
        f"({first['added']:,} of them added by the run), {orders:,} orders (+{week:,} in the week after), "
        f"{refunds:,} refunds paid back; load average before {load_before:.1f}"
    )
    for name, run in (("first night", first), ("a week later", week_later)):
        print(
            f"  {name:<13} wall {run['seconds']:5.1f} s (computation {run['own']:5.1f} s), "
            f"command CPU {run['cpu_seconds']:4.1f} s, peak {run['peak_megabytes']:.0f} MB; "
            f"{run['changed']:,} segment changes written"
        )
    print("  segments: " + ", ".join(f"{segment} {count:,}" for segment, count in segment_counts()))
    print(first["printed"].strip())
    assert first["changed"] == customers + first["added"]  # everyone's first segment
    assert 0 < week_later["changed"] < first["changed"]
    assert first["own"] < TARGET_SECONDS, f"target {TARGET_SECONDS} s: {first['own']:.1f} s"
    assert week_later["own"] < TARGET_SECONDS, f"target {TARGET_SECONDS} s: {week_later['own']:.1f} s"


def segment_pages(env: dict) -> dict:
    """segment_pages.py's timings, as its own process on the benchmark's database."""
    script = Path(__file__).with_name("segment_pages.py")
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.rule("A5")
def test_bench_segment_pages_on_200000_scored_customers(segments_database):
    env = segments_database
    with connect(DATABASE) as db:
        scored = db.execute("SELECT COUNT(*) FROM aftersales_customerscore").fetchone()[0]
    if not scored:  # run alone: score them first
        subprocess.run(  # noqa: S603
            [sys.executable, str(settings.BASE_DIR / "manage.py"), "compute_segments"],
            env=env, check=True, capture_output=True, timeout=900,
        )  # fmt: skip
    load_before = os.getloadavg()[0]

    timings = segment_pages(env)

    print(
        f"\nsegment pages on PostgreSQL, {timings['customers']:,} customers in the largest segment "
        f"({timings['segment']}); best of 5, load average before {load_before:.1f}"
    )
    for name, ms in timings["pages_ms"].items():
        print(f"  {name:<45} {ms:7.0f} ms")
    print(f"  CSV export of all {timings['export_rows']:,} rows: {timings['export_seconds']:.1f} s")
    assert timings["export_rows"] == timings["customers"]
    slow = {name: ms for name, ms in timings["pages_ms"].items() if ms > PAGE_TARGET_MS}
    assert not slow, f"target {PAGE_TARGET_MS} ms: {slow}"
