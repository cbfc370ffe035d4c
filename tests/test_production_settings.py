"""The scale shape's settings: `check --deploy` passes with the documented variables set,
and a missing secret stops start-up with a message naming it."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings


def production_env(tmp_path, **overrides):
    env = {
        # Only what a process needs to start; nothing from the developer's shell leaks in.
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "www.winkelier.example,winkelier.example",
        "SITE_URL": "https://www.winkelier.example",
        # check --deploy does not connect; SQLite keeps the test free of services.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/1",
        "DEFAULT_FROM_EMAIL": "winkel@winkelier.example",
        "EMAIL_HOST": "smtp.winkelier.example",
        "STRIPE_SECRET_KEY": "sk_live_placeholder",
        "STRIPE_PUBLISHABLE_KEY": "pk_live_placeholder",
        "STRIPE_WEBHOOK_SECRET": "whsec_placeholder",
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def manage(env, *args):
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_documented_variables(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_s3_bucket_moves_media_to_s3_and_still_passes_check_deploy(tmp_path):
    env = production_env(
        tmp_path,
        AWS_STORAGE_BUCKET_NAME="winkelier-media",
        AWS_S3_ENDPOINT_URL="https://s3.winkelier.example",
        AWS_S3_REGION_NAME="eu-west-1",
        AWS_ACCESS_KEY_ID="AKIAPLACEHOLDER",
        AWS_SECRET_ACCESS_KEY="placeholder",
    )
    check = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert check.returncode == 0, check.stdout + check.stderr

    storage = manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(type(s).__name__, s.bucket_name, s.endpoint_url)",
    )
    assert storage.returncode == 0, storage.stderr
    assert storage.stdout.split() == ["S3Storage", "winkelier-media", "https://s3.winkelier.example"]


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_missing_required_variable_is_named(tmp_path, missing):
    result = manage(production_env(tmp_path, **{missing: None}), "check")
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured:")
    assert missing in last_line


BACKUP_STORAGE = (
    "from django.conf import settings; from dbbackup.storage import get_storage; s = get_storage().storage;"
    "print(type(s).__name__, getattr(s, 'bucket_name', '-'), s.location, settings.HEALTHZ_BACKUP_REQUIRED)"
)


def test_backups_go_to_a_private_bucket_of_their_own_beside_s3_media(tmp_path):
    env = production_env(
        tmp_path,
        AWS_STORAGE_BUCKET_NAME="winkelier-media",
        AWS_S3_ENDPOINT_URL="https://s3.winkelier.example",
        BACKUP_S3_BUCKET="winkelier-backups",
        BACKUP_S3_PREFIX="nightly",
    )

    result = manage(env, "shell", "--no-imports", "-c", BACKUP_STORAGE)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "winkelier-backups", "nightly", "True"]


def test_without_a_backup_bucket_backups_stay_in_backup_dir(tmp_path):
    env = production_env(
        tmp_path, AWS_STORAGE_BUCKET_NAME="winkelier-media", BACKUP_DIR=str(tmp_path / "kept")
    )

    result = manage(env, "shell", "--no-imports", "-c", BACKUP_STORAGE)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["FileSystemStorage", "-", str(tmp_path / "kept"), "True"]
