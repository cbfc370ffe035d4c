"""Suite-wide rules: tests marked `postgres` run on PostgreSQL or not at all; `rule` markers
name known rules; `pytest --rules` lists the rules with their tests.

`make test` runs postgres tests in their own pass with DATABASE_URL pointing at PostgreSQL,
where pytest-django creates `test_<name>`. Anywhere else they are skipped with the reason
printed, except under CI=true, where running them on the wrong database would hide a missing
server.

`@pytest.mark.rule("W2")` says which rules of domain.md a test checks (tests/rules.py holds
their ids); an unknown id fails the module's collection. `pytest --rules` (`make rules`)
collects everything, runs nothing and needs no database: it prints each rule with its tests
and exits 1 when a built rule has none.
"""

import os

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

from commerce.analytics import view_counts
from commerce.recommendations import counting
from tests.rules import listing, rule_ids
from tests.stripe_support import localstripe_server, stripe_api  # noqa: F401 - fixtures for every test

RULE_LISTING = pytest.StashKey[tuple[list[str], list[str]]]()


@pytest.fixture
def default_site():
    """Transactional tests start from flushed tables: give the shop its site back (e-mails,
    invoices and working days read the default site's settings)."""
    if not Site.objects.filter(is_default_site=True).exists():
        Locale.objects.get_or_create(language_code="nl")
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True, site_name="Winkelier")


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files (images, documents) of this test go to its own folder."""
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture(autouse=True)
def shop_language_after_each_test():
    """A request in English leaves English active in the test's thread (the locale middleware
    activates, nothing deactivates): every test after it starts in the shop's own language."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def no_buffered_counts():
    """Counts kept in memory (product views, recommendation clicks) never outlive their test:
    they would be written to the next test's database, or at exit to none."""
    yield
    view_counts.buffer.discard()
    counting.buffer.discard()


@pytest.fixture
def home(db):
    """The default site's root page: the HomePage that migration home/0002 creates."""
    return Site.objects.get(is_default_site=True).root_page


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


# -- rule markers and `pytest --rules` -------------------------------------------------------


def pytest_addoption(parser):
    parser.addoption(
        "--rules",
        action="store_true",
        help="list every rule of tests/rules.py with the tests marked for it and run nothing; "
        "exit 1 when a built rule has no test (make rules)",
    )


@pytest.hookimpl(wrapper=True)
def pytest_pycollect_makeitem(collector, name, obj):
    """A `rule` marker with an unknown id (a typo) is a collection error of its module."""
    result = yield
    for item in result if isinstance(result, list) else [result]:
        if isinstance(item, pytest.Item):
            for marker in item.iter_markers("rule"):
                try:
                    rule_ids(marker)
                except ValueError as error:
                    raise collector.CollectError(f"{item.nodeid}: {error}") from None
    return result


def tests_by_rule(items):
    """{rule id: ["path::test (n cases) [postgres]", ...]}, one entry per test function."""
    cases = {}
    for item in items:
        ids = {rule_id for marker in item.iter_markers("rule") for rule_id in marker.args}
        if not ids:
            continue
        name = f"{item.parent.nodeid}::{getattr(item, 'originalname', item.name)}"
        tags = [mark for mark in ("postgres", "browser", "load") if item.get_closest_marker(mark)]
        if item.nodeid.startswith("tests/bench/"):
            tags.append("bench")
        entry = cases.setdefault(name, {"ids": set(), "cases": 0, "tags": tags})
        entry["ids"] |= ids
        entry["cases"] += 1
    tests_of = {}
    for name, entry in cases.items():
        shown = name
        if entry["cases"] > 1:
            shown += f" ({entry['cases']} cases)"
        if entry["tags"]:
            shown += f" [{', '.join(entry['tags'])}]"
        for rule_id in entry["ids"]:
            tests_of.setdefault(rule_id, []).append(shown)
    return tests_of


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    """--rules: note every collected test's rules (before -m deselects any), then run none."""
    if not config.getoption("rules"):
        return
    config.stash[RULE_LISTING] = listing(tests_by_rule(items))
    config.hook.pytest_deselected(items=list(items))
    items[:] = []


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if RULE_LISTING not in config.stash:
        return
    lines, _untested = config.stash[RULE_LISTING]
    terminalreporter.section("rules of domain.md (tests/rules.py) and their tests")
    if exitstatus != pytest.ExitCode.NO_TESTS_COLLECTED:
        terminalreporter.write_line("Collection failed (errors above): the listing below is incomplete.")
    for line in lines:
        terminalreporter.write_line(line, red=line.startswith("FAILED"))


def pytest_sessionfinish(session, exitstatus):
    """--rules ran no test on purpose: exit 0, or 1 when a built rule has no test."""
    if RULE_LISTING in session.config.stash and exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        _lines, untested = session.config.stash[RULE_LISTING]
        session.exitstatus = pytest.ExitCode.TESTS_FAILED if untested else pytest.ExitCode.OK
