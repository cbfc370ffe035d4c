"""Suite-wide rules: tests marked `postgres` run on PostgreSQL or not at all.

`make test` runs them in their own pass with DATABASE_URL pointing at PostgreSQL, where
pytest-django creates `test_<name>`. Anywhere else they are skipped with the reason printed,
except under CI=true, where running them on the wrong database would hide a missing server.
"""

import os

import pytest
from django.conf import settings

from tests.stripe_support import localstripe_server, stripe_api  # noqa: F401 - fixtures for every test


def running_in_ci():
    return os.environ.get("CI", "").lower() == "true"


def database_description():
    database = settings.DATABASES["default"]
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    test_name = database.get("TEST", {}).get("NAME")
    if engine == "sqlite3":
        return f"sqlite3 {test_name or 'in memory'}"
    host = database.get("HOST") or "local socket"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"{engine} {test_name or 'test_' + database['NAME']} on {host}{port}"


def pytest_report_header(config):
    return f"database: {database_description()}"


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") is None:
        return
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    reason = (
        f"marked postgres but the database is {database_description()}; "
        "set DATABASE_URL=postgres://... or run `make test`"
    )
    if running_in_ci():
        pytest.fail(f"CI=true: {reason}", pytrace=False)
    pytest.skip(reason)
