"""What /healthz reports: can we reach the database, and is the task queue moving?"""

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


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
