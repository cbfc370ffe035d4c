"""A backup's name and manifest, and how a restored backup is compared with its manifest."""

import hashlib
import io
import tarfile
from datetime import UTC, datetime

import pytest

from home.backups.manifest import (
    Archive,
    BackupName,
    Manifest,
    archive_difference,
    file_differences,
    table_differences,
)
from home.backups.media import checksums_in_tar


def test_a_backups_files_share_its_name_and_lead_back_to_it():
    name = BackupName.at(datetime(2026, 5, 1, 3, 30, 12, 999, tzinfo=UTC))

    files = [
        name.database_file("sqlite3", encrypted=False),
        name.database_file("psql.bin", encrypted=True) + ".metadata",
        name.media_file(encrypted=False),
        name.manifest_file,
    ]

    assert files == [
        "winkelier-2026-05-01-033012Z-db.sqlite3.gz",
        "winkelier-2026-05-01-033012Z-db.psql.bin.gz.gpg.metadata",
        "winkelier-2026-05-01-033012Z-media.tar.gz",
        "winkelier-2026-05-01-033012Z-manifest.json",
    ]
    assert {BackupName.parse(file) for file in files} == {name}
    assert BackupName.parse("notes.txt") is None
    assert BackupName.parse("default-winkelier-2026-05-01-033012.psql") is None  # the library's own naming


def test_names_sort_by_time():
    older = BackupName.at(datetime(2026, 5, 1, 23, 0, tzinfo=UTC))
    newer = BackupName.at(datetime(2026, 5, 2, 1, 0, tzinfo=UTC))

    assert sorted([newer, older]) == [older, newer]


def test_the_manifest_reads_back_what_was_written():
    name = BackupName.at(datetime(2026, 5, 1, 3, 30, tzinfo=UTC))
    manifest = Manifest(
        name=name,
        vendor="sqlite",
        encrypted=False,
        database=Archive(name.database_file("sqlite3", False), 1234, "ab" * 32),
        tables={"order_order": 3, "catalogue_product": 40},
        media=Archive(name.media_file(False), 999, "cd" * 32),
        media_files={"original_images/lamp.jpg": "ef" * 32},
        migrations={"home": "0004_backup_verification"},
    )

    assert Manifest.from_json(manifest.to_json()) == manifest
    assert manifest.rows == 43
    with pytest.raises(ValueError, match="unknown manifest format"):
        Manifest.from_json('{"format": 99}')


def test_every_difference_in_rows_is_named():
    expected = {"order_order": 3, "order_line": 7, "catalogue_product": 40}
    found = {"order_order": 3, "order_line": 6}

    assert table_differences(expected, found) == [
        "table order_line: 7 rows in the manifest, 6 restored",
        "table catalogue_product: missing from the restored database",
    ]
    assert table_differences(expected, dict(expected)) == []


def test_every_difference_in_media_files_is_named():
    expected = {"a.jpg": "1" * 64, "b.jpg": "2" * 64, "c.jpg": "3" * 64}
    found = {"a.jpg": "1" * 64, "b.jpg": "9" * 64, "d.jpg": "4" * 64}

    assert file_differences(expected, found) == [
        "media file b.jpg: checksum differs from the manifest",
        "media file c.jpg: missing from the archive",
        "media file d.jpg: in the archive, not in the manifest",
    ]


def test_an_archive_with_other_bytes_is_named_damaged():
    recorded = Archive("winkelier-2026-05-01-033000Z-db.sqlite3.gz", 10, "a" * 64)

    assert archive_difference(recorded, 10, "a" * 64) is None
    message = archive_difference(recorded, 10, "b" * 64)
    assert message.startswith(
        "winkelier-2026-05-01-033000Z-db.sqlite3.gz: 10 bytes with SHA-256 bbbbbbbbbbbb"
    )
    assert "damaged" in message


def tar_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def test_media_checksums_are_read_from_the_archive_and_a_cut_archive_raises():
    files = {
        "original_images/lamp.jpg": b"\xff\xd8" + b"lamp" * 5000,
        "documents/voorwaarden.pdf": b"%PDF-1.4 ...",
    }
    archive = tar_of(files)

    assert checksums_in_tar(io.BytesIO(archive)) == {
        name: hashlib.sha256(content).hexdigest() for name, content in files.items()
    }
    with pytest.raises(tarfile.ReadError):
        checksums_in_tar(io.BytesIO(archive[:8000]))
