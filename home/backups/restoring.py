"""Restoring one backup (the `restore` and `verify_backup` commands): its archives checked against
the manifest, the database through django-dbbackup's dbrestore into any database alias, the
media through mediarestore, and what has to happen after a restore."""

from dbbackup import utils
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from wagtail.models import Site

from home.backups import store
from home.backups.connectors import count_rows
from home.backups.manifest import Manifest, archive_difference, table_differences
from home.backups.media import checksums_in_tar
from home.models import BackupVerification


def passphrase(manifest: Manifest, interactive: bool) -> str | None:
    """The GPG passphrase for an encrypted backup; None lets the library ask on the terminal."""
    if not manifest.encrypted:
        return None
    if settings.BACKUP_GPG_PASSPHRASE:
        return settings.BACKUP_GPG_PASSPHRASE
    if not interactive:
        raise CommandError(
            f"{manifest.name} is encrypted: set BACKUP_GPG_PASSPHRASE (the passphrase of the secret key "
            "in this user's GnuPG keyring) or run the command on a terminal to be asked for it."
        )
    return None


def damaged_archives(backups, manifest: Manifest) -> list[str]:
    """Read both archives back completely and compare their size and SHA-256 with the manifest."""
    problems = []
    for archive in (manifest.database, manifest.media):
        try:
            size, sha256 = store.size_and_sha256(backups, archive.file)
        except OSError as error:
            problems.append(f"{archive.file}: cannot be read ({error})")
            continue
        if difference := archive_difference(archive, size, sha256):
            problems.append(difference)
    return problems


def library_verbosity(verbosity: int) -> int:
    """django-dbbackup logs every step at verbosity 1; ours prints a summary instead."""
    return max(0, verbosity - 1)


def restore_database(alias: str, manifest: Manifest, secret: str | None, verbosity: int):
    call_command(
        "dbrestore",
        database=alias,
        input_filename=manifest.database.file,
        uncompress=True,
        decrypt=manifest.encrypted,
        passphrase=secret,
        interactive=False,
        verbosity=library_verbosity(verbosity),
    )


def restored_table_differences(alias: str, manifest: Manifest) -> list[str]:
    """Row counts of the restored database against the manifest's."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        found = count_rows(cursor, existing & manifest.tables.keys())
    return table_differences(manifest.tables, found)


def archived_media_checksums(backups, manifest: Manifest, secret: str | None) -> dict[str, str]:
    """{path: sha256} of the files in the media archive: decrypted, uncompressed and read whole."""
    filename = manifest.media.file
    with backups.read_file(filename) as stored:
        archive = utils.create_spooled_temporary_file(fileobj=stored)
    if manifest.encrypted:
        archive, filename = utils.unencrypt_file(archive, filename, secret)
    uncompressed, _filename = utils.uncompress_file(archive, filename)
    uncompressed.seek(0)
    return checksums_in_tar(uncompressed)


def restore_media(manifest: Manifest, secret: str | None, verbosity: int):
    """Every file of the archive into default storage, replacing files of the same name (files
    added since the backup stay: nothing in the restored database refers to them)."""
    call_command(
        "mediarestore",
        input_filename=manifest.media.file,
        uncompress=True,
        decrypt=manifest.encrypted,
        passphrase=secret,
        replace=True,
        interactive=False,
        verbosity=library_verbosity(verbosity),
    )


def after_restore(stdout, verbosity: int):
    """Bring code and caches in line with the restored data: migrations newer than the backup,
    Wagtail's reference index and search index rebuilt, the site-root and every other cache
    emptied (each web process's local cache empties when it restarts)."""
    quiet = max(0, verbosity - 1)
    call_command("migrate", interactive=False, verbosity=quiet, stdout=stdout)
    call_command("rebuild_references_index", verbosity=quiet, stdout=stdout)
    call_command("wagtail_update_index", verbosity=quiet, stdout=stdout)
    Site.clear_site_root_paths_cache()
    for cache in caches.all(initialized_only=False):
        cache.clear()


def record_verification(manifest: Manifest) -> BackupVerification:
    """What /healthz reports: this backup was restored and matched its manifest."""
    return BackupVerification.objects.create(
        backup_name=manifest.name.name,
        backup_created_at=manifest.name.created_at,
        tables=len(manifest.tables),
        rows=manifest.rows,
        media_files=len(manifest.media_files),
    )
