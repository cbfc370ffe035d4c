"""Media archives: django-dbbackup's mediabackup, noting each file's SHA-256 as it is archived,
and reading an archive's files back with their checksums (verify_backup)."""

import hashlib
import tarfile
from functools import partial

from dbbackup import utils
from dbbackup.management.commands import mediabackup


class HashingReader:
    """A file wrapper that hashes what tarfile reads from it."""

    def __init__(self, file):
        self.file = file
        self.hash = hashlib.sha256()

    def read(self, size=-1):
        chunk = self.file.read(size)
        self.hash.update(chunk)
        return chunk


class HashingMediaBackup(mediabackup.Command):
    """The library's mediabackup command; `checksums` holds {path: sha256} of what it archived."""

    checksums: dict[str, str]

    def _create_tar(self, name):
        """The library's _create_tar (mediabackup.py), with each file read through a HashingReader."""
        self.checksums = {}
        fileobj = utils.create_spooled_temporary_file()
        with tarfile.open(name=name, fileobj=fileobj, mode="w:gz" if self.compress else "w") as tar:
            for media_filename in sorted(self._explore_storage()):
                tarinfo = tarfile.TarInfo(media_filename)
                with self.media_storage.open(media_filename) as media_file:
                    tarinfo.size = media_file.size
                    reader = HashingReader(media_file)
                    tar.addfile(tarinfo, reader)
                self.checksums[media_filename] = reader.hash.hexdigest()
        return fileobj


def checksums_in_tar(fileobj) -> dict[str, str]:
    """{path: sha256} of every file in an uncompressed tar archive; tarfile.TarError when damaged."""
    found = {}
    with tarfile.open(fileobj=fileobj, mode="r:") as tar:
        for member in tar:
            extracted = tar.extractfile(member)
            if extracted is None:
                continue
            digest = hashlib.sha256()
            for chunk in iter(partial(extracted.read, 1 << 20), b""):
                digest.update(chunk)
            found[member.name] = digest.hexdigest()
    return found
