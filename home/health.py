"""What /healthz reports: can we reach the database, is the task queue moving, and how old is
the newest backup that verify_backup restored successfully?"""

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from home.models import BackupVerification


def database_state() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def task_queue_state() -> dict:
    """Oldest task waiting to run; older than the limit means no worker is taking work."""
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db"):
        return {"ok": True, "backend": backend, "queued": 0, "oldest_queued_age_seconds": None}
    try:
        ready = DBTaskResult.objects.ready()
        queued = ready.count()
        oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    except DatabaseError as error:
        return {"ok": False, "backend": backend, "error": error.__class__.__name__}
    age = (timezone.now() - oldest).total_seconds() if oldest else None
    return {
        "ok": age is None or age <= settings.HEALTHZ_MAX_TASK_AGE_SECONDS,
        "backend": backend,
        "queued": queued,
        "oldest_queued_age_seconds": round(age, 1) if age is not None else None,
    }


def backup_state() -> dict:
    """The newest verified backup and its age. Older than HEALTHZ_MAX_BACKUP_AGE_HOURS, or none:
    not ok where HEALTHZ_BACKUP_REQUIRED (production), else ok with a warning."""
    try:
        latest = BackupVerification.objects.order_by("-backup_created_at").first()
    except DatabaseError as error:
        return {"ok": not settings.HEALTHZ_BACKUP_REQUIRED, "error": error.__class__.__name__}
    limit = settings.HEALTHZ_MAX_BACKUP_AGE_HOURS
    state: dict = {"max_age_hours": limit, "last_verified": None, "age_hours": None}
    if latest is None:
        problem = "no verified backup yet: run manage.py backup and manage.py verify_backup"
    else:
        age = (timezone.now() - latest.backup_created_at).total_seconds() / 3600
        state["last_verified"] = {
            "backup": latest.backup_name,
            "created_at": latest.backup_created_at.isoformat(),
            "verified_at": latest.verified_at.isoformat(),
        }
        state["age_hours"] = round(age, 1)
        problem = f"the newest verified backup is {age:.0f} hours old (limit {limit})" if age > limit else ""
    state["ok"] = not (problem and settings.HEALTHZ_BACKUP_REQUIRED)
    if problem:
        state["warning"] = problem
    return state
