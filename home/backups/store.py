"""The backups in backup storage (STORAGES["dbbackup"]: BACKUP_DIR on disk, or S3): which exist,
their manifests, their checksums, and deleting what the retention policy lets go."""

import hashlib
from collections import defaultdict
from datetime import datetime

from dbbackup.storage import Storage, get_storage
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile

from home.backups import retention
from home.backups.manifest import BackupName, Manifest

CHUNK = 1 << 20


def storage() -> Storage:
    if "dbbackup" not in settings.STORAGES:
        raise ImproperlyConfigured('STORAGES["dbbackup"] is not set: backups would land in MEDIA_ROOT.')
    return get_storage()


def describe(backups: Storage) -> str:
    """Where the backups are: a folder, or s3://bucket/prefix."""
    inner = backups.storage
    if bucket := getattr(inner, "bucket_name", None):
        return f"s3://{bucket}/{getattr(inner, 'location', '')}".rstrip("/")
    return str(getattr(inner, "location", inner))


def files_by_backup(backups: Storage) -> dict[BackupName, list[str]]:
    """Every file in backup storage that belongs to a backup, grouped by backup."""
    groups: dict[BackupName, list[str]] = defaultdict(list)
    for filename in backups.list_directory():
        name = BackupName.parse(filename)
        if name is not None:
            groups[name].append(filename)
    return dict(groups)


def complete_backups(backups: Storage) -> list[BackupName]:
    """Backups with a manifest (written last), newest first."""
    return sorted(
        (name for name, files in files_by_backup(backups).items() if name.manifest_file in files),
        reverse=True,
    )


def find(backups: Storage, wanted: str | None) -> BackupName:
    """The newest complete backup, or the one named (its name or any of its files' names)."""
    complete = complete_backups(backups)
    if not complete:
        raise LookupError(f"There is no complete backup in {describe(backups)}.")
    if not wanted:
        return complete[0]
    filename = wanted.rsplit("/", 1)[-1]
    name = BackupName.parse(filename) or BackupName.parse(f"{filename}-manifest.json")
    if name is None or name not in complete:
        shown = ", ".join(str(backup) for backup in complete[:5])
        raise LookupError(f"No complete backup called {wanted!r}. The newest: {shown}.")
    return name


def read_manifest(backups: Storage, name: BackupName) -> Manifest:
    with backups.read_file(name.manifest_file) as file:
        return Manifest.from_json(file.read().decode())


def write_manifest(backups: Storage, manifest: Manifest):
    backups.write_file(ContentFile(manifest.to_json().encode()), manifest.name.manifest_file)


def size_and_sha256(backups: Storage, filename: str) -> tuple[int, str]:
    """Read a stored file back completely: its size and SHA-256."""
    digest, size = hashlib.sha256(), 0
    with backups.read_file(filename) as file:
        for chunk in iter(lambda: file.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def apply_retention(backups: Storage, policy: retention.Policy) -> list[BackupName]:
    """Delete the backups the policy does not keep, and incomplete ones older than the newest
    complete backup (left by a backup that failed half-way). Returns what was deleted."""
    groups = files_by_backup(backups)
    complete = complete_backups(backups)
    if not complete:
        return []
    keep = retention.to_keep([name.created_at for name in complete], policy)
    newest: datetime = complete[0].created_at
    deleted = []
    for name, files in sorted(groups.items()):
        if name.created_at in keep or (name not in complete and name.created_at >= newest):
            continue
        # The manifest goes first: a half-deleted backup is never taken for a complete one.
        for filename in sorted(files, key=lambda file: file != name.manifest_file):
            backups.delete_file(filename)
        deleted.append(name)
    return deleted
