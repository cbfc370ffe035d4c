"""The embedded default as a real server for load tests and benchmarks.

A copy of the already migrated test database (SQLite's backup API: no second run of the
migrations), `load_demo_shop` into it, gunicorn `config.wsgi` (2 workers x 4 threads) on a
free port, served with the test settings (DEBUG off, plain static files storage: the embedded
default's manifest storage needs a collectstatic first). Import the fixtures into a module:
``from tests.embedded_server import demo_database, server  # noqa: F401``.
"""

import itertools
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

REQUEST_TIMEOUT = 20


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(argv, env, timeout):
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout)  # noqa: S603
    assert result.returncode == 0, f"{argv[2:]} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    return result


def copy_of_test_database(django_db_blocker, folder: Path) -> tuple[Path, dict]:
    """The migrated test database copied into ``folder`` (skipped unless it is SQLite), and the
    environment for `manage.py` and gunicorn subprocesses on the copy."""
    if connection.vendor != "sqlite":
        pytest.skip(f"the embedded default is SQLite; this run uses {connection.vendor}")
    path = folder / "shop.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{path}",
        "MEDIA_ROOT": str(folder / "media"),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("PYTEST_SQLITE_FILE", None)
    return path, env


@pytest.fixture(scope="module")
def demo_database(django_db_setup, django_db_blocker, tmp_path_factory):
    path, env = copy_of_test_database(django_db_blocker, tmp_path_factory.mktemp("load"))
    started = time.monotonic()
    run([sys.executable, str(settings.BASE_DIR / "manage.py"), "load_demo_shop", "-v0"], env, 600)
    print(f"\nload_demo_shop into a copy of the migrated test database: {time.monotonic() - started:.1f} s")
    return path, env


def start_gunicorn(env: dict, log_path: Path):
    """gunicorn `config.wsgi` (2 workers x 4 threads: two cores) on a free port, answering
    /healthz: (base URL, process, open log file). The caller kills the process, closes the log."""
    port = free_port()
    argv = [
        sys.executable, "-m", "gunicorn", "config.wsgi",
        "--bind", f"127.0.0.1:{port}",
        "--workers", "2", "--worker-class", "gthread", "--threads", "4",
        "--graceful-timeout", "20", "--no-control-socket", "--log-level", "warning",
    ]  # fmt: skip
    log = open(log_path, "w+")  # noqa: SIM115 - the caller closes it
    process = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=settings.BASE_DIR)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=5).close()  # noqa: S310
            return base, process, log
        except (urllib.error.URLError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log.seek(0)
                pytest.fail(f"gunicorn did not start:\n{log.read()[-4000:]}")
            time.sleep(0.3)


@pytest.fixture(scope="module")
def server(demo_database):
    path, env = demo_database
    base, process, log = start_gunicorn(env, path.parent / "gunicorn.log")
    yield base, process, path, log
    if process.poll() is None:
        process.kill()
    log.close()


def page_urls(path: Path, page_table: str, condition: str = "1") -> list[str]:
    """Site-relative URLs of the live pages of one page model (e.g. "cms_productpage"), those
    that meet ``condition`` (SQL on ``t``, the model's table)."""
    with sqlite3.connect(path) as db:
        rows = db.execute(
            f"SELECT p.url_path FROM wagtailcore_page p JOIN {page_table} t ON t.page_ptr_id = p.id "  # noqa: S608
            f"WHERE p.live AND ({condition}) ORDER BY p.id"
        ).fetchall()
    # url_path includes the home page's slug ("/home/producten/x/"); the site root is home.
    return ["/" + url.split("/", 2)[2] for (url,) in rows]


def hammer(base, urls, clients, seconds, must_contain=b"", requests=None):
    """``clients`` threads requesting ``urls`` round-robin for ``seconds``, or until ``requests``
    were sent if that comes first: (answered, errors, elapsed)."""
    lock = threading.Lock()
    done, errors = [0], []
    stop_at = time.monotonic() + seconds
    tickets = itertools.count()

    def client(offset):
        n = offset
        while time.monotonic() < stop_at and (requests is None or next(tickets) < requests):
            url = base + urls[n % len(urls)]
            n += clients
            try:
                with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:  # noqa: S310
                    body = response.read()
                    ok = response.status == 200 and must_contain in body
                    problem = None if ok else f"{response.status} without {must_contain!r}"
            except (urllib.error.URLError, OSError) as error:
                problem = repr(error)
            with lock:
                if problem:
                    errors.append((url, problem))
                else:
                    done[0] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + REQUEST_TIMEOUT + 5)
    return done[0], errors, time.monotonic() - started
