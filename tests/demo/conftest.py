"""The demo shop (`manage.py load_demo_shop`), loaded once for all of tests/demo.

`demo_shop` loads it twice (the second load proves idempotency) and asks for `--logins`, all
inside one transaction that is rolled back after the last test of this package: tests anywhere
else never see demo data and start from an empty catalogue, whatever order they run in. Every
test still runs in its own savepoint (pytest-django), so what one test changes is gone for the
next.
"""

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

HERE = Path(__file__).parent


def row_counts() -> dict[str, int]:
    """Rows in every table the project owns or uses (unmanaged views excluded)."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@dataclass
class DemoRun:
    first: dict[str, int]  # row counts after the first load
    second: dict[str, int]  # row counts after the second load
    output: str  # what the first load printed
    logins_output: str  # what `load_demo_shop --logins` printed


@pytest.fixture(scope="package")
def demo_shop(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock():
        before = row_counts()
        with override_settings(MEDIA_ROOT=str(media)), transaction.atomic():
            output, logins = io.StringIO(), io.StringIO()
            call_command("load_demo_shop", stdout=output)
            first = row_counts()
            call_command("load_demo_shop", stdout=io.StringIO())
            second = row_counts()
            call_command("load_demo_shop", "--logins", stdout=logins)
            yield DemoRun(first, second, output.getvalue(), logins.getvalue())
            transaction.set_rollback(True)
        after = row_counts()
    # Oscar and Wagtail cache category slugs and site roots by id; those rows are gone now.
    cache.clear()
    left = {label: (before[label], after[label]) for label in before if before[label] != after[label]}
    assert left == {}, f"the demo shop's rollback left rows behind (before, after): {left}"


@pytest.fixture(autouse=True)
def clear_cache():
    """A test's savepoint is rolled back; the cache entries it made must not outlive it."""
    cache.clear()
    yield
    cache.clear()


def pytest_collection_modifyitems(config, items):
    """Modules here that build their own data (no test in them uses `demo_shop`) run first: once
    loaded, the shop stays until the last test of this package."""
    slots = [index for index, item in enumerate(items) if HERE in item.path.parents]
    on_the_shop = {items[index].path for index in slots if "demo_shop" in items[index].fixturenames}
    ordered = sorted((items[index] for index in slots), key=lambda item: item.path in on_the_shop)
    for index, item in zip(slots, ordered, strict=True):
        items[index] = item
