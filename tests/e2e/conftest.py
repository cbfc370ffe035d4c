"""Playwright (sync API) driving Debian's Chromium against pytest-django's live_server.

No browser is downloaded: CHROMIUM_PATH (default /usr/bin/chromium) is launched directly.
`make test` installs Debian's chromium when it is missing and we are root.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from wagtail.models import Locale, Page, Site

from home.models import HomePage

# Playwright's sync API runs an event loop in the main thread, which makes Django refuse
# ORM calls from test code ("async context"); the calls really are synchronous here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",  # the sandbox cannot start as root or in most containers
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Nothing but the live server may be contacted: no update checks, sync or telemetry.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium_path():
    path = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    if not os.access(path, os.X_OK):
        reason = (
            f"no Chromium at {path}: install Debian's chromium (`apt-get install -y chromium`) "
            "or set CHROMIUM_PATH"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {reason}", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def csp_violations():
    """What the Content-Security-Policy blocked during the test: the browser's console
    messages about it and the reports it sent to /csp-report/. `page` fails the test on any."""
    return []


@pytest.fixture
def page(browser, csp_violations):
    """A fresh context per test (no cookies, Dutch browser), so tests cannot leak state.

    Every browser test also runs under the shop's Content-Security-Policy: anything it blocks
    (a script, a frame, a style, a connection) fails the test after it ran.
    """
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(15_000)
    page = context.new_page()

    def on_console(message):
        if "Content Security Policy" in message.text:
            csp_violations.append(f"console: {message.text}")

    def on_request(request):
        if request.url.endswith("/csp-report/"):
            csp_violations.append(f"report: {request.post_data}")

    page.on("console", on_console)
    context.on("request", on_request)
    yield page
    context.close()
    assert csp_violations == [], "the Content-Security-Policy blocked something:\n" + "\n".join(
        csp_violations
    )


@pytest.fixture
def home_page(transactional_db):
    """The site's HomePage as migration 0002 creates it, rebuilt when needed: live_server
    tests are transactional, so every test after the first starts from flushed tables."""

    home = HomePage.objects.first()
    if home is None:
        Locale.objects.get_or_create(language_code="nl")
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = root.add_child(
            instance=HomePage(title="Winkelier", slug="home", hero_heading="Welkom bij Winkelier")
        )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Winkelier"},
    )
    return home
