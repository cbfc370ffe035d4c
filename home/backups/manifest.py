"""What one backup is called and what it says it holds.

A backup is three files sharing one name, e.g. `winkelier-2026-05-01-013000Z` (its UTC
creation time):

- `<name>-db.sqlite3.gz` or `<name>-db.psql.bin.gz`: the database (SQLite's online backup API
  or `pg_dump -Fc`), gzip-compressed, `.gpg` added when encrypted; django-dbbackup writes a
  `<file>.metadata` beside it (engine and connector);
- `<name>-media.tar.gz`: every file of default storage (media), with `.gpg` likewise;
- `<name>-manifest.json`: written last, so a backup without one is incomplete. It records the
  row count of every table of the shop, as dumped, the SHA-256 of every media file, as
  archived, and the size and SHA-256 of both archives. `verify_backup` and `restore` compare
  what they restore with it.
"""

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

PREFIX = "winkelier"
STAMP_FORMAT = "%Y-%m-%d-%H%M%SZ"
FORMAT_VERSION = 1
NAME_PATTERN = re.compile(
    rf"^(?P<name>{PREFIX}-(?P<stamp>\d{{4}}-\d\d-\d\d-\d{{6}}Z))-(?P<part>db|media|manifest)"
)


@dataclass(frozen=True, order=True)
class BackupName:
    created_at: datetime  # aware, UTC, whole seconds

    @classmethod
    def at(cls, moment: datetime) -> "BackupName":
        return cls(moment.astimezone(UTC).replace(microsecond=0))

    @classmethod
    def parse(cls, filename: str) -> "BackupName | None":
        """The backup a file belongs to, or None for a file that is not part of one."""
        match = NAME_PATTERN.match(filename)
        if match is None:
            return None
        return cls(datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC))

    @property
    def name(self) -> str:
        return f"{PREFIX}-{self.created_at.strftime(STAMP_FORMAT)}"

    def database_file(self, extension: str, encrypted: bool) -> str:
        return f"{self.name}-db.{extension}.gz" + (".gpg" if encrypted else "")

    def media_file(self, encrypted: bool) -> str:
        return f"{self.name}-media.tar.gz" + (".gpg" if encrypted else "")

    @property
    def manifest_file(self) -> str:
        return f"{self.name}-manifest.json"

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Archive:
    file: str
    size: int
    sha256: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True)
class Manifest:
    name: BackupName
    vendor: str
    encrypted: bool
    database: Archive
    tables: dict[str, int]
    media: Archive
    media_files: dict[str, str]
    migrations: dict[str, str]

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT_VERSION,
                "name": self.name.name,
                "created_at": self.name.created_at.isoformat(),
                "vendor": self.vendor,
                "encrypted": self.encrypted,
                "database": {"archive": self.database.as_dict(), "tables": self.tables},
                "media": {"archive": self.media.as_dict(), "files": self.media_files},
                "migrations": self.migrations,
            },
            indent=1,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"unknown manifest format {data.get('format')!r}")
        return cls(
            name=BackupName(datetime.fromisoformat(data["created_at"])),
            vendor=data["vendor"],
            encrypted=data["encrypted"],
            database=Archive(**data["database"]["archive"]),
            tables=data["database"]["tables"],
            media=Archive(**data["media"]["archive"]),
            media_files=data["media"]["files"],
            migrations=data["migrations"],
        )

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def table_differences(expected: dict[str, int], found: dict[str, int]) -> list[str]:
    """What differs between the manifest's row counts and those of a restored database."""
    problems = [
        f"table {table}: {count} rows in the manifest, {found[table]} restored"
        for table, count in sorted(expected.items())
        if table in found and found[table] != count
    ]
    problems += [
        f"table {table}: missing from the restored database" for table in sorted(expected.keys() - found)
    ]
    return problems


def file_differences(expected: dict[str, str], found: dict[str, str]) -> list[str]:
    """What differs between the manifest's media checksums and those found in the archive."""
    problems = [
        f"media file {name}: checksum differs from the manifest"
        for name, checksum in sorted(expected.items())
        if name in found and found[name] != checksum
    ]
    problems += [f"media file {name}: missing from the archive" for name in sorted(expected.keys() - found)]
    problems += [
        f"media file {name}: in the archive, not in the manifest" for name in sorted(found.keys() - expected)
    ]
    return problems


def archive_difference(expected: Archive, size: int, sha256: str) -> str | None:
    if (size, sha256) == (expected.size, expected.sha256):
        return None
    return (
        f"{expected.file}: {size} bytes with SHA-256 {sha256[:12]}…, the manifest says {expected.size} "
        f"bytes with {expected.sha256[:12]}… (the archive is damaged or was changed after the backup)"
    )
