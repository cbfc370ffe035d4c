"""The task page in Chromium (A3): After-sales staff type their own card text and the preview
shows it with the merge fields filled in while they type, then save it; under the staff
Content-Security-Policy (the preview's script is a static file of the site)."""

from datetime import date

import pytest
from playwright.sync_api import expect

from aftersales.customers import customer_for
from aftersales.models import MessageTemplate, Task, TierChoice
from home.staff_groups import AFTER_SALES, ensure_staff_groups
from tests.commerce.fulfilment_support import paid_order
from tests.commerce.shop_support import filled_in_shop
from tests.e2e.test_admin_access import log_in
from tests.factories import ProductFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.rule("A3")]


@pytest.fixture
def card_task(home_page, settings):
    settings.WINKELIER_HOLDOUT_SHARE = 0
    ensure_staff_groups()  # live_server tests start from flushed tables
    filled_in_shop()
    MessageTemplate.objects.update_or_create(
        tier=TierChoice.CARD, language="nl", defaults={"body": "{aanhef},\n\nDank je wel!"}
    )
    order = paid_order([(ProductFactory(title="Bureaulamp", num_in_stock=10), 1)])
    card = {"customer": customer_for(order), "tier": TierChoice.CARD, "status": Task.Status.OPEN}
    task, _created = Task.objects.update_or_create(
        order=order,
        kind=Task.Kind.THANK_YOU,
        defaults=card,
        create_defaults={**card, "due_on": date(2030, 1, 2)},
    )
    return task


def test_a3_the_card_preview_follows_the_text_as_it_is_typed_and_the_text_is_saved(
    live_server, page, card_task
):
    UserFactory(email="nazorg@example.nl", first_name="Anouk", groups=[AFTER_SALES])
    log_in(page, live_server, "nazorg@example.nl")

    page.goto(live_server.url + f"/admin/aftersales/taken/{card_task.pk}/")
    card = page.locator("[data-preview-output]")
    expect(card).to_contain_text("Beste Sanne,")

    page.locator("#id_message").fill("Hoi {voornaam}, veel plezier met {product}!")
    expect(card).to_have_text("Hoi Sanne, veel plezier met Bureaulamp!")
    page.locator("#id_message").fill("Hoi {naam}")
    expect(page.locator("[data-preview-error]")).to_have_text("Onbekende invulvelden: naam.")
    expect(card).to_have_text("Hoi Sanne, veel plezier met Bureaulamp!")  # the last good preview stays

    page.locator("#id_message").fill("Hoi {voornaam}, tot gauw!")
    expect(card).to_have_text("Hoi Sanne, tot gauw!")
    card_task.refresh_from_db()
    assert card_task.message == ""  # the preview saved nothing

    page.get_by_role("button", name="Tekst opslaan").click()
    expect(page.locator(".messages")).to_contain_text("De tekst van het kaartje is opgeslagen.")
    expect(card).to_have_text("Hoi Sanne, tot gauw!")
    card_task.refresh_from_db()
    assert card_task.message == "Hoi {voornaam}, tot gauw!"
    assert card_task.assignee.email == "nazorg@example.nl"
