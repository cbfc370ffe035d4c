"""Backups, as an operator runs them: the demo shop with an invoiced order is backed up, its
database and media are deleted, and `manage.py restore` brings back every table's rows, the
invoice PDF byte for byte and a shop that serves its pages; `verify_backup` passes on a good
backup and fails loudly on a damaged one. On SQLite (a copy of the migrated test database, as
tests/embedded_server.py makes) and on PostgreSQL (a copy of the test database, `postgres`).

Everything runs as `manage.py` processes against that copy, its own media folder and its own
backup folder: never against db.sqlite3, media/ or backups/ of a worktree.
"""

import itertools
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection, connections

from tests.embedded_server import demo_database, start_gunicorn  # noqa: F401 - fixture

# The tests work on copies of the test database (made by the fixtures), which pytest-django must
# create: hence the marker, although no test here touches the test database itself.
pytestmark = pytest.mark.django_db

# A dispatched order of two units of the first demo product that ships: the invoice is issued,
# its PDF archived after commit and e-mailed (test settings: tasks run at once).
PLACE_AN_ORDER = """
import itertools, json
from oscar.core.loading import get_model
from commerce.order import shipments
from commerce.order.guest_links import order_token
from tests.commerce import fulfilment_support
fulfilment_support._numbers = itertools.count(9_000_001)  # above the demo's order numbers
Product = get_model("catalogue", "Product")
product = (
    Product.objects.filter(structure="standalone", product_class__requires_shipping=True,
                           stockrecords__num_in_stock__gte=3, page__live=True)
    .order_by("pk").first()
)
order = fulfilment_support.paid_order([(product, 2)], email="backup@example.test")
lines = [(line, line.quantity) for line in order.lines.all()]
_shipment, invoice = shipments.dispatch(order, lines, "3SWINK01")
invoice.refresh_from_db()
print(json.dumps({"order": order.number, "token": order_token(order), "invoice": invoice.number,
                  "pdf": invoice.pdf.name}))
"""

# Rebuilt by `restore` (wagtail_update_index): the rebuild also indexes Wagtail's root page,
# which the migration that creates it never indexed. Compared as "nothing lost" instead.
REBUILT_SEARCH_INDEX = "wagtailsearch_indexentry"
# `restore` records itself as a verification of the backup it restored (for /healthz).
VERIFICATIONS = "home_backupverification"


def comparable(rows: dict[str, int]) -> dict[str, int]:
    return {table: count for table, count in rows.items() if not table.startswith(REBUILT_SEARCH_INDEX)}


