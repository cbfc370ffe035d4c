"""django-dbbackup's connectors, taught to count the rows of exactly what they dump.

The manifest's row counts must describe the archive, not the live database a moment later
(the task worker and shoppers keep writing). So each connector counts inside the snapshot it
dumps: SQLite in the copy the online backup API made, PostgreSQL in a REPEATABLE READ
transaction whose snapshot `pg_dump --snapshot` shares. settings.DBBACKUP_CONNECTOR_MAPPING
selects them; a backup's `.metadata` names the connector that restores it.
"""

import contextlib
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from tempfile import SpooledTemporaryFile

from dbbackup import settings as dbbackup_settings
from dbbackup.db.postgresql import PgDumpBinaryConnector
from dbbackup.db.sqlite import SqliteBackupConnector
from django.db import transaction


def quoted(table: str) -> str:
    return '"' + table.replace('"', '""') + '"'


def count_rows(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quoted(table)}")  # noqa: S608 - quoted identifier
        counts[table] = cursor.fetchone()[0]
    return counts


def shop_tables(connection, existing) -> set[str]:
    """The tables of the project's models (every app's, managed ones) that exist in `existing`."""
    return set(connection.introspection.django_table_names(only_existing=False)) & set(existing)


class SqliteSnapshotConnector(SqliteBackupConnector):
    """SQLite: the online backup API copies the live file safely; rows are counted in the copy.
    A restore checks the file first and replaces the database (and its WAL) in one step."""

    row_counts: dict[str, int]

    def create_dump(self):
        self.connection.ensure_connection()
        with tempfile.TemporaryDirectory(dir=dbbackup_settings.TMP_DIR) as folder:
            path = Path(folder) / "copy.sqlite3"
            copy = sqlite3.connect(path)
            try:
                self.connection.connection.backup(copy)
                names = [
                    row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                ]
                self.row_counts = count_rows(copy.cursor(), shop_tables(self.connection, names))
            finally:
                copy.close()
            # Returned to django-dbbackup, which compresses it and closes it.
            dump = SpooledTemporaryFile(  # noqa: SIM115
                max_size=dbbackup_settings.TMP_FILE_MAX_SIZE, dir=dbbackup_settings.TMP_DIR
            )
            with open(path, "rb") as copied:
                shutil.copyfileobj(copied, dump)
        dump.seek(0)
        return dump

    def restore_dump(self, dump):
        target = Path(self.connection.settings_dict["NAME"])
        self.connection.close()
        incoming = target.with_name(target.name + ".restoring")
        try:
            with open(incoming, "wb") as file:
                shutil.copyfileobj(dump, file)
                file.flush()
                os.fsync(file.fileno())
            check_sqlite_file(incoming)
            # The old database's write-ahead log must not be replayed onto the restored file.
            for suffix in ("-wal", "-shm"):
                target.with_name(target.name + suffix).unlink(missing_ok=True)
            os.replace(incoming, target)
        finally:
            incoming.unlink(missing_ok=True)


def check_sqlite_file(path: Path):
    """sqlite3.DatabaseError unless `path` is a SQLite database that passes quick_check."""
    # immutable: read as a plain file, without the -shm/-wal files a WAL database would get.
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)) as database:
        (result,) = database.execute("PRAGMA quick_check").fetchone()
    if result != "ok":
        raise sqlite3.DatabaseError(f"{path.name} fails SQLite's quick_check: {result}")


class PgSnapshotConnector(PgDumpBinaryConnector):
    """PostgreSQL: `pg_dump -Fc` of an exported snapshot, counted in that same snapshot;
    `pg_restore --clean --if-exists --single-transaction` to restore (all or nothing)."""

    row_counts: dict[str, int]

    def create_dump(self):
        with transaction.atomic(using=self.database_name), self.connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            existing = self.connection.introspection.table_names(cursor)
            self.row_counts = count_rows(cursor, shop_tables(self.connection, existing))
            # pg_dump reads the snapshot this transaction exported; it must stay open meanwhile.
            self.dump_suffix = f"--snapshot={snapshot}"
            return super().create_dump()
