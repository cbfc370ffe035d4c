"""The PostgreSQL server of the benchmarks and their template databases.

The server is ``BENCH_POSTGRES_URL`` (default postgres://postgres@127.0.0.1:5432/postgres); a
benchmark is skipped with the reason printed when it does not answer, or failed under CI=true.
A template database (migrated, perhaps more) carries a fingerprint of what it was built from
as its comment, so it is rebuilt only when a migration or a pinned package changed; each run
works on a fresh copy of it (about a second).
"""

import hashlib
import os
import sys
import time
import urllib.parse

import psycopg
import pytest
from django.conf import settings

from tests.embedded_server import run

SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
MIGRATIONS = ("*/migrations/*.py", "*/*/migrations/*.py", "requirements.txt")


def database_url(name: str) -> str:
    parts = urllib.parse.urlsplit(SERVER_URL)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def connect(name: str):
    return psycopg.connect(database_url(name), autocommit=True, connect_timeout=5)


def require_server(what: str) -> None:
    """Skip `what` (fail it under CI=true) when the server does not answer."""
    try:
        connect("postgres").close()
    except psycopg.OperationalError as error:
        reason = f"PostgreSQL at {SERVER_URL} is unreachable ({error}); start it or set BENCH_POSTGRES_URL"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {reason}", pytrace=False)
        print(f"\nSKIPPED {what}: {reason}")
        pytest.skip(reason)


def fingerprint_of(patterns=MIGRATIONS) -> str:
    """Changes whenever a file matching `patterns` (below the project) changes."""
    base = settings.BASE_DIR
    digest = hashlib.sha256()
    for path in sorted({path for pattern in patterns for path in base.glob(pattern) if path.is_file()}):
        digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def template_fingerprint(admin, template: str) -> str | None:
    row = admin.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", (template,)
    ).fetchone()
    return row[0] if row else None


def mark_built(admin, template: str, built_from: str) -> None:
    admin.execute(f"COMMENT ON DATABASE {template} IS '{built_from}'")


def migrated_template(admin, template: str, env: dict) -> None:
    """`template` migrated, built again only when a migration or requirements.txt changed."""
    built_from = fingerprint_of()
    if template_fingerprint(admin, template) == built_from:
        print(f"\n{template} is up to date ({built_from}): copying it")
        return
    admin.execute(f"DROP DATABASE IF EXISTS {template} WITH (FORCE)")
    admin.execute(f"CREATE DATABASE {template}")
    started = time.monotonic()
    manage = str(settings.BASE_DIR / "manage.py")
    run(
        [sys.executable, manage, "migrate", "--noinput", "-v0"],
        {**env, "DATABASE_URL": database_url(template)},
        900,
    )
    mark_built(admin, template, built_from)
    print(f"\nbuilt {template} ({built_from}): migrate {time.monotonic() - started:.1f} s")
