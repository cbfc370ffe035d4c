"""A7 in Chromium on a phone: a guest opens the link in the confirmation e-mail on a 375 px wide
screen, asks a question about the order with "Vraag over je bestelling" (first forgetting the
phone number WhatsApp needs), and gets the confirmation; the page never scrolls sideways. The
question is a task in the staff queue; After-sales staff find it there and answer it, and both
e-mails are in the order's communication log."""

from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model
from playwright.sync_api import expect

from aftersales.models import Question, Task
from commerce.order.guest_links import order_token
from commerce.shipping.countries import ensure_countries
from home.staff_groups import AFTER_SALES, ensure_staff_groups
from tests.commerce.fulfilment_support import paid_order
from tests.commerce.shop_support import filled_in_shop
from tests.e2e.test_admin_access import log_in
from tests.factories import ProductFactory, UserFactory

CommunicationEvent = get_model("order", "CommunicationEvent")

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def sideways_scroll(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.fixture
def guest_order(home_page):
    ensure_countries()  # live_server tests start from flushed tables
    shop = filled_in_shop()
    shop.whatsapp = "+31 6 1234 5678"
    shop.save()
    lamp = ProductFactory(
        title="Bureaulamp met een lange naam die op een telefoon moet passen", price=Decimal("30.25")
    )
    order = paid_order([(lamp, 2)], email="gast@example.nl")
    mail.outbox.clear()  # the order confirmation
    return order


@pytest.mark.rule("A7")
def test_a7_a_guest_asks_a_question_on_a_phone_and_staff_answer_it_from_the_queue(
    page, browser, live_server, guest_order
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/bestelling/{order_token(guest_order)}/")
    form = page.locator("#vraag")
    expect(form.get_by_role("heading", name="Vraag over je bestelling")).to_be_visible()
    expect(form.get_by_role("link", name="+31 6 1234 5678")).to_have_attribute(
        "href", "https://wa.me/31612345678"
    )
    assert sideways_scroll(page) == 0

    form.get_by_label("Waar gaat je vraag over?").select_option(label="Levering")
    form.get_by_label("Je vraag", exact=True).fill("Kan het pakket bij de buren?")
    form.get_by_label("WhatsApp").check()
    form.get_by_role("button", name="Vraag versturen").click()

    expect(page.locator("#vraag")).to_contain_text("Vul je telefoonnummer in")
    expect(page.locator("#vraag").get_by_label("Je vraag", exact=True)).to_have_value(
        "Kan het pakket bij de buren?"
    )
    assert sideways_scroll(page) == 0
    assert not Question.objects.exists()

    page.locator("#vraag").get_by_label("Je telefoonnummer").fill("06 23456789")
    page.locator("#vraag").get_by_role("button", name="Vraag versturen").click()

    expect(page.get_by_text("Je vraag is verstuurd. Je krijgt binnen één werkdag antwoord.")).to_be_visible()
    question = Question.objects.select_related("task").get()
    assert (question.subject, question.channel, question.phone) == ("delivery", "whatsapp", "+31623456789")
    assert question.task.kind == Task.Kind.QUESTION
    assert question.task.order == guest_order
    [confirmation] = mail.outbox
    assert confirmation.to == ["gast@example.nl"]
    assert guest_order.number in confirmation.subject
    assert CommunicationEvent.objects.filter(order=guest_order, event_type__code="QUESTION_RECEIVED").exists()

    # Staff, in their own browser: the question is in the queue; they answer it from its task.
    ensure_staff_groups()
    UserFactory(email="nazorg@example.nl", first_name="Anouk", groups=[AFTER_SALES])
    staff = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam").new_page()
    log_in(staff, live_server, "nazorg@example.nl")
    staff.goto(f"{live_server.url}/admin/aftersales/?kind=question")
    row = staff.locator("tbody tr", has_text=guest_order.number)
    expect(row).to_contain_text("Levering")
    row.get_by_role("link", name="Openen").click()
    expect(staff.locator("main")).to_contain_text("Kan het pakket bij de buren?")
    staff.get_by_label("Je antwoord").fill("Ja hoor, dat zetten we op de bon voor de bezorger.")
    staff.get_by_role("button", name="Antwoord versturen").click()
    expect(staff.locator(".messages")).to_be_visible()

    answer = mail.outbox[-1]
    assert answer.to == ["gast@example.nl"]
    assert "Ja hoor, dat zetten we op de bon" in answer.body
    assert CommunicationEvent.objects.filter(order=guest_order, event_type__code="QUESTION_ANSWERED").exists()
    staff.reload()
    expect(staff.locator("main")).to_contain_text(answer.subject)  # the log on the task page
    staff.context.close()
