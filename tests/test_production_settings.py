"""The scale shape's settings: `check --deploy` passes with the documented variables set,
a missing secret stops start-up with a message naming it, and every cookie is Secure and
SameSite there."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import ProductFactory


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


def production_settings(tmp_path, *names, **env_overrides) -> dict:
    """The values of these settings as config.settings.production loads them."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}, default=str))"
    )
    result = manage(production_env(tmp_path, **env_overrides), "shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


COOKIE_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SAMESITE",
    "OSCAR_BASKET_COOKIE_SECURE",
    "OSCAR_RECENTLY_VIEWED_COOKIE_SECURE",
    "WINKELIER_COOKIES_SECURE",
    "WINKELIER_COOKIE_SAMESITE",
]


def cookies_of_a_visit(client) -> dict:
    """Every cookie the shop sets while a shopper looks around, picks a language, fills a
    basket and logs in: {name: morsel} of the last Set-Cookie per name."""
    get_user_model().objects.create_user(email="anna@voorbeeld.nl", password="appeltaart-2026")
    product = ProductFactory()
    responses = [
        client.get("/accounts/login/"),  # csrftoken
        client.post("/i18n/setlang/", {"language": "en", "next": "/"}),  # django_language
        client.get(product.get_absolute_url()),  # oscar_history (recently viewed)
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}),  # basket, messages
        client.post(
            "/accounts/login/",
            {"login-username": "anna@voorbeeld.nl", "login-password": "appeltaart-2026", "login_submit": "1"},
        ),  # sessionid
    ]
    return {name: morsel for response in responses for name, morsel in response.cookies.items()}


@pytest.mark.django_db
def test_every_cookie_is_secure_and_samesite_with_the_production_settings(tmp_path, settings, client):
    production = production_settings(tmp_path, *COOKIE_SETTINGS, "MIDDLEWARE")
    assert {name: value for name, value in production.items() if name.endswith("SECURE")} == {
        name: True for name in COOKIE_SETTINGS if name.endswith("SECURE")
    }
    assert {value for name, value in production.items() if name.endswith("SAMESITE")} == {"Lax"}
    assert production["MIDDLEWARE"][0] == "home.security.CookiePolicyMiddleware"

    for name in COOKIE_SETTINGS:
        setattr(settings, name, production[name])
    cookies = cookies_of_a_visit(client)

    assert set(cookies) >= {
        "csrftoken",
        "django_language",
        "oscar_history",
        "oscar_open_basket",
        "messages",
        "sessionid",
    }
    assert {name: (morsel["secure"], morsel["samesite"]) for name, morsel in cookies.items()} == {
        name: (True, "Lax") for name in cookies
    }


@pytest.mark.parametrize(
    ("bucket_env", "expected"),
    [
        ({}, ["'self'", "data:"]),
        (
            {"AWS_STORAGE_BUCKET_NAME": "winkelier-media", "AWS_S3_REGION_NAME": "eu-west-1"},
            [
                "'self'",
                "data:",
                "https://s3.amazonaws.com",
                "https://winkelier-media.s3.amazonaws.com",
                "https://s3.eu-west-1.amazonaws.com",
                "https://winkelier-media.s3.eu-west-1.amazonaws.com",
            ],
        ),
        (
            {"AWS_STORAGE_BUCKET_NAME": "winkelier-media", "AWS_S3_CUSTOM_DOMAIN": "media.winkelier.example"},
            ["'self'", "data:", "https://media.winkelier.example"],
        ),
    ],
)
def test_product_images_from_the_media_bucket_are_allowed_by_the_csp(tmp_path, bucket_env, expected):
    production = production_settings(tmp_path, "CONTENT_SECURITY_POLICY", **bucket_env)
    assert production["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == expected
