"""The thank-you queue in Chromium (A3): After-sales staff claim a card task, write their own
text with the preview following as they type, print the card (the PDF read back: name,
postcode, message, the handwriting font embedded) and mark it sent with its cost; they cannot
reach the page editor or Oscar's order list. Under the staff Content-Security-Policy (the
preview's script is a static file of the site)."""

import io
import re
from datetime import date

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

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


def embedded_fonts(reader: PdfReader) -> set[str]:
    """The names of the TrueType fonts whose outlines the PDF carries (not merely names)."""
    fonts = (font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values())
    return {
        str(font["/BaseFont"]).lower()
        for font in fonts
        if "/FontDescriptor" in font and "/FontFile2" in font["/FontDescriptor"].get_object()
    }


def test_a3_after_sales_claims_writes_prints_and_sends_a_card(live_server, page, card_task, home_page):
    UserFactory(email="nazorg@example.nl", first_name="Anouk", groups=[AFTER_SALES])
    log_in(page, live_server, "nazorg@example.nl")

    page.goto(live_server.url + "/admin/aftersales/")
    row = page.locator("tbody tr", has_text=card_task.order.number)
    row.get_by_role("button", name="Op mij").click()
    expect(page.locator("tbody tr", has_text=card_task.order.number)).to_contain_text("Anouk")

    page.locator("tbody tr", has_text=card_task.order.number).get_by_role("link", name="Openen").click()
    page.locator("#id_message").fill("Hoi {voornaam}, veel plezier met {product}! Groet uit Utrecht.")
    preview = page.locator("[data-preview-output]")
    expect(preview).to_have_text("Hoi Sanne, veel plezier met Bureaulamp! Groet uit Utrecht.")
    page.get_by_role("button", name="Tekst opslaan").click()
    expect(page.locator(".messages")).to_contain_text("De tekst van het kaartje is opgeslagen.")

    page.goto(live_server.url + "/admin/aftersales/")
    page.get_by_label(f"Kaartje van bestelling {card_task.order.number} printen").check()
    page.locator("#print-layout").select_option("four_on_a4")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Gekozen kaartjes printen").click()
    reader = PdfReader(io.BytesIO(download_info.value.path().read_bytes()))
    text = " ".join(pdf_page.extract_text() for pdf_page in reader.pages)
    assert "Sanne de Vries" in text
    assert "3511 AB" in text
    assert "veel plezier met Bureaulamp" in text
    assert any(name.endswith("+femkeklaver") for name in embedded_fonts(reader)), embedded_fonts(reader)

    page.goto(live_server.url + "/admin/aftersales/?status=printed")
    expect(page.locator("tbody tr", has_text=card_task.order.number)).to_contain_text(
        "Geprint, nog niet verstuurd"
    )
    page.goto(live_server.url + f"/admin/aftersales/taken/{card_task.pk}/")
    page.get_by_label("Wat heb je verstuurd?").fill("Kaartje met eigen tekst")
    page.get_by_label("Kosten in € (incl. btw)").fill("1,45")
    page.get_by_role("button", name="Verstuurd", exact=True).click()
    expect(page.locator(".messages")).to_be_visible()

    card_task.refresh_from_db()
    assert (card_task.status, card_task.sent_what, str(card_task.cost)) == (
        "sent",
        "Kaartje met eigen tekst",
        "1.45",
    )
    page.goto(live_server.url + "/admin/aftersales/")
    expect(page.locator("main")).not_to_contain_text(card_task.order.number)

    # Only the queue: neither the page editor nor Oscar's order list.
    page.goto(live_server.url + f"/admin/pages/{home_page.pk}/edit/")
    expect(page.locator("form#page-edit-form")).to_have_count(0)
    response = page.goto(live_server.url + "/dashboard/orders/")
    assert response.status == 403 or not re.search(r"/dashboard/orders/$", page.url)
    expect(page.locator("form#orders_form")).to_have_count(0)
