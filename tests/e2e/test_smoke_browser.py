"""The browser plumbing works: Chromium loads the live server's home page, which is Dutch."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.rule("N1")
def test_home_page_is_dutch(live_server, home_page, page):
    response = page.goto(live_server.url + "/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "nl"
