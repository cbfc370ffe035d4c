"""ACCEPTANCE (issue 11): a customer withdraws one line in Chromium, the shop takes it back and
refunds it at localstripe.

The customer logs in, buys a lamp and a mug with card 4242 (typed into localstripe's Stripe.js
stand-in, as in test_checkout_payment.py) and gets the parcel (dispatch and delivery through
commerce.order.shipments). On the account order page they press "Overeenkomst hier herroepen",
keep the lamp, leave the optional question open and confirm on the separate step. Then, in the
test: the acknowledgement in Oscar's communication log has the date and time, the return number
and the slip (its PDF read with pypdf), staff receive the mug as resellable, localstripe refunds
exactly its price, the credit note names the invoice, and the mug is back in stock.

live_server runs in a thread of this process and tasks run inline, so every e-mail and the
refund have happened when the call that caused them returns.
"""

import io
import re
from decimal import Decimal

import pypdf
import pytest
from django.core import mail
from django.utils import formats, timezone, translation
from oscar.core.loading import get_model
from playwright.sync_api import expect

from commerce.invoices import archive
from commerce.order import shipments
from commerce.returns import receiving
from commerce.returns.models import Refund, Return, State
from commerce.shipping.countries import ensure_countries
from tests.commerce.returns.returns_support import refunded_at_stripe
from tests.commerce.shop_support import filled_in_shop
from tests.e2e.test_checkout_payment import VISA, address_and_standard_delivery, type_card
from tests.e2e.test_shopper_flow import UNLABELLED_FIELDS
from tests.factories import PASSWORD, ProductFactory, UserFactory

Order = get_model("order", "Order")
Email = get_model("communication", "Email")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.browser

EMAIL = "sanne@example.nl"


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def shop(home_page):
    ensure_countries()  # live_server tests start from flushed tables
    filled_in_shop()
    return {
        "lamp": ProductFactory(title="Bureaulamp Lumen", price=Decimal("30.25"), num_in_stock=5),
        "mug": ProductFactory(title="Mok Kiezel", price=Decimal("12.50"), num_in_stock=5),
        "customer": UserFactory(email=EMAIL, first_name="Sanne", last_name="de Vries"),
    }


