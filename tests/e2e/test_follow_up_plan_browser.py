"""The follow-up plan's editor in Chromium (A6; issue 13, item 4): an After-sales member opens
After-sales → Opvolgplan, opens the review request, types a new subject and sees the e-mail of the
latest order change in Wagtail's live preview, in Dutch and in English; saving keeps it. Under the
staff Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from aftersales.models import FollowUpStep
from home.staff_groups import AFTER_SALES, ensure_staff_groups
from tests.aftersales.followup_support import delivered_order, shelf_product
from tests.e2e.test_admin_access import log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.rule("A6")]


@pytest.fixture
def review_step(home_page):
    """The plan's only step, a review request (live_server tests may start from flushed tables,
    without the migration's plan), and Sanne's delivered teapot, the order the preview shows."""
    ensure_staff_groups()
    delivered_order(shelf_product())
    FollowUpStep.objects.all().delete()
    return FollowUpStep.objects.create(
        kind="review",
        day=10,
        margin_days=4,
        marketing=True,
        subject_nl="Wat vind je van {product}?",
        body_nl="{aanhef},\n\nSchrijf een korte review.",
        subject_en="What do you think of {product}?",
        body_en="{aanhef},\n\nWrite a short review.",
    )


def test_a6_after_sales_edits_a_follow_up_email_and_sees_it_in_the_live_preview(
    live_server, page, review_step
):
    UserFactory(email="nazorg@example.nl", first_name="Anouk", groups=[AFTER_SALES])
    log_in(page, live_server, "nazorg@example.nl")

    page.goto(live_server.url + "/admin/")
    page.get_by_role("button", name="After-sales").click()
    page.get_by_role("link", name="Opvolgplan").click()
    page.get_by_role("link", name="Vraag om een review (dag 10)").click()
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("#preview-subject")).to_have_text("Wat vind je van Theepot?")

    # Wagtail starts watching the form for edits 2 s after the page loads (its w-unsaved
    # controller); an edit before that would count as the form's starting point.
    page.wait_for_timeout(2500)
    page.locator("#id_subject_nl").fill("Hoe bevalt {product}, {voornaam}?")
    expect(preview.locator("#preview-subject")).to_have_text("Hoe bevalt Theepot, Sanne?", timeout=10_000)
    page.locator("#id_preview_mode").select_option("en")
    expect(preview.locator("#preview-subject")).to_have_text("What do you think of Theepot?", timeout=10_000)

    page.get_by_role("button", name="Opslaan").first.click()
    expect(page.locator(".messages")).to_contain_text("bijgewerkt")
    review_step.refresh_from_db()
    assert review_step.subject_nl == "Hoe bevalt {product}, {voornaam}?"
