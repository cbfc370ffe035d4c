"""Databases a restore writes into: a scratch one for verify_backup (a temporary SQLite file, or
a PostgreSQL database created and dropped), and the shop's own PostgreSQL database, created
empty when it is gone."""

import contextlib
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Any, cast

from dbbackup import settings as dbbackup_settings
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

SCRATCH_ALIAS = "backup_scratch"


@contextlib.contextmanager
def registered(alias: str, settings_dict: dict):
    """A database alias for django-dbbackup's dbrestore (which looks in settings.DATABASES) and
    for Django's connections, for the duration of the block."""
    connections.settings[alias] = cast(Any, settings_dict)
    settings.DATABASES[alias] = cast(Any, settings_dict)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        # connections.settings is usually settings.DATABASES itself.
        connections.settings.pop(alias, None)
        settings.DATABASES.pop(alias, None)


@contextlib.contextmanager
def scratch_database():
    """An empty database of the shop's kind, registered as SCRATCH_ALIAS; gone afterwards."""
    default = connections[DEFAULT_DB_ALIAS]
    if default.vendor == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="verify-backup-", dir=dbbackup_settings.TMP_DIR))
        try:
            with registered(
                SCRATCH_ALIAS, {**default.settings_dict, "NAME": str(folder / "scratch.sqlite3")}
            ):
                yield SCRATCH_ALIAS
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    elif default.vendor == "postgresql":
        name = f"{default.settings_dict['NAME']}_verify_{secrets.token_hex(4)}"[-63:]
        create_postgres_database(name)
        try:
            with registered(SCRATCH_ALIAS, {**default.settings_dict, "NAME": name}):
                yield SCRATCH_ALIAS
        finally:
            with connections[DEFAULT_DB_ALIAS]._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {default.ops.quote_name(name)} WITH (FORCE)")
    else:
        raise NotImplementedError(f"no scratch database for {default.vendor}")


def create_postgres_database(name: str):
    default = connections[DEFAULT_DB_ALIAS]
    with default._nodb_cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {default.ops.quote_name(name)}")


def ensure_database_exists() -> bool:
    """PostgreSQL: create the shop's database, empty, when it does not exist (a restore onto a
    new server). True when it was created. SQLite creates its file by itself."""
    default = connections[DEFAULT_DB_ALIAS]
    if default.vendor != "postgresql":
        return False
    try:
        default.ensure_connection()
    except OperationalError as error:
        if "does not exist" not in str(error):
            raise
        create_postgres_database(default.settings_dict["NAME"])
        return True
    finally:
        default.close()
    return False
