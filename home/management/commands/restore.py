"""`manage.py restore`: put the newest backup (or --backup NAME) back in place of the shop's
database and media. Stop the shop first (web, workers, scheduler); README "Backups and
restore" is the runbook.

In order: both archives are read back and must match the manifest (else nothing is touched);
the database is restored with django-dbbackup's dbrestore (SQLite: the file replaced in one
step, its old write-ahead log removed; PostgreSQL: pg_restore --clean in one transaction,
the database created first when it is gone) and its row counts are compared with the
manifest; the media files are restored with mediarestore; then migrations newer than the
backup run, Wagtail's reference and search indexes are rebuilt and the caches emptied.
"""

import sys
import time

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from home.backups import restoring, store
from home.backups.databases import ensure_database_exists
from home.backups.manifest import Manifest
from home.progress import Progress


def where_the_data_lives() -> str:
    database = connections[DEFAULT_DB_ALIAS].settings_dict
    media = getattr(default_storage, "bucket_name", None) or settings.MEDIA_ROOT
    return f"database {database['NAME']} and media in {media}"


class Command(BaseCommand):
    help = (
        "Restore the newest backup (or --backup NAME) over the shop's database and media, check it "
        "against its manifest, migrate, rebuild Wagtail's indexes and clear the caches. Stop the shop first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--backup", help="a backup's name, e.g. winkelier-2026-05-01-013000Z (default: newest)"
        )
        parser.add_argument("--list", action="store_true", help="list the complete backups and exit")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, **options):
        backups = store.storage()
        if options["list"]:
            self.list_backups(backups)
            return
        try:
            name = store.find(backups, options["backup"])
            manifest = store.read_manifest(backups, name)
        except (LookupError, OSError, ValueError, KeyError) as error:
            raise CommandError(f"Nothing to restore: {error}") from error
        vendor = connections[DEFAULT_DB_ALIAS].vendor
        if manifest.vendor != vendor:
            raise CommandError(f"{name} is a {manifest.vendor} backup; this shop's database is {vendor}.")
        secret = restoring.passphrase(manifest, options["interactive"])
        if options["interactive"]:
            self.confirm(manifest)
        self.restore(backups, manifest, secret, options["verbosity"])

    def list_backups(self, backups):
        complete = store.complete_backups(backups)
        self.stdout.write(f"{len(complete)} complete backups in {store.describe(backups)}, newest first:")
        for name in complete:
            local = timezone.localtime(name.created_at)
            self.stdout.write(f"  {name}   {local:%Y-%m-%d %H:%M %Z}")

    def confirm(self, manifest: Manifest):
        if not sys.stdin.isatty():
            raise CommandError(
                "No terminal to ask for confirmation on: run it with --noinput to restore anyway."
            )
        created = timezone.localtime(manifest.name.created_at)
        self.stdout.write(
            self.style.WARNING(
                f"This replaces the {where_the_data_lives()} with backup {manifest.name} of "
                f"{created:%Y-%m-%d %H:%M} ({len(manifest.tables)} tables, {manifest.rows} rows, "
                f"{len(manifest.media_files)} media files). Everything written since is lost; run "
                "`manage.py backup` first to keep it. Stop the shop (web, workers, scheduler) "
                "before going on."
            )
        )
        if input("Restore? Type yes to go on: ").strip().lower() != "yes":
            raise CommandError("Nothing restored.")

    def restore(self, backups, manifest: Manifest, secret: str | None, verbosity: int):
        started = time.monotonic()
        progress = Progress(self.stdout, verbosity)
        progress.stage(f"Checking both archives of {manifest.name} against its manifest")
        if damaged := restoring.damaged_archives(backups, manifest):
            listed = "\n".join(f"  - {problem}" for problem in damaged)
            raise CommandError(f"{manifest.name} is damaged; nothing was restored:\n{listed}")
        if ensure_database_exists():
            progress.write("    the database did not exist: created it, empty")
        progress.stage(f"Database ← {manifest.database.file}")
        restoring.restore_database(DEFAULT_DB_ALIAS, manifest, secret, verbosity)
        problems = restoring.restored_table_differences(DEFAULT_DB_ALIAS, manifest)
        progress.stage(f"Media ← {manifest.media.file}")
        restoring.restore_media(manifest, secret, verbosity)
        progress.stage("Migrating, rebuilding Wagtail's reference and search indexes, clearing caches")
        restoring.after_restore(self.stdout, verbosity)
        if problems:
            listed = "\n".join(f"  - {problem}" for problem in problems)
            raise CommandError(f"{manifest.name} was restored but does not match its manifest:\n{listed}")
        # Archives as recorded, every table as counted: as good as verify_backup's check (the
        # restored database's own record of verifications is the backup's, older).
        restoring.record_verification(manifest)
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {manifest.name} in {time.monotonic() - started:.1f} s: "
                f"{len(manifest.tables)} tables with {manifest.rows} rows and "
                f"{len(manifest.media_files)} media files, as the manifest says. Start the shop again "
                "(web processes too: their local caches still hold the old data)."
            )
        )
