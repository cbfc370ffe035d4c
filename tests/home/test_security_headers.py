"""The Content-Security-Policy per area, the CSP report endpoint and the cookie policy
(home/security.py; settings: the "Security" block of config/settings/base.py)."""

import json
import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from home.security import CookiePolicyMiddleware
from home.staff_groups import ORDER_MANAGERS
from tests.commerce.test_checkout_flow import to_payment_page
from tests.factories import ProductFactory

CSP = "Content-Security-Policy"


def policy(response) -> dict[str, list[str]]:
    assert CSP in response, f"no {CSP} header"
    directives = {}
    for part in response[CSP].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>", re.IGNORECASE)
DATA_TYPES = ('type="application/json"', 'type="application/ld+json"')


def inline_scripts_without(nonce: str, html: str) -> list[str]:
    """Inline <script> tags that the browser would run and that lack the response's nonce."""
    return [
        attrs
        for attrs in INLINE_SCRIPT.findall(html)
        if not any(data in attrs for data in DATA_TYPES) and f'nonce="{nonce}"' not in attrs
    ]


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/basket/", "/herroepen/modelformulier/"])
def test_storefront_pages_allow_only_own_scripts_and_inline_code_with_the_nonce(client, home, url):
    response = client.get(url)
    assert response.status_code == 200
    directives = policy(response)
    [nonce_source] = [source for source in directives["script-src"] if source.startswith("'nonce-")]
    assert directives["script-src"] == ["'self'", nonce_source]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["report-uri"] == ["/csp-report/"]
    assert "'unsafe-inline'" not in response[CSP]

    html = response.content.decode()
    assert inline_scripts_without(nonce_source[len("'nonce-") : -1], html) == []
    assert not re.search(r"<style|\sstyle=\"|\son[a-z]+=\"", html), "inline style or event handler"


def test_each_response_gets_its_own_nonce(client, home):
    first, second = (policy(client.get("/"))["script-src"][1] for _ in range(2))
    assert first != second


def test_only_the_payment_page_may_load_stripe(client, db, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:8420"  # localstripe, as in dev and tests
    payment_page = policy(to_payment_page(client, [(ProductFactory(), 1)]))
    for directive in ("script-src", "frame-src", "connect-src"):
        assert "http://127.0.0.1:8420" in payment_page[directive]
    assert "https://js.stripe.com" not in payment_page["script-src"]

    basket = policy(client.get(reverse("basket:summary")))
    assert "http://127.0.0.1:8420" not in basket["script-src"] + basket["connect-src"]


def test_with_real_stripe_the_payment_page_allows_stripe_js_its_frames_and_its_api(client, db, settings):
    settings.STRIPE_API_BASE = ""
    response = to_payment_page(client, [(ProductFactory(), 1)])
    assert '<script src="https://js.stripe.com/v3/">' in response.content.decode()
    directives = policy(response)
    assert "https://js.stripe.com" in directives["script-src"]
    assert {"https://js.stripe.com", "https://hooks.stripe.com"} <= set(directives["frame-src"])
    assert "https://api.stripe.com" in directives["connect-src"]
    assert not any("127.0.0.1" in source for sources in directives.values() for source in sources)


@pytest.fixture
def order_manager(db):
    user = get_user_model().objects.create_user(email="orders@winkelier.test", password="x")
    user.groups.add(Group.objects.get(name=ORDER_MANAGERS))
    return user


@pytest.mark.parametrize("url", ["/admin/", "/dashboard/"])
def test_staff_areas_get_the_staff_policy_with_their_inline_code(client, order_manager, url):
    client.force_login(order_manager)
    response = client.get(url)
    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["report-uri"] == ["/csp-report/"]


def test_the_admin_login_page_gets_the_staff_policy(client, db):
    assert "'unsafe-inline'" in policy(client.get("/admin/login/"))["script-src"]


# -- reports -------------------------------------------------------------------------------

REPORT = {
    "csp-report": {
        "document-uri": "https://www.winkelier.example/basket/",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "https://evil.example/x.js",
        "line-number": 12,
        "original-policy": "default-src 'self'",
    }
}


@pytest.fixture
def browser():
    """Browsers send reports without our CSRF token."""
    return Client(enforce_csrf_checks=True)


def post_report(browser, body, content_type="application/csp-report"):
    return browser.post("/csp-report/", body, content_type=content_type)


def test_a_violation_report_is_logged_and_answered_204(browser, caplog):
    with caplog.at_level(logging.WARNING, logger="winkelier.csp"):
        response = post_report(browser, json.dumps(REPORT))
    assert response.status_code == 204
    [record] = [record for record in caplog.records if record.name == "winkelier.csp"]
    logged = json.loads(record.getMessage().removeprefix("CSP violation: "))
    assert logged["blocked-uri"] == "https://evil.example/x.js"
    assert logged["document-uri"] == "https://www.winkelier.example/basket/"
    assert logged["line-number"] == "12"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("not json", 400),
        (b"\xff\xfe", 400),
        ("[]", 400),
        ('{"csp-report": "x"}', 400),
        ("[" * 5_000 + "]" * 5_000, 400),  # nested too deep for the parser
        (json.dumps({"csp-report": {"blocked-uri": "x" * 20_000}}), 413),
    ],
)
def test_anything_but_a_report_is_refused_with_4xx_and_nothing_logged(browser, caplog, body, status):
    with caplog.at_level(logging.WARNING, logger="winkelier.csp"):
        assert post_report(browser, body).status_code == status
    assert not [record for record in caplog.records if record.name == "winkelier.csp"]


def test_long_fields_are_cut_before_logging(browser, caplog):
    report = {"csp-report": {"blocked-uri": "https://x.example/" + "a" * 5000}}
    with caplog.at_level(logging.WARNING, logger="winkelier.csp"):
        assert post_report(browser, json.dumps(report)).status_code == 204
    assert len(caplog.records[-1].getMessage()) < 3000


def test_the_report_endpoint_only_takes_posts(browser):
    assert browser.get("/csp-report/").status_code == 405


# -- cookies -------------------------------------------------------------------------------


def response_with_cookie(**options):
    response = HttpResponse()
    response.set_cookie("oscar_open_basket", "1:abc", **options)
    return response


def test_a_cookie_set_without_samesite_gets_lax(settings):
    settings.WINKELIER_COOKIES_SECURE = False
    middleware = CookiePolicyMiddleware(lambda request: response_with_cookie(httponly=True))
    cookie = middleware(RequestFactory().get("/")).cookies["oscar_open_basket"]
    assert (cookie["samesite"], cookie["secure"], cookie["httponly"]) == ("Lax", "", True)


def test_in_production_every_cookie_is_secure_and_an_explicit_samesite_is_kept(settings):
    settings.WINKELIER_COOKIES_SECURE = True
    middleware = CookiePolicyMiddleware(lambda request: response_with_cookie(samesite="Strict"))
    cookie = middleware(RequestFactory().get("/")).cookies["oscar_open_basket"]
    assert (cookie["samesite"], cookie["secure"]) == ("Strict", True)
