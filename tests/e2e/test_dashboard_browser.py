"""The after-sales dashboard in Chromium (A8): a manager finds no figures yet, has them computed
with "Nu bijwerken", and sees the charts (inline SVG, under the staff Content-Security-Policy)
and the lift of thank-you cards with its 95 % interval and verdict."""

from datetime import datetime, time, timedelta

import pytest
from playwright.sync_api import expect

from aftersales.models import Task
from home.clock import AMSTERDAM, amsterdam_today
from home.staff_groups import AFTER_SALES_MANAGERS, ensure_staff_groups
from tests.aftersales.dashboard_support import orders
from tests.aftersales.task_support import task_for
from tests.commerce.shop_support import filled_in_shop
from tests.e2e.test_admin_access import log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.rule("A8")]


def days_ago(days: int) -> datetime:
    return datetime.combine(amsterdam_today() - timedelta(days=days), time(12), AMSTERDAM)


@pytest.fixture
def card_history(home_page):
    """Ten new customers whose first order got a card (seven ordered again within 90 days) and
    ten in the hold-out (two did), all with their first order 200 days ago."""
    ensure_staff_groups()  # live_server tests start from flushed tables
    filled_in_shop()
    placed = []
    for group, again in (("kaart", 7), ("controle", 2)):
        for n in range(10):
            placed.append((f"{group}{n}@example.test", days_ago(200)))
            if n < again:
                placed.append((f"{group}{n}@example.test", days_ago(170)))
    for order in orders(*placed):
        if order.date_placed == days_ago(200):
            sent = order.guest_email.startswith("kaart")
            status = Task.Status.SENT if sent else Task.Status.HELD_OUT
            task_for(order, status=status, due_on=order.date_placed.date(), sent_on=order.date_placed.date())


def test_a8_a_manager_computes_the_dashboard_and_reads_the_charts_and_the_card_lift(
    live_server, page, card_history
):
    UserFactory(email="femke@example.nl", first_name="Femke", groups=[AFTER_SALES_MANAGERS])
    log_in(page, live_server, "femke@example.nl")

    page.goto(live_server.url + "/admin/aftersales/dashboard/")
    expect(page.locator("main")).to_contain_text("Nog niet berekend.")
    page.get_by_role("button", name="Nu bijwerken").click()
    expect(page.locator(".messages")).to_contain_text("Laatste 12 maanden")

    charts = page.locator("svg.aftersales-chart__svg")
    expect(charts).to_have_count(4)
    expect(
        page.get_by_role("img", name="Herhaalaankopen binnen 90 dagen, naar maand van de eerste bestelling")
    ).to_be_visible()
    assert page.locator("#chart-repeat rect.aftersales-chart__bar").count() >= 1
    assert page.locator("#chart-tasks rect.aftersales-chart__bar").count() >= 1

    lift = page.locator("#card-lift")
    expect(lift).to_contain_text("70,0 % bestelde binnen 90 dagen opnieuw (7 van 10 klanten)")
    expect(lift).to_contain_text("20,0 % bestelde binnen 90 dagen opnieuw (2 van 10 klanten)")
    expect(page.locator("#card-lift-difference")).to_contain_text(
        "+50,0 procentpunt (95%-betrouwbaarheidsinterval +"
    )
    expect(page.locator("#card-lift-verdict")).to_have_text(
        "Kaartjes helpen: klanten die een bedankje kregen, bestellen vaker opnieuw dan de controlegroep."
    )
    expect(lift.locator("circle.aftersales-lift__point")).to_be_visible()
    expect(lift).to_contain_text("Newcombe")

    page.locator("#chart-repeat summary").click()
    expect(page.locator("#table-repeat")).to_be_visible()

    page.locator("#id_period").select_option("3m")
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator("main")).to_contain_text("Nog niet berekend.")
