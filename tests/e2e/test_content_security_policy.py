"""The storefront's Content-Security-Policy in Chromium: a script injected into a page (what an
XSS would do) does not run, the browser reports it to /csp-report/ and the shop logs it."""

import logging

import pytest

pytestmark = pytest.mark.browser

INJECT = """() => {
    const script = document.createElement("script");
    script.textContent = "window.injected = true";
    document.body.appendChild(script);
}"""


def test_an_injected_inline_script_is_blocked_reported_and_logged(
    live_server, home_page, page, csp_violations, caplog
):
    page.goto(live_server.url + "/")
    with (
        caplog.at_level(logging.WARNING, logger="winkelier.csp"),
        page.expect_response(lambda response: response.url.endswith("/csp-report/")) as report,
    ):
        page.evaluate(INJECT)

    assert page.evaluate("window.injected") is None
    assert report.value.status == 204
    assert any(entry.startswith("console: ") for entry in csp_violations)
    [logged] = [record.getMessage() for record in caplog.records if record.name == "winkelier.csp"]
    assert '"effective-directive": "script-src-elem"' in logged
    csp_violations.clear()  # expected here; the page fixture fails on any other
