"""A6 consent (issue 13 item 3): every statement kept with when and where, the current state on
the customer kept in step (aftersales/consent.py); the checkout's box, never ticked beforehand
and recorded only when ticked, through the real checkout; the account's setting; transactional
e-mail never held back by it."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from aftersales import consent
from aftersales.models import Consent, Customer
from commerce.payments import gateway
from commerce.payments.models import CheckoutPayment
from tests.commerce.test_checkout_flow import pay_by_card, to_payment_page
from tests.factories import ProductFactory, UserFactory
from tests.stripe_support import confirm_with_card, post_event, stripe_event

Order = get_model("order", "Order")
Source = Consent.Source

pytestmark = pytest.mark.django_db

SANNE = "sanne@example.test"
CHECKOUT_BOX = "Ja, stuur me af en toe nieuws, tips en aanbiedingen per e-mail. Afmelden kan altijd."


def statements(customer) -> list[tuple[bool, str]]:
    return [(statement.given, statement.source) for statement in customer.consents.order_by("at", "pk")]


# --- the history and the current state ----------------------------------------------------------


@pytest.mark.rule("A6")
def test_a6_every_statement_is_kept_and_the_latest_is_the_customers_state():
    given = consent.record(" Sanne@Example.test", True, Source.NEWSLETTER)
    customer = Customer.objects.get()
    assert customer.email == SANNE  # one customer per address, however it was typed
    assert (customer.marketing_consent, customer.consent_changed_at) == (True, given.at)

    withdrawn = consent.record(SANNE, False, Source.UNSUBSCRIBE_LINK)

    customer.refresh_from_db()
    assert (customer.marketing_consent, customer.consent_changed_at) == (False, withdrawn.at)
    assert statements(customer) == [(True, Source.NEWSLETTER), (False, Source.UNSUBSCRIBE_LINK)]
    assert Customer.objects.count() == 1


@pytest.mark.rule("A6")
def test_a6_an_earlier_statement_recorded_late_does_not_overrule_a_later_one():
    customer = consent.record(SANNE, False, Source.UNSUBSCRIBE_LINK).customer
    # The checkout's consent, given an hour before the unsubscribe, recorded only now.
    consent.record(customer, True, Source.CHECKOUT, at=timezone.now() - timedelta(hours=1))

    customer.refresh_from_db()
    assert customer.marketing_consent is False
    assert statements(customer) == [(True, Source.CHECKOUT), (False, Source.UNSUBSCRIBE_LINK)]


@pytest.mark.rule("A6")
def test_a6_has_consent_reads_the_current_state_not_an_old_copy():
    copy_from_before = consent.record(SANNE, True, Source.NEWSLETTER).customer
    assert consent.has_consent(copy_from_before)

    consent.record(SANNE, False, Source.STAFF)

    assert copy_from_before.marketing_consent is True
    assert not consent.has_consent(copy_from_before)


# --- the checkout's box -------------------------------------------------------------------------


def marketing_box(page: str) -> str:
    return re.search(r'<input[^>]*name="marketing_consent"[^>]*>', page).group(0)


def start_paying(client, **fields) -> str:
    started = client.post(reverse("checkout-pay"), {"method": "card", **fields})
    assert started.status_code == 200, started.content
    confirm_with_card(started.json()["payment_intent"])
    return started.json()["payment_intent"]


@pytest.mark.rule("A6")
def test_a6_checkout_asks_marketing_consent_with_a_box_that_is_not_ticked(client):
    page = to_payment_page(client, [(ProductFactory(), 1)]).content.decode()

    box = marketing_box(page)
    assert 'type="checkbox"' in box
    assert "checked" not in box
    assert CHECKOUT_BOX in page


@pytest.mark.rule("A6")
def test_a6_a_ticked_box_is_recorded_when_the_webhook_places_the_order(
    client, stripe_api, django_capture_on_commit_callbacks
):
    to_payment_page(client, [(ProductFactory(), 1)])
    intent_id = start_paying(client, marketing_consent="on")
    payment = CheckoutPayment.objects.get(payment_intent_id=intent_id)
    assert payment.checkout_data["marketing_consent"] is True
    assert not Consent.objects.exists()  # paying is not yet ordering

    # The shopper never comes back: the webhook places the order from the stored checkout data.
    payload = stripe_event("payment_intent.amount_capturable_updated", gateway.retrieve_intent(intent_id))
    with django_capture_on_commit_callbacks(execute=True):
        assert post_event(client, payload).status_code == 200

    order = Order.objects.get()
    customer = Customer.objects.get(email=SANNE)
    assert customer.marketing_consent is True
    [statement] = customer.consents.all()
    assert (statement.given, statement.source) == (True, Source.CHECKOUT)
    assert statement.at == payment.created_at <= order.date_placed  # when "pay" was pressed with it
    # Recording again (a retried task) adds nothing.
    assert consent.record_from_checkout(order.pk) is None
    assert customer.consents.count() == 1


@pytest.mark.rule("A6")
def test_a6_an_unticked_box_records_nothing_and_withdraws_no_earlier_consent(
    client, stripe_api, django_capture_on_commit_callbacks
):
    consent.record(SANNE, True, Source.NEWSLETTER)
    to_payment_page(client, [(ProductFactory(), 1)])

    with django_capture_on_commit_callbacks(execute=True):
        pay_by_card(client)  # the browser's return places the order

    assert Order.objects.get().email == SANNE
    customer = Customer.objects.get(email=SANNE)
    assert customer.marketing_consent is True
    assert statements(customer) == [(True, Source.NEWSLETTER)]


@pytest.mark.rule("A6")
def test_a6_the_order_confirmation_still_goes_to_an_unsubscribed_customer(
    client, stripe_api, django_capture_on_commit_callbacks
):
    consent.record(SANNE, True, Source.NEWSLETTER)
    consent.record(SANNE, False, Source.UNSUBSCRIBE_LINK)
    to_payment_page(client, [(ProductFactory(), 1)])

    with django_capture_on_commit_callbacks(execute=True):
        pay_by_card(client)

    order = Order.objects.get()
    [confirmation] = [message for message in mail.outbox if order.number in message.subject]
    assert confirmation.to == [SANNE]
    # Transactional: no unsubscribe link, no List-Unsubscribe headers.
    assert confirmation.message()["List-Unsubscribe"] is None
    assert confirmation.message()["List-Unsubscribe-Post"] is None
    assert "/afmelden/" not in confirmation.body
    assert Customer.objects.get(email=SANNE).marketing_consent is False


# --- the account's setting ----------------------------------------------------------------------


def account_box(client) -> str:
    response = client.get(reverse("account-newsletter"))
    assert response.status_code == 200
    return marketing_box(response.content.decode())


@pytest.mark.rule("A6")
def test_a6_a_customer_gives_and_withdraws_consent_in_their_account(client):
    user = UserFactory(email="anna@example.test")
    client.force_login(user)
    assert reverse("account-newsletter") in client.get(reverse("customer:profile-view")).content.decode()
    assert "checked" not in account_box(client)
    assert not Customer.objects.exists()  # looking changes nothing

    given = client.post(reverse("account-newsletter"), {"marketing_consent": "on"}, follow=True)

    assert "Je krijgt voortaan nieuws en tips van ons per e-mail." in given.content.decode()
    customer = Customer.objects.get(email="anna@example.test")
    assert (customer.marketing_consent, customer.user) == (True, user)
    assert "checked" in account_box(client)

    client.post(reverse("account-newsletter"), {})  # the box unticked
    client.post(reverse("account-newsletter"), {})  # saved again, unchanged: nothing to record

    customer.refresh_from_db()
    assert customer.marketing_consent is False
    assert statements(customer) == [(True, Source.ACCOUNT), (False, Source.ACCOUNT)]


def test_the_account_setting_asks_to_log_in_first(client):
    response = client.post(reverse("account-newsletter"), {"marketing_consent": "on"})

    assert response.status_code == 302
    assert reverse("customer:login") in response["Location"]
    assert not Consent.objects.exists()


# --- staff, for a customer who asked them (a reply to the List-Unsubscribe mailto:, a call) -----


@pytest.mark.rule("A6")
def test_a6_staff_record_what_the_customer_asked_for_on_the_customer_page(client, anouk):
    customer = consent.record(SANNE, True, Source.CHECKOUT).customer
    client.force_login(anouk)
    url = reverse("aftersales:customer", args=[customer.pk])
    page = client.get(url).content.decode()
    assert "ja, met toestemming" in page
    assert "via: Afrekenen" in page

    assert client.post(url, {"action": "marketing_consent"}).status_code == 302
    client.post(url, {"action": "marketing_consent"})  # a double click records nothing twice

    customer.refresh_from_db()
    assert customer.marketing_consent is False
    assert statements(customer) == [(True, Source.CHECKOUT), (False, Source.STAFF)]
    assert "Toestemming vastleggen op verzoek van de klant" in client.get(url).content.decode()
