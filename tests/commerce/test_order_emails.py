"""The order confirmation e-mail (issue 4 item 7; W5, W12, N2): real order, real templates.

Orders are placed through the real path (localstripe PaymentIntent -> place_order); the
confirmation is queued on commit by the order_placed receiver and sent by the task (immediate
backend in tests).
"""

import re
from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model

from commerce.catalogue.withdrawal_exceptions import WithdrawalException
from commerce.order.confirmation import exception_note
from commerce.order.emails import send_order_email
from commerce.order.guest_links import order_token
from commerce.payments.placement import place_order
from home.models import ReturnShippingPaidBy
from tests.factories import ProductClassFactory, ProductFactory, UserFactory
from tests.stripe_support import checkout_data, paid_checkout

CommunicationEvent = get_model("order", "CommunicationEvent")
Email = get_model("communication", "Email")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def public_address(settings):
    """Links in e-mails use SITE_URL (WAGTAILADMIN_BASE_URL): e-mails are sent outside requests."""
    settings.WAGTAILADMIN_BASE_URL = "http://testserver.winkelier"


@pytest.fixture
def shop(shop):
    """The shop of tests/commerce/conftest.py with a longer window (W2) and free returns (W11)."""
    shop.return_window_days = 30
    shop.return_shipping_paid_by = ReturnShippingPaidBy.SHOP
    shop.save()
    return shop


def place(items, django_capture_on_commit_callbacks, **checkout):
    payment, _intent = paid_checkout(items, user=checkout.pop("user", None), data=checkout_data(**checkout))
    with django_capture_on_commit_callbacks(execute=True):
        return place_order(payment.payment_intent_id).order


def text_of(message):
    """Text body with Babel's non-breaking spaces made plain, as a reader sees them."""
    return message.body.replace("\xa0", " ")


def html_of(message):
    return message.alternatives[0][0].replace("\xa0", " ")


@pytest.fixture
def mixed_order(stripe_api, shop, django_capture_on_commit_callbacks):
    """€ 30,00 at 21 %, 2 x € 12,50 chocolates at 9 % (W13 d), express delivery € 9,95 (21 %)."""
    lamp = ProductFactory(title="Bureaulamp Noor", price=Decimal("30.00"))
    chocolates = ProductFactory(
        title="Bonbons Puur", price=Decimal("12.50"), product_class=ProductClassFactory(perishable=True)
    )
    return place([(lamp, 1), (chocolates, 2)], django_capture_on_commit_callbacks, shipping_method="express")


@pytest.mark.rule("W5")
def test_w5_one_confirmation_is_sent_and_logged(mixed_order):
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sanne@example.test"]
    assert str(mixed_order.number) in message.subject
    assert message.alternatives[0][1] == "text/html"
    logged = Email.objects.get()
    assert (logged.email, logged.user, logged.subject) == ("sanne@example.test", None, message.subject)
    assert logged.body_text == message.body
    event = CommunicationEvent.objects.get(order=mixed_order)
    assert event.event_type.code == "ORDER_CONFIRMATION"


@pytest.mark.rule("N2")
def test_n2_lines_delivery_and_vat_per_rate(mixed_order):
    text = text_of(mail.outbox[0])
    assert "1 x Bureaulamp Noor — € 30,00 (21% btw)" in text
    assert "2 x Bonbons Puur — € 25,00 (9% btw)" in text
    assert "Verzending: Express (volgende werkdag) — € 9,95" in text
    assert "Totaal incl. btw: € 64,95" in text
    # 21 %: (30,00 + 9,95 delivery) -> 5,21 + 1,73; 9 %: 25,00 -> 2,06.
    assert "Btw 21%: € 6,94 (over € 33,01)" in text
    assert "Btw 9%: € 2,06 (over € 22,94)" in text
    assert "3511 AB" in text
    assert "Utrecht" in text
    assert "Sanne de Vries" in text
    html = html_of(mail.outbox[0])
    assert "€ 6,94" in html
    assert "€ 2,06" in html
    assert "Bureaulamp Noor" in html


@pytest.mark.rule("W5", "W12")
def test_w5_w12_withdrawal_policy_with_model_form_and_order_links(mixed_order, shop):
    text = text_of(mail.outbox[0])
    html = html_of(mail.outbox[0])
    # The shop's longer window (W2), no reason (W1), on time when sent (W3), refund incl.
    # standard delivery (W8), free return as set (W11), the chocolates' exception (W13 d).
    assert "binnen 30 dagen herroepen" in text
    assert "geen reden" in text
    assert "de dag na ontvangst van het laatste pakket" in text
    assert "standaardverzendkosten" in text
    assert "wij betalen de retourzending" in text
    assert "Bonbons Puur: (d) Bederfelijk of snel verouderend. Dit is bederfelijk: je hebt geen" in text
    assert "Bureaulamp Noor:" not in text
    assert "Overeenkomst hier herroepen" in text  # W18
    model_form = "http://testserver.winkelier/herroepen/modelformulier/"
    guest_page = f"http://testserver.winkelier/bestelling/{order_token(mixed_order)}/"
    returns_policy = "http://testserver.winkelier/retourbeleid/"
    assert model_form in text
    assert model_form in html
    assert f"Ons retourbeleid: {returns_policy}" in text
    assert f'href="{returns_policy}"' in html
    assert guest_page in text
    assert guest_page in html
    assert "hallo@winkelier.test" in text
    assert "Winkelier Utrecht" in mail.outbox[0].subject


