"""The segments in Chromium (A5; issue 13, item 2): an After-sales member goes from the admin's
After-sales menu to Segmenten, opens a segment, sees its customers and opens a customer's
profile with their segment, R/F/M scores and segment history. Under the staff
Content-Security-Policy."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from home.clock import amsterdam_today
from home.staff_groups import AFTER_SALES, ensure_staff_groups
from tests.aftersales.segment_support import Bought, orders
from tests.commerce.shop_support import filled_in_shop
from tests.e2e.test_admin_access import log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.rule("A5")]


def compute(day) -> None:
    call_command("compute_segments", "--today", day.isoformat(), stdout=io.StringIO())


@pytest.fixture
def scored_shop(home_page):
    """Sanne ordered 50 days ago and again 3 and 2 days ago; Piet once, 200 days ago. Scored 40
    days ago (Sanne R3 F1 of two customers: About to sleep; Piet Lost) and today (Sanne R3 F3:
    Need attention)."""
    ensure_staff_groups()  # live_server tests start from flushed tables
    filled_in_shop()
    today = amsterdam_today()
    orders(
        Bought("sanne@example.test", today - timedelta(days=50)),
        Bought("sanne@example.test", today - timedelta(days=3)),
        Bought("sanne@example.test", today - timedelta(days=2)),
        Bought("piet@example.test", today - timedelta(days=200)),
    )
    compute(today - timedelta(days=40))
    compute(today)


def test_a5_after_sales_opens_a_segment_and_a_customer_profile(live_server, page, scored_shop):
    UserFactory(email="nazorg@example.nl", first_name="Anouk", groups=[AFTER_SALES])
    log_in(page, live_server, "nazorg@example.nl")

    page.goto(live_server.url + "/admin/")
    page.get_by_role("button", name="After-sales").click()
    page.get_by_role("link", name="Segmenten").click()
    expect(page).to_have_url(live_server.url + "/admin/aftersales/segmenten/")

    table = page.locator("#segments")
    expect(table.locator("tbody tr").first).to_contain_text("Kampioenen")
    expect(table.locator("tbody tr").last).to_contain_text("Nog geen bestelling")
    need_attention = table.locator("tr[data-segment=need_attention]")
    expect(need_attention.locator("[data-customers]")).to_have_text("1")
    expect(need_attention.locator("[data-share]")).to_have_text("50,0 %")
    expect(need_attention.locator("[data-change]")).to_have_text("+1")

    need_attention.get_by_role("link", name="Aandacht nodig").click()
    customers = page.locator("#customers")
    expect(customers).to_contain_text("sanne@example.test")
    expect(customers).not_to_contain_text("piet@example.test")
    expect(page.locator("#export")).to_have_count(0)  # managers only

    customers.get_by_role("link", name="sanne@example.test").click()
    expect(page.locator("#segment-name")).to_have_text("Aandacht nodig")
    scores = page.locator("#rfm-scores")
    expect(scores).to_contain_text("3 — 2 dagen sinds de laatste bestelling")
    expect(scores).to_contain_text("3 — 3 bestellingen")
    expect(scores).to_contain_text("besteed (incl. btw, min terugbetalingen)")
    history = page.locator("#segment-history tbody tr")
    expect(history).to_have_count(2)
    expect(history.first).to_contain_text("Aandacht nodig")
    expect(history.last).to_contain_text("(eerste berekening)")
    expect(history.last).to_contain_text("Bijna ingeslapen")
