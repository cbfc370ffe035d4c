"""Test settings: immediate tasks, fast hashing, in-memory e-mail, plain static storage."""

import atexit
import os
import secrets
import shutil
import tempfile
from pathlib import Path

from .base import env
from .dev import *  # noqa: F403

DEBUG = False
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "dbbackup": STORAGES["dbbackup"],  # noqa: F405
}

# -- Backups: no test writes into the worktree's media/ or backups/ -------------------------
# Issued invoices archive their PDF in default storage, so media and backups go to folders
# of this test process unless MEDIA_ROOT / BACKUP_DIR name one (subprocesses of a test do).
# The folder is created by the first file saved in it (importing these settings, as mypy's
# Django plugin does, leaves nothing behind) and removed when the process exits.
_scratch = Path(tempfile.gettempdir()) / f"winkelier-test-{os.getpid()}-{secrets.token_hex(4)}"
atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
if not env("MEDIA_ROOT"):
    MEDIA_ROOT = _scratch / "media"
if not env("BACKUP_DIR"):
    BACKUP_DIR = _scratch / "backups"
    STORAGES["dbbackup"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(BACKUP_DIR)},
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and env("PYTEST_SQLITE_FILE"):  # noqa: F405
    # `make test` names a file so the browser pass can reuse the migrated database
    # (--reuse-db) instead of running every migration again; ad-hoc runs stay in memory.
    DATABASES["default"]["TEST"] = {"NAME": env("PYTEST_SQLITE_FILE")}  # noqa: F405

# Tests don't run collectstatic: let whitenoise find files through the finders (with DEBUG off
# it would only look in STATIC_ROOT, which exists only after collectstatic).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# No background flush thread under pytest (it would hit pytest-django's database block);
# tests flush the view counts themselves.
WINKELIER_VIEW_COUNT_FLUSH_SECONDS = 0
