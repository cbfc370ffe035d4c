"""`manage.py backup`: the database and the media, compressed (and encrypted when
BACKUP_GPG_RECIPIENT is set), with a manifest; then the retention policy.

Built on django-dbbackup's dbbackup and mediabackup commands (home/backups/ says how);
README "Backups and restore" is the operator's runbook.
"""

from dbbackup import settings as dbbackup_settings
from dbbackup.db.base import get_connector
from dbbackup.management.commands import dbbackup
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from home.backups import retention, store
from home.backups.manifest import Archive, BackupName, Manifest
from home.backups.media import HashingMediaBackup
from home.backups.restoring import library_verbosity
from home.progress import Progress


def megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def latest_migrations() -> dict[str, str]:
    """The newest migration applied per app: which code the backup belongs to."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connections[DEFAULT_DB_ALIAS]).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


class Command(BaseCommand):
    help = (
        "Back up the database and the media files into backup storage (BACKUP_DIR, or S3 at scale), "
        "compressed and, with BACKUP_GPG_RECIPIENT set, encrypted; write the manifest (row counts, "
        "checksums); then delete what the retention policy (7 daily, 4 weekly, 12 monthly) lets go."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-retention", action="store_true", help="keep every older backup this time (no deletions)"
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        progress = Progress(self.stdout, verbosity)
        backups = store.storage()
        name = BackupName.at(timezone.now())
        encrypted = bool(dbbackup_settings.GPG_RECIPIENT)
        progress.stage(
            f"Backup {name} into {store.describe(backups)}" + (" (encrypted with GPG)" if encrypted else "")
        )
        try:
            manifest = self.write_backup(backups, name, encrypted, progress, library_verbosity(verbosity))
        except Exception as error:
            self.discard(backups, name)
            raise CommandError(f"Backup {name} failed, nothing was kept: {error}") from error
        progress.stage(
            f"Backup {name} complete: {len(manifest.tables)} tables, {manifest.rows} rows "
            f"({megabytes(manifest.database.size)}), {len(manifest.media_files)} media files "
            f"({megabytes(manifest.media.size)})."
        )
        if not options["no_retention"]:
            deleted = store.apply_retention(backups, retention.Policy(**settings.BACKUP_RETENTION))
            kept = store.complete_backups(backups)
            progress.write(
                f"Retention: {len(kept)} backups kept, {len(deleted)} deleted"
                + (f" ({', '.join(map(str, deleted))})." if deleted else ".")
            )

    def write_backup(self, backups, name: BackupName, encrypted: bool, progress, verbosity: int) -> Manifest:
        extension = get_connector(DEFAULT_DB_ALIAS).extension
        database_file, media_file = name.database_file(extension, encrypted), name.media_file(encrypted)

        progress.stage(f"Database → {database_file}")
        database = dbbackup.Command()
        call_command(
            database, output_filename=database_file, compress=True, encrypt=encrypted, verbosity=verbosity
        )
        progress.stage(f"Media → {media_file}")
        media = HashingMediaBackup()
        # Unlike dbbackup, mediabackup adds ".gpg" to the name it is given when it encrypts.
        given = name.media_file(encrypted=False)
        call_command(media, output_filename=given, compress=True, encrypt=encrypted, verbosity=verbosity)
        if given != media_file and not backups.storage.exists(media_file):
            media_file = given  # a django-dbbackup that no longer adds it

        progress.stage("Reading both archives back for the manifest")
        manifest = Manifest(
            name=name,
            vendor=connections[DEFAULT_DB_ALIAS].vendor,
            encrypted=encrypted,
            database=Archive(database_file, *store.size_and_sha256(backups, database_file)),
            tables=database.connector.row_counts,
            media=Archive(media_file, *store.size_and_sha256(backups, media_file)),
            media_files=media.checksums,
            migrations=latest_migrations(),
        )
        store.write_manifest(backups, manifest)
        return manifest

    def discard(self, backups, name: BackupName):
        for filename in store.files_by_backup(backups).get(name, []):
            backups.delete_file(filename)