@dataclass
class Shop:
    """One copy of the shop: its database, media and backup folders, and manage.py for it."""

    vendor: str
    database: str  # a SQLite path or a PostgreSQL URL
    folder: Path
    order: dict = field(default_factory=dict)

    @property
    def media(self) -> Path:
        return self.folder / "media"

    @property
    def env(self) -> dict:
        url = f"sqlite:///{self.database}" if self.vendor == "sqlite" else self.database
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": url,
            "MEDIA_ROOT": str(self.media),
            "BACKUP_DIR": str(self.folder / "backups"),
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("PYTEST_SQLITE_FILE", None)
        return env

    def manage(self, *args, env=None, check=True) -> subprocess.CompletedProcess:
        result = subprocess.run(  # noqa: S603 - our manage.py with fixed arguments
            [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
            env={**self.env, **(env or {})},
            cwd=settings.BASE_DIR,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check:
            assert result.returncode == 0, (
                f"{args[0]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
        return result

    def query(self, sql: str) -> list[tuple]:
        if self.vendor == "sqlite":
            with sqlite3.connect(self.database) as database:
                return database.execute(sql).fetchall()
        with psycopg.connect(self.database) as database:
            return database.execute(sql).fetchall()

    def row_counts(self) -> dict[str, int]:
        if self.vendor == "sqlite":
            tables = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        else:
            tables = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        return {
            table: self.query(f'SELECT COUNT(*) FROM "{table}"')[0][0]  # noqa: S608 - names from the catalogue
            for (table,) in self.query(tables)
        }

    def search_entries(self) -> set[tuple]:
        return set(self.query(f"SELECT content_type_id, object_id FROM {REBUILT_SEARCH_INDEX}"))  # noqa: S608

    def product_page_path(self) -> str:
        (url_path,) = self.query(
            "SELECT p.url_path FROM wagtailcore_page p JOIN cms_productpage t ON t.page_ptr_id = p.id "
            "WHERE p.live ORDER BY p.id LIMIT 1"
        )[0]
        return "/" + url_path.split("/", 2)[2]  # url_path starts with the home page's slug

    def archived_invoice(self) -> bytes:
        return (self.media / self.order["pdf"]).read_bytes()


def place_order(shop: Shop):
    result = shop.manage("shell", "--no-imports", "-c", PLACE_AN_ORDER)
    shop.order = json.loads(result.stdout.strip().splitlines()[-1])


def fetch(base: str, path: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310 - our test server
        return response.status, response.read()


def assert_restored_shop_serves_its_pages(shop: Shop, invoice_pdf: bytes):
    base, process, log = start_gunicorn(shop.env, shop.folder / "gunicorn.log")
    try:
        order_page = f"/bestelling/{shop.order['token']}/"
        for path in ("/", shop.product_page_path(), order_page):
            status, body = fetch(base, path)
            assert status == 200, path
        assert shop.order["order"].encode() in fetch(base, order_page)[1]
        status, downloaded = fetch(base, f"/facturen/{shop.order['invoice']}.pdf?t={shop.order['token']}")
        assert status == 200
        assert downloaded == invoice_pdf
        health = json.loads(fetch(base, "/healthz")[1])
        assert health["backups"]["last_verified"]["backup"].startswith("winkelier-")  # restore recorded it
    finally:
        process.kill()
        process.wait()
        log.close()


def assert_round_trip(shop: Shop, delete_database):
    """Back up, delete database and media, restore: the same shop."""
    if not shop.order:
        place_order(shop)
    rows, search_entries, invoice_pdf = shop.row_counts(), shop.search_entries(), shop.archived_invoice()
    shop.manage("backup")
    assert rows["invoices_invoice"] >= 1
    assert rows["order_order"] >= 1

    delete_database()
    shutil.rmtree(shop.media)
    started = time.monotonic()
    restored = shop.manage("restore", "--noinput")
    print(f"\nrestore ({shop.vendor}): {time.monotonic() - started:.1f} s")

    assert "as the manifest says" in restored.stdout
    after = shop.row_counts()
    assert comparable(after) == comparable({**rows, VERIFICATIONS: rows[VERIFICATIONS] + 1})
    assert shop.search_entries() >= search_entries
    assert shop.archived_invoice() == invoice_pdf
    assert_restored_shop_serves_its_pages(shop, invoice_pdf)


# -- SQLite: the embedded shop -----------------------------------------------------------------


@pytest.fixture(scope="module")
def sqlite_shop(demo_database):  # noqa: F811 - the fixture imported above
    path, _env = demo_database
    return Shop("sqlite", str(path), path.parent)


@pytest.fixture(scope="module")
def backed_up(sqlite_shop):
    """The demo shop with an invoiced order, backed up once for the tests that only read the backup."""
    started = time.monotonic()
    place_order(sqlite_shop)
    sqlite_shop.manage("backup")
    print(f"\norder and backup: {time.monotonic() - started:.1f} s")
    return sqlite_shop


def test_verify_backup_restores_the_newest_backup_into_a_scratch_database(backed_up):
    result = backed_up.manage("verify_backup")

    assert "verified in" in result.stdout
    assert "as the manifest says" in result.stdout
    ((name,),) = backed_up.query("SELECT backup_name FROM home_backupverification")
    (manifest,) = (backed_up.folder / "backups").glob("*-manifest.json")
    assert manifest.name == f"{name}-manifest.json"


def damage(path: Path, how: str):
    content = path.read_bytes()
    if how == "flipped bytes":
        middle = len(content) // 2
        flipped = bytes(255 - byte for byte in content[middle : middle + 16])
        path.write_bytes(content[:middle] + flipped + content[middle + 16 :])
    else:
        path.write_bytes(content[: len(content) // 2])


@pytest.mark.parametrize(
    ("part", "how", "reported"),
    [
        ("db", "flipped bytes", "does not restore: "),
        ("db", "truncated", "does not restore: EOFError: Compressed file ended"),
        ("media", "truncated", "does not unpack: EOFError: Compressed file ended"),
    ],
)
def test_verify_backup_fails_loudly_on_a_damaged_archive(backed_up, tmp_path, part, how, reported):
    copy = tmp_path / "backups"
    shutil.copytree(backed_up.folder / "backups", copy)
    (archive,) = copy.glob(f"*-{part}.*.gz")
    damage(archive, how)

    result = backed_up.manage("verify_backup", env={"BACKUP_DIR": str(copy)}, check=False)

    assert result.returncode == 1
    assert "FAILED verification" in result.stderr
    assert f"{archive.name}: " in result.stderr  # its size and checksum differ from the manifest's
    assert "the archive is damaged or was changed after the backup" in result.stderr
    assert f"{archive.name} {reported}" in result.stderr


def test_restore_refuses_a_damaged_backup_and_leaves_the_shop_alone(backed_up, tmp_path):
    copy = tmp_path / "backups"
    shutil.copytree(backed_up.folder / "backups", copy)
    (archive,) = copy.glob("*-media.tar.gz")
    damage(archive, "flipped bytes")
    rows = backed_up.row_counts()

    result = backed_up.manage("restore", "--noinput", env={"BACKUP_DIR": str(copy)}, check=False)

    assert result.returncode == 1
    assert "is damaged; nothing was restored" in result.stderr
    assert backed_up.row_counts() == rows


def test_restore_asks_first_and_refuses_without_a_terminal(backed_up):
    result = backed_up.manage("restore", check=False)

    assert result.returncode == 1
    assert "No terminal to ask for confirmation on: run it with --noinput" in result.stderr


def missing_tool(tool: str, package: str):
    """Skipped with the reason printed; a failure under CI=true, where make deps installs it."""
    reason = f"{tool} is missing: make deps installs Debian's {package} (as root)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def gnupg_home():
    """A GnuPG home with one key pair (passphrase "geheim") for encrypted backups."""
    if shutil.which("gpg") is None:
        missing_tool("gpg", "gnupg")
    home = Path(tempfile.mkdtemp(prefix="gpg-"))  # short: gpg-agent's socket path has a limit
    home.chmod(0o700)
    env = {**os.environ, "GNUPGHOME": str(home)}
    subprocess.run(  # noqa: S603
        ["gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "geheim",  # noqa: S607
         "--quick-gen-key", "Winkelier backups <backups@winkelier.test>",
         "future-default", "default", "never"],
        env=env, check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    yield home
    subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=env, check=False, timeout=30)  # noqa: S603, S607
    shutil.rmtree(home, ignore_errors=True)


def test_an_encrypted_backup_verifies_with_the_passphrase_only(backed_up, gnupg_home, tmp_path):
    gpg = {"GNUPGHOME": str(gnupg_home), "BACKUP_DIR": str(tmp_path / "encrypted")}
    backed_up.manage("backup", env={**gpg, "BACKUP_GPG_RECIPIENT": "backups@winkelier.test"})

    archives = sorted(path.name for path in (tmp_path / "encrypted").glob("*.gpg"))
    assert [name.split("-")[-1] for name in archives] == ["db.sqlite3.gz.gpg", "media.tar.gz.gpg"]
    assert not (tmp_path / "encrypted" / archives[0]).read_bytes().startswith(b"\x1f\x8b")  # not plain gzip

    refused = backed_up.manage("verify_backup", env=gpg, check=False)
    assert refused.returncode == 1
    assert "is encrypted: set BACKUP_GPG_PASSPHRASE" in refused.stderr

    verified = backed_up.manage("verify_backup", env={**gpg, "BACKUP_GPG_PASSPHRASE": "geheim"})
    assert "as the manifest says" in verified.stdout


def test_round_trip_on_sqlite(sqlite_shop):
    """Runs last: it replaces the shop the tests above read."""
    started = time.monotonic()

    def delete_database():
        for suffix in ("", "-wal", "-shm"):
            Path(sqlite_shop.database + suffix).unlink(missing_ok=True)

    assert_round_trip(sqlite_shop, delete_database)
    print(f"SQLite round trip (order, backup, delete, restore, pages): {time.monotonic() - started:.1f} s")


# -- PostgreSQL: the scale shape ---------------------------------------------------------------


def postgres_url(settings_dict: dict, name: str) -> str:
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{settings_dict['USER']}{password}@{settings_dict['HOST'] or 'localhost'}{port}/{name}"


_copies = itertools.count(1)


@pytest.fixture
def postgres_shop(django_db_setup, django_db_blocker, tmp_path):
    """A copy of the migrated PostgreSQL test database (CREATE DATABASE ... TEMPLATE) with the
    demo shop loaded into it; dropped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip(f"needs PostgreSQL; this run uses {connection.vendor}")
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        missing_tool("pg_dump or pg_restore", "postgresql-client-15")
    template = connection.settings_dict["NAME"]
    name = f"{template}_roundtrip_{os.getpid()}_{next(_copies)}"
    admin_url = postgres_url(connection.settings_dict, "postgres")
    with django_db_blocker.unblock():
        connections.close_all()  # a template must have no other sessions
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    shop = Shop("postgresql", postgres_url(connection.settings_dict, name), tmp_path)
    started = time.monotonic()
    shop.manage("load_demo_shop", "-v0")
    print(f"\nload_demo_shop on PostgreSQL: {time.monotonic() - started:.1f} s")
    yield shop
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # no transaction open on the template database
def test_round_trip_on_postgresql(postgres_shop):
    started = time.monotonic()
    database = postgres_shop.database.rsplit("/", 1)[1]
    admin_url = postgres_shop.database.rsplit("/", 1)[0] + "/postgres"

    def delete_database():
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')

    assert_round_trip(postgres_shop, delete_database)
    print(f"PostgreSQL round trip: {time.monotonic() - started:.1f} s")

    verified = postgres_shop.manage("verify_backup")  # into a scratch database, created and dropped
    assert "as the manifest says" in verified.stdout
    with psycopg.connect(admin_url) as admin:
        left = admin.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{database}_verify_%"]
        )
        assert left.fetchall() == []
