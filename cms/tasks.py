"""Background work of the content side: the daily licence reminders (domain.md S6)."""

from django_tasks import task

from cms.image_licence_reminders import send_licence_reminders
from home.clock import amsterdam_today


@task()
def send_image_licence_reminders() -> str:
    """The daily job: e-mail the editors about image licences running out (each reminder once)."""
    outcome = send_licence_reminders(amsterdam_today())
    if outcome.undelivered:
        raise RuntimeError(outcome.summary())  # the task shows as failed; the next run tries again
    return outcome.summary()