def log_in(page, base):
    page.goto(base + "/accounts/login/")
    page.fill("#id_login-username", EMAIL)
    page.fill("#id_login-password", PASSWORD)
    page.locator("button[name=login_submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def buy_with_card_4242(page, base, products):
    """Logged in: basket -> Dutch address -> standard delivery -> card 4242 -> thank-you."""
    for product in products:
        page.goto(base + product.get_absolute_url())
        page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto(base + "/checkout/")
    address_and_standard_delivery(page)
    type_card(page, VISA)
    page.click("#pay-button")
    expect(page).to_have_url(re.compile(r"/checkout/thank-you/$"))
    return Order.objects.get()


def deliver(order):
    """Staff dispatch everything in one parcel; the carrier delivers it today."""
    left = [(line, quantity) for line, quantity in shipments.left_to_ship(order).items() if quantity]
    shipment, invoice = shipments.dispatch(order, left, "3SWINKEL0001")
    shipments.record_delivery(shipment, timezone.localdate())
    return invoice


@pytest.mark.rule("W18", "W4", "W6", "W8", "W9", "W16", "W17")
def test_customer_withdraws_one_line_with_the_button_and_gets_exactly_its_price_back(
    live_server, shop, page, stripe_api
):
    base = live_server.url
    log_in(page, base)
    order = buy_with_card_4242(page, base, [shop["lamp"], shop["mug"]])
    assert order.user == shop["customer"]
    invoice = deliver(order)
    lamp_line, mug_line = order.lines.order_by("pk")
    assert mug_line.product == shop["mug"]

    # The account order page: the button, prominent in the page itself (the footer has one too).
    page.goto(base + f"/accounts/orders/{order.number}/")
    page.locator("main").get_by_role("link", name="Overeenkomst hier herroepen").click()

    # The form: everything is filled in; keep the lamp, leave the question open.
    expect(page.locator("h1")).to_have_text("Overeenkomst hier herroepen")
    expect(page.get_by_label("Je naam")).to_have_value("Sanne de Vries")
    expect(page.get_by_label("E-mailadres voor de bevestiging")).to_have_value(EMAIL)
    page.get_by_label(re.compile("Hoeveel “Bureaulamp Lumen” herroep je")).fill("0")
    expect(page.get_by_label(re.compile("Hoeveel “Mok Kiezel” herroep je"))).to_have_value("1")
    expect(page.get_by_role("radio", name="Zeg ik liever niet")).to_be_checked()
    assert page.evaluate(UNLABELLED_FIELDS) == []
    page.get_by_role("button", name="Verder naar bevestigen").click()

    # The separate confirmation step: nothing is withdrawn before this button.
    expect(page.locator(".withdrawal__chosen")).to_have_text("1 × Mok Kiezel")
    assert Return.objects.count() == 0
    page.get_by_role("button", name="Herroeping bevestigen").click()

    # The confirmation page.
    return_request = Return.objects.get()
    expect(page.locator("h1")).to_have_text(f"Herroeping {return_request.number}")
    expect(page.locator(".withdrawal__number")).to_have_text(return_request.number)
    expect(page.locator(".withdrawal__state")).to_have_text("Goedgekeurd")
    with translation.override("nl"):
        sent_at = formats.date_format(timezone.localtime(return_request.notice_at), "j F Y, H:i")
    expect(page.locator(".withdrawal__sent-at")).to_have_text(sent_at)
    expect(page.get_by_role("link", name="Retourbon (pdf)")).to_be_visible()
    assert return_request.state == State.AUTHORISED
    assert return_request.reason == ""
    assert [(line.order_line, line.quantity) for line in return_request.lines.all()] == [(mug_line, 1)]

    # The acknowledgement, as the communication log keeps it: date and time, number, the slip.
    logged = Email.objects.get(subject__contains=return_request.number)
    assert logged.email == EMAIL
    assert f"Verstuurd op: {sent_at}" in logged.body_text.replace("\xa0", " ")
    assert f"Retournummer: {return_request.number}" in logged.body_text
    slip_name = f"retourbon-{return_request.number}.pdf"
    assert f"Bijlagen: {slip_name}, modelformulier-herroeping.pdf" in logged.body_text
    [message] = [sent for sent in mail.outbox if sent.subject == logged.subject]
    attachments = {name: content for name, content, _type in message.attachments}
    slip = pdf_text(attachments[slip_name])
    assert return_request.number in slip
    assert "Mok Kiezel" in slip
    assert "Oudegracht 99" in slip
    assert "Modelformulier voor herroeping" in pdf_text(attachments["modelformulier-herroeping.pdf"])
    # The slip's link in the logged e-mail serves the same slip.
    slip_path = re.search(r"https?://[^/\s]+(/herroepen/\S+/retourbon\.pdf)", logged.body_text).group(1)
    served = page.request.get(base + slip_path)
    assert served.headers["content-type"] == "application/pdf"
    assert return_request.number in pdf_text(served.body())

    # Staff receive the mug as resellable: refunded at localstripe, credit note, stock back.
    mug_stock = StockRecord.objects.get(product=shop["mug"]).num_in_stock
    receiving.receive(return_request, {return_request.lines.get().pk: True}, UserFactory(is_staff=True))

    return_request.refresh_from_db()
    assert return_request.state == State.CLOSED
    refund = Refund.objects.get(return_request=return_request)
    assert refund.status == Refund.Status.SUCCEEDED
    assert refund.amount == Decimal("12.50")
    assert refunded_at_stripe(order) == [1250]  # exactly the mug: not the lamp, no delivery cost
    credit_note = refund.credit_notes.get()
    assert credit_note.credits == invoice
    credit_text = pdf_text(archive.pdf_bytes(credit_note))
    assert "Creditnota" in credit_text
    assert invoice.number in credit_text
    assert StockRecord.objects.get(product=shop["mug"]).num_in_stock == mug_stock + 1

    # The order page shows the return as it is now.
    page.goto(base + f"/accounts/orders/{order.number}/")
    expect(page.locator(".order-return__state")).to_have_text("Afgesloten")

    # The pages fit a 375 px phone without sideways scrolling.
    page.set_viewport_size({"width": 375, "height": 800})
    for path in (f"/accounts/orders/{order.number}/", f"/herroepen/{order.number}/", "/herroepen/"):
        page.goto(base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
