"""Staff in Chromium: an editor sees the page tree in /admin/; After-sales cannot edit pages;
Oscar's dashboard works for staff. Each under the staff Content-Security-Policy (the `page`
fixture fails a test on anything the policy blocked)."""

import re

import pytest
from playwright.sync_api import expect

from cms.models import ContentPage
from home.staff_groups import AFTER_SALES, EDITORS, ensure_staff_groups
from tests.factories import PASSWORD, ProductFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def site_pages(home_page):
    about = home_page.add_child(instance=ContentPage(title="Over ons", slug="over-ons"))
    service = home_page.add_child(instance=ContentPage(title="Klantenservice", slug="klantenservice"))
    # Transactional tests flush the tables; the groups' page permissions hang on the root page,
    # so apply them again now the page tree is back (the same code runs after every migrate).
    ensure_staff_groups()
    return {"home": home_page, "children": [about, service]}


def log_in(page, live_server, email):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/admin/login/"))


def test_editor_logs_in_and_sees_the_page_tree(live_server, site_pages, page):
    UserFactory(email="redacteur@example.nl", groups=[EDITORS])
    home = site_pages["home"]

    log_in(page, live_server, "redacteur@example.nl")
    page.goto(live_server.url + "/admin/pages/")
    expect(page.locator("main")).to_contain_text(home.title)

    page.goto(live_server.url + f"/admin/pages/{home.pk}/")
    listing = page.locator("main table")
    for child in site_pages["children"]:
        expect(listing.get_by_role("link", name=child.title).first).to_be_visible()

    # An editor may also open the editor itself.
    page.goto(live_server.url + f"/admin/pages/{home.pk}/edit/")
    expect(page.locator("form#page-edit-form")).to_be_visible()


def test_after_sales_cannot_open_the_page_editor(live_server, site_pages, page):
    UserFactory(email="nazorg@example.nl", groups=[AFTER_SALES])
    home = site_pages["home"]

    log_in(page, live_server, "nazorg@example.nl")
    response = page.goto(live_server.url + f"/admin/pages/{home.pk}/edit/")

    denied = response.status == 403 or not re.search(r"/admin/pages/\d+/edit/$", page.url)
    assert denied, f"After-sales reached the page editor (HTTP {response.status} at {page.url})"
    expect(page.locator("form#page-edit-form")).to_have_count(0)
    # Turned away for lack of permission while logged in, not sent back to the login form.
    expect(page).not_to_have_url(re.compile(r"/admin/login/"))
    if response.status != 403:
        expect(page.locator(".messages")).to_be_visible()


def test_staff_work_in_oscars_dashboard(live_server, site_pages, page):
    """The dashboard's own scripts (its menus, the product editor's rich text and selects) run
    under the staff policy: a superuser opens the orders, the product list and a product."""
    UserFactory(email="beheer@example.nl", is_staff=True, is_superuser=True)
    product = ProductFactory(title="Luidspreker Aria")

    log_in(page, live_server, "beheer@example.nl")
    page.goto(live_server.url + "/dashboard/")
    expect(page.locator("#navbarSupportedContent, .navbar").first).to_be_visible()
    page.goto(live_server.url + "/dashboard/orders/")
    expect(page.locator("form#orders_form, .table").first).to_be_visible()
    page.goto(live_server.url + "/dashboard/catalogue/")
    expect(page.get_by_role("link", name="Luidspreker Aria").first).to_be_visible()
    page.goto(live_server.url + f"/dashboard/catalogue/products/{product.pk}/")
    expect(page.locator("#id_title")).to_have_value("Luidspreker Aria")
    # The description's rich-text editor (TinyMCE, from the dashboard's static files) started.
    expect(page.locator(".tox-tinymce").first).to_be_visible()
