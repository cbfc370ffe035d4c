"""A6 in Chromium on a phone: a shopper signs up in the footer, confirms with the button behind
the link in the e-mail (double opt-in), gets a marketing e-mail and unsubscribes with its link;
the pages never scroll sideways."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from aftersales import marketing_mail
from aftersales.models import Customer
from tests.commerce.shop_support import filled_in_shop

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def sideways_scroll(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def path_in(message, pattern: str) -> str:
    return re.search(rf"https?://[^/\s]+({pattern})", message.body).group(1)


@pytest.mark.rule("A6")
def test_a6_sign_up_in_the_footer_confirm_by_e_mail_and_unsubscribe_on_a_phone(page, live_server, home_page):
    filled_in_shop()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")

    footer = page.locator("footer")
    footer.get_by_label("Je e-mailadres").fill("sanne@example.test")
    footer.get_by_role("button", name="Aanmelden").click()

    expect(page.get_by_role("heading", name="Kijk in je mailbox")).to_be_visible()
    assert sideways_scroll(page) == 0
    assert not Customer.objects.exists()
    [confirmation] = mail.outbox

    page.goto(live_server.url + path_in(confirmation, r"/nieuwsbrief/bevestigen/[^/\s]+/"))
    page.get_by_role("button", name="Aanmelding bevestigen").click()

    expect(page.get_by_role("heading", name="Je bent aangemeld")).to_be_visible()
    customer = Customer.objects.get(email="sanne@example.test")
    assert customer.marketing_consent is True

    assert marketing_mail.send(customer, marketing_mail.MESSAGE, {"subject": "Tips", "body": "Olie je teak."})
    page.goto(live_server.url + path_in(mail.outbox[-1], r"/afmelden/[^/\s]+/"))
    expect(page.get_by_text("Wil je geen nieuws, tips en aanbiedingen meer ontvangen")).to_be_visible()
    assert sideways_scroll(page) == 0
    page.get_by_role("button", name="Afmelden").click()

    expect(page.get_by_role("heading", name="Je bent afgemeld")).to_be_visible()
    customer.refresh_from_db()
    assert customer.marketing_consent is False
