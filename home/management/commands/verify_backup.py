"""`manage.py verify_backup`: restore the newest backup (or --backup NAME) into a scratch
database and check it against its manifest; record the success for /healthz.

Checks, all of which must pass: both archives have the size and SHA-256 the manifest recorded;
the database archive restores (django-dbbackup's dbrestore, into a temporary SQLite file or a
PostgreSQL database created and dropped for it) with the manifest's row count in every table;
the media archive unpacks with every file's SHA-256 as recorded. Anything else ends with a
non-zero exit and a message naming each problem; the live database and media are never touched.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from home.backups import restoring, store
from home.backups.databases import scratch_database
from home.backups.manifest import Manifest, file_differences
from home.progress import Progress


def failure(part: str, error: Exception) -> str:
    detail = " ".join(str(error).split())
    return f"{part}: {type(error).__name__}" + (f": {detail}" if detail else "")


class Command(BaseCommand):
    help = (
        "Restore the newest backup (or --backup NAME) into a scratch database, compare row counts and "
        "media checksums with its manifest, and record the verification; exit 1 naming every problem."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--backup", help="a backup's name, e.g. winkelier-2026-05-01-013000Z (default: newest)"
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        verbosity = options["verbosity"]
        progress = Progress(self.stdout, verbosity)
        backups = store.storage()
        try:
            name = store.find(backups, options["backup"])
            manifest = store.read_manifest(backups, name)
        except (LookupError, OSError, ValueError, KeyError) as error:
            raise CommandError(f"Nothing to verify: {error}") from error
        secret = restoring.passphrase(manifest, interactive=False)

        progress.stage(f"Verifying {name} (in {store.describe(backups)})")
        problems = restoring.damaged_archives(backups, manifest)
        progress.stage(f"Restoring {manifest.database.file} into a scratch database")
        problems += self.database_problems(manifest, secret, verbosity)
        progress.stage(f"Unpacking {manifest.media.file}")
        problems += self.media_problems(backups, manifest, secret)
        if problems:
            listed = "\n".join(f"  - {problem}" for problem in problems)
            raise CommandError(
                f"Backup {name} FAILED verification ({len(problems)} problems); do not rely on it:\n{listed}"
            )
        restoring.record_verification(manifest)
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup {name} verified in {time.monotonic() - started:.1f} s: "
                f"{len(manifest.tables)} tables with {manifest.rows} rows and "
                f"{len(manifest.media_files)} media files, as the manifest says."
            )
        )

    def database_problems(self, manifest: Manifest, secret: str | None, verbosity: int) -> list[str]:
        with scratch_database() as alias:
            try:
                restoring.restore_database(alias, manifest, secret, verbosity)
            except Exception as error:
                return [failure(f"{manifest.database.file} does not restore", error)]
            return restoring.restored_table_differences(alias, manifest)

    def media_problems(self, backups, manifest: Manifest, secret: str | None) -> list[str]:
        try:
            found = restoring.archived_media_checksums(backups, manifest, secret)
        except Exception as error:
            return [failure(f"{manifest.media.file} does not unpack", error)]
        return file_differences(manifest.media_files, found)
