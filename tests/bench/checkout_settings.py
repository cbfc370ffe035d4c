"""Settings for the checkout benchmark's gunicorn: the test settings with the database task backend.

The order-placing request then only enqueues its side effects (confirmation e-mail, thank-you
task), as in production; a `db_worker` next to gunicorn runs them, so their cost still lands on
this machine's two cores. The immediate backend would run them inside the measured request.
"""

from config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
