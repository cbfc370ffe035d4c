"""A6 newsletter sign-up with double opt-in (issue 13 item 3): the form only e-mails a link, the
link's button records the consent; expired and forged links are refused; the answer is the same
for every address; bad input and floods are refused with a message and nothing saved."""

import re
import time

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from aftersales import consent
from aftersales.models import Consent, Customer
from aftersales.newsletter import confirmation_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SANNE = "sanne@example.test"


@pytest.fixture(autouse=True)
def no_counted_sign_ups():
    """Sign-ups are counted in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def sign_up(client, email):
    return client.post(reverse("newsletter"), {"email": email})


def link_in(message) -> str:
    return re.search(r"https?://\S+(/nieuwsbrief/bevestigen/[^/\s]+/)", message.body).group(1)


@pytest.mark.rule("A6")
def test_a6_signing_up_sends_a_link_and_only_its_button_records_consent(client):
    response = sign_up(client, " Sanne@Example.test ")

    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter-sent")
    assert "Klik op de link in die e-mail" in client.get(response["Location"]).content.decode()
    [message] = mail.outbox
    assert message.to == [SANNE]
    assert message.subject.startswith("Bevestig je aanmelding voor de nieuwsbrief")
    assert "De link werkt tot " in message.body
    assert not Customer.objects.exists()  # nothing stored before the confirmation

    link = link_in(message)
    page = client.get(link)  # a mail scanner opening the link signs nobody up
    assert page.status_code == 200
    assert "Aanmelding bevestigen" in page.content.decode()
    assert not Consent.objects.exists()

    confirmed = client.post(link)

    assert confirmed.status_code == 200
    assert "Bedankt! Je krijgt voortaan af en toe nieuws en tips" in confirmed.content.decode()
    customer = Customer.objects.get(email=SANNE)
    assert customer.marketing_consent is True
    assert [(c.given, c.source) for c in customer.consents.all()] == [(True, Consent.Source.NEWSLETTER)]


@pytest.mark.rule("A6")
def test_a6_the_sign_up_answers_the_same_for_known_and_unknown_addresses(client):
    UserFactory(email="klant@example.test")
    consent.record("klant@example.test", True, consent.Source.CHECKOUT)

    known, unknown = sign_up(client, "klant@example.test"), sign_up(client, "nieuw@example.test")

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    known_mail, unknown_mail = mail.outbox
    assert known_mail.subject == unknown_mail.subject

    def without_link(message):  # the link and its end differ per sign-up, nothing else
        return re.sub(r"De link werkt tot [^.]+\.", "", message.body.replace(link_in(message), "<link>"))

    assert without_link(known_mail) == without_link(unknown_mail)


@pytest.mark.rule("A6")
def test_a6_an_expired_link_is_refused_and_records_nothing(client, monkeypatch):
    eight_days_ago = time.time() - 8 * 24 * 3600
    with monkeypatch.context() as patched:
        patched.setattr(signing.time, "time", lambda: eight_days_ago)
        token = confirmation_token(SANNE)
    link = reverse("newsletter-confirm", kwargs={"token": token})

    for response in (client.get(link), client.post(link)):
        assert response.status_code == 400
        assert "Deze link is verlopen of klopt niet. Er is niets veranderd." in response.content.decode()
    assert not Customer.objects.exists()


@pytest.mark.rule("A6")
def test_a6_a_forged_link_is_refused_and_records_nothing(client):
    token = confirmation_token(SANNE)
    forged = signing.dumps("iemand-anders@example.test", salt="another.salt")
    altered = token.replace(token.split(":")[0], signing.b64_encode(b'"iemand-anders@example.test"').decode())

    for bad in (forged, altered, "zomaar-iets"):
        response = client.post(reverse("newsletter-confirm", kwargs={"token": bad}))
        assert response.status_code == 400
        assert "Deze link is verlopen of klopt niet." in response.content.decode()
    assert not Customer.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "Vul je e-mailadres in."), ("sanne-at-example", "Dit e-mailadres klopt niet; kijk het even na.")],
)
def test_bad_input_gets_a_message_and_status_400_and_nothing_is_sent(client, typed, message):
    response = sign_up(client, typed)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Je bent nog niet aangemeld" in page
    assert mail.outbox == []


def test_an_address_longer_than_the_database_allows_is_refused(client):
    response = sign_up(client, "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 63 + ".nl")  # 259

    assert response.status_code == 400
    assert "Dit e-mailadres is te lang" in response.content.decode()
    assert mail.outbox == []


def test_sign_ups_are_limited_per_address_and_per_client(client, settings):
    settings.WINKELIER_NEWSLETTER_SIGNUPS_PER_ADDRESS = 2
    settings.WINKELIER_NEWSLETTER_SIGNUPS_PER_IP = 4

    answers = [sign_up(client, SANNE).status_code for _ in range(3)]

    assert answers == [302, 302, 429]
    assert len(mail.outbox) == 2  # nobody floods Sanne's mailbox
    assert [sign_up(client, f"klant{n}@example.test").status_code for n in range(3)] == [302, 302, 429]
    refused = sign_up(client, "nog-een@example.test")
    assert refused.status_code == 429
    assert "Er zijn net te veel aanmeldingen verstuurd" in refused.content.decode()
    assert len(mail.outbox) == 4


def test_the_sign_up_needs_its_csrf_token():
    response = Client(enforce_csrf_checks=True).post(reverse("newsletter"), {"email": SANNE})

    assert response.status_code == 403
    assert mail.outbox == []


def test_every_storefront_page_has_the_sign_up_in_its_footer(client):
    page = client.get(reverse("basket:summary")).content.decode()

    assert f'action="{reverse("newsletter")}"' in page
    assert 'id="footer-newsletter-email"' in page
