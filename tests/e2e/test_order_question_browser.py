"""A7 in Chromium on a phone: a guest opens the link in the confirmation e-mail on a 375 px wide
screen, asks a question about the order with "Vraag over je bestelling" (first forgetting the
phone number WhatsApp needs), and gets the confirmation; the page never scrolls sideways. The
question is a task in the staff queue and the confirmation e-mail is in the order's log."""

from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model
from playwright.sync_api import expect

from aftersales.models import Question, Task
from commerce.order.guest_links import order_token
from commerce.shipping.countries import ensure_countries
from tests.commerce.fulfilment_support import paid_order
from tests.commerce.shop_support import filled_in_shop
from tests.factories import ProductFactory

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
def test_a7_a_guest_asks_a_question_on_a_phone_from_the_order_link(page, live_server, guest_order):
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