@pytest.mark.rule("W11")
def test_w11_customer_pays_return_shipping_when_the_shop_says_so(
    stripe_api, shop, django_capture_on_commit_callbacks
):
    shop.return_shipping_paid_by = ReturnShippingPaidBy.CUSTOMER
    shop.return_shipping_cost = Decimal("6.95")
    shop.save()
    place([(ProductFactory(price=Decimal("20.00")), 1)], django_capture_on_commit_callbacks)
    text = text_of(mail.outbox[0])
    assert "directe kosten van het terugsturen" in text
    assert "€ 6,95" in text
    assert "wij betalen de retourzending" not in text


@pytest.mark.rule("N1")
def test_n1_english_confirmation_for_an_english_order(stripe_api, shop, django_capture_on_commit_callbacks):
    user = UserFactory(email="sam@example.test")
    order = place(
        [(ProductFactory(title="Desk lamp", price=Decimal("20.00")), 1)],
        django_capture_on_commit_callbacks,
        user=user,
        language="en",
    )
    message = mail.outbox[0]
    text = text_of(message)
    assert message.to == ["sam@example.test"]
    assert message.subject == f"Your order {order.number} at Winkelier Utrecht"
    assert "Total incl. VAT: €24.95" in text  # € 20,00 + standard delivery € 4,95
    assert "withdraw" in text.lower()
    assert "30 days" in text
    # A customer with an account gets the account order page, not a guest link.
    assert f"http://testserver.winkelier/accounts/orders/{order.number}/" in text
    assert "/bestelling/" not in text


@pytest.mark.rule("W5")
def test_w5_placing_twice_sends_one_confirmation(stripe_api, shop, django_capture_on_commit_callbacks):
    payment, _intent = paid_checkout([(ProductFactory(price=Decimal("20.00")), 1)])
    with django_capture_on_commit_callbacks(execute=True):
        first = place_order(payment.payment_intent_id)
    with django_capture_on_commit_callbacks(execute=True):
        second = place_order(payment.payment_intent_id)
    assert first.order.pk == second.order.pk
    assert len(mail.outbox) == 1
    assert CommunicationEvent.objects.filter(order=first.order).count() == 1


def test_send_order_email_attaches_files_and_logs_each_send(mixed_order):
    """The generic sender other order mails (the invoice) use: attachments go along."""
    send_order_email(
        mixed_order, "order_confirmation", attachments=[("factuur.pdf", b"%PDF-1.4", "application/pdf")]
    )
    message = mail.outbox[-1]
    assert message.attachments == [("factuur.pdf", b"%PDF-1.4", "application/pdf")]
    assert Email.objects.count() == 2
    assert CommunicationEvent.objects.filter(order=mixed_order).count() == 2


@pytest.mark.parametrize(
    ("exception", "still_possible"),
    [
        (WithdrawalException.SEALED_HYGIENE, "Je kunt herroepen zolang de verzegeling intact is"),
        (WithdrawalException.SEALED_MEDIA, "Je kunt herroepen zolang de verzegeling intact is"),
        (
            WithdrawalException.SERVICE_PERFORMED,
            "zodra de dienst volledig is uitgevoerd. Zonder die toestemming heb je gewoon 30 dagen",
        ),
        (
            WithdrawalException.DIGITAL_CONTENT,
            "zodra de levering is begonnen. Zonder die toestemming heb je gewoon 30 dagen",
        ),
        (WithdrawalException.PERSONALISED, "Kies je alleen uit vaste opties"),
        (WithdrawalException.PERISHABLE, "geen herroepingsrecht"),
    ],
)
@pytest.mark.rule("W13")
def test_w13_each_exception_says_what_the_customer_can_still_do(shop, exception, still_possible):
    note = exception_note(exception, shop)
    assert note.startswith(f"({exception.value})")
    assert still_possible in note


@pytest.mark.rule("W13")
def test_w13_a_service_bought_without_the_consent_keeps_the_normal_window(
    stripe_api, shop, django_capture_on_commit_callbacks
):
    services = ProductClassFactory(
        service=True, name="Installatie aan huis", withdrawal_exception=WithdrawalException.SERVICE_PERFORMED
    )
    installation = ProductFactory(
        title="Zonnepaneel installeren", price=Decimal("120.00"), product_class=services
    )
    place([(installation, 1)], django_capture_on_commit_callbacks)
    text = text_of(mail.outbox[0])
    assert (
        "Zonnepaneel installeren: (a) Dienst volledig uitgevoerd met uitdrukkelijke toestemming. "
        "Je hebt niet gevraagd om direct te beginnen, dus je hebt gewoon 30 dagen bedenktijd." in text
    )
    assert "Bestel je alleen een dienst, dan begint de bedenktijd op de dag na je bestelling." in text
    # The storefront says "je", never "u".
    assert re.search(r"\b(u|uw)\b", text, re.IGNORECASE) is None
