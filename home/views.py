from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from home.health import backup_state, database_state, task_queue_state


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, queued tasks are being taken and (at scale) a recent
    backup was verified, else 503. The embedded shop only warns about an old backup."""
    database = database_state()
    unavailable = {"ok": False, "error": "database unavailable"}
    tasks = task_queue_state() if database["ok"] else unavailable
    backups = backup_state() if database["ok"] else unavailable
    healthy = database["ok"] and tasks["ok"] and backups["ok"]
    return JsonResponse(
        {
            "status": "ok" if healthy else "unhealthy",
            "database": database,
            "tasks": tasks,
            "backups": backups,
        },
        status=200 if healthy else 503,
    )


@never_cache
@require_GET
def livez(request):
    """Liveness for the load balancer: this process and its database only.

    The task queue is shared by every web machine, so a stalled queue must not take all
    of them out of the balancer at once; /healthz reports it for monitoring and alerts.
    """
    database = database_state()
    return JsonResponse(
        {"status": "ok" if database["ok"] else "unhealthy", "database": database},
        status=200 if database["ok"] else 503,
    )
