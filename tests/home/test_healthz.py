"""/healthz is what the load balancer and the operator look at: 200 with JSON when the shop
can serve, 503 when the database is gone, queued work is not being picked up or (at scale) no
backup was verified in the last 48 hours."""

from datetime import timedelta

import pytest
from django.db import connections
from django.db.utils import load_backend
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from home.models import BackupVerification

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task()
def send_thank_you_card():
    """A stand-in task: only its place in the queue matters here."""


@pytest.fixture
def db_task_backend(settings):
    settings.TASKS = DB_TASKS
    settings.HEALTHZ_MAX_TASK_AGE_SECONDS = 300


def enqueue_aged(seconds):
    result = send_thank_you_card.enqueue()
    DBTaskResult.objects.filter(id=result.id).update(enqueued_at=timezone.now() - timedelta(seconds=seconds))


@pytest.mark.django_db
def test_healthy_shop_answers_200_with_json(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["tasks"]["ok"] is True
    assert "no-cache" in response["Cache-Control"]


def get_with_unreachable_database(client, tmp_path, django_db_blocker, url):
    """A real failure: the default connection points at a database file in a directory that
    does not exist, so every query in the request (middleware included) fails to connect."""
    real = connections["default"]
    broken_settings = {**real.settings_dict, "NAME": str(tmp_path / "missing-dir" / "db.sqlite3")}
    broken = load_backend(broken_settings["ENGINE"]).DatabaseWrapper(broken_settings, "default")
    connections["default"] = broken
    try:
        with django_db_blocker.unblock():
            return client.get(url)
    finally:
        connections["default"] = real
        broken.close()


def test_unreachable_database_answers_503(client, tmp_path, django_db_blocker):
    response = get_with_unreachable_database(client, tmp_path, django_db_blocker, "/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["database"] == {"ok": False, "error": "OperationalError"}
    assert body["tasks"]["ok"] is False


@pytest.mark.django_db
def test_fresh_queued_task_is_healthy(client, db_task_backend):
    enqueue_aged(seconds=5)

    response = client.get("/healthz")

    assert response.status_code == 200
    tasks = response.json()["tasks"]
    assert tasks["backend"] == "django_tasks_db.DatabaseBackend"
    assert tasks["queued"] == 1
    assert 5 <= tasks["oldest_queued_age_seconds"] < 300


@pytest.mark.django_db
def test_stale_queued_task_answers_503_with_its_age(client, db_task_backend):
    """A task waiting longer than HEALTHZ_MAX_TASK_AGE_SECONDS means no worker takes work."""
    enqueue_aged(seconds=5)
    enqueue_aged(seconds=3600)

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["database"]["ok"] is True
    assert body["tasks"]["ok"] is False
    assert body["tasks"]["queued"] == 2
    assert 3600 <= body["tasks"]["oldest_queued_age_seconds"] < 3700


@pytest.mark.django_db
def test_livez_ignores_the_shared_task_queue(client, db_task_backend):
    """The load balancer's check: a stalled queue must not take every web machine out."""
    enqueue_aged(seconds=3600)
    assert client.get("/healthz").status_code == 503

    live = client.get("/livez")

    assert live.status_code == 200
    assert live.json() == {"status": "ok", "database": {"ok": True, "vendor": "sqlite"}}


def test_livez_answers_503_without_a_database(client, tmp_path, django_db_blocker):
    response = get_with_unreachable_database(client, tmp_path, django_db_blocker, "/livez")

    assert response.status_code == 503
    assert response.json()["database"] == {"ok": False, "error": "OperationalError"}


def verified_backup(hours_old):
    created = timezone.now() - timedelta(hours=hours_old)
    return BackupVerification.objects.create(
        backup_name=f"winkelier-{created:%Y-%m-%d-%H%M%S}Z",
        backup_created_at=created,
        tables=150,
        rows=18000,
        media_files=190,
    )


@pytest.mark.django_db
def test_embedded_shop_without_a_verified_backup_warns_but_stays_healthy(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    backups = response.json()["backups"]
    assert backups["ok"] is True
    assert backups["last_verified"] is None
    assert "no verified backup yet" in backups["warning"]


@pytest.mark.django_db
def test_healthz_reports_the_age_of_the_newest_verified_backup(client):
    verified_backup(hours_old=50)
    newest = verified_backup(hours_old=20)

    backups = client.get("/healthz").json()["backups"]

    assert backups["ok"] is True
    assert "warning" not in backups
    assert backups["last_verified"]["backup"] == newest.backup_name
    assert 20 <= backups["age_hours"] < 20.1


@pytest.mark.django_db
def test_a_backup_older_than_48_hours_is_a_warning_in_the_embedded_shop(client):
    verified_backup(hours_old=60)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["backups"]["warning"] == "the newest verified backup is 60 hours old (limit 48)"


@pytest.mark.django_db
@pytest.mark.parametrize("hours_old", [60, None])
def test_at_scale_a_backup_older_than_48_hours_or_none_answers_503(client, settings, hours_old):
    settings.HEALTHZ_BACKUP_REQUIRED = True  # what config.settings.production sets
    if hours_old is not None:
        verified_backup(hours_old)

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["backups"]["ok"] is False
    assert body["database"]["ok"] is True
    assert body["tasks"]["ok"] is True


@pytest.mark.django_db
def test_at_scale_a_fresh_verified_backup_is_healthy(client, settings):
    settings.HEALTHZ_BACKUP_REQUIRED = True
    verified_backup(hours_old=26)

    assert client.get("/healthz").status_code == 200
