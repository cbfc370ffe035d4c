"""A6 marketing e-mail and its unsubscribe (issue 13 item 3): sent only with consent, always with
the unsubscribe link in the body and the RFC 8058 headers; the link's one-click POST works
without login, cookies or CSRF token; opening it changes nothing; bad links change nothing."""

import re

import pytest
from django.core import mail, signing
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from aftersales import consent, marketing_mail
from aftersales.customers import customer_with_email
from aftersales.models import Consent, Customer
from tests.commerce.shop_support import filled_in_shop
from tests.factories import UserFactory

Email = get_model("communication", "Email")
Source = Consent.Source

pytestmark = pytest.mark.django_db

SANNE = "sanne@example.test"
TIP = {
    "subject": "Zo blijft je teak mooi",
    "body": "Olie het blad twee keer per jaar.\n\nVeel plezier ermee!",
}


def send_tip(customer) -> bool:
    return marketing_mail.send(customer, marketing_mail.MESSAGE, TIP)


def customer_with_consent(email=SANNE) -> Customer:
    return consent.record(email, True, Source.NEWSLETTER).customer


def unsubscribe_path(message) -> str:
    return re.search(r"https?://\S+(/afmelden/[^/\s]+/)", message.body).group(1)


@pytest.mark.rule("A6")
def test_a6_no_marketing_mail_without_consent():
    never_asked = Customer.objects.create(email="nooit@example.test")
    withdrawn = customer_with_consent()
    consent.record(withdrawn, False, Source.ACCOUNT)

    assert send_tip(never_asked) is False
    assert send_tip(withdrawn) is False
    assert mail.outbox == []
    assert not Email.objects.exists()


@pytest.mark.rule("A6")
def test_a6_a_marketing_mail_carries_the_unsubscribe_link_and_the_rfc_8058_headers(settings):
    shop = filled_in_shop()
    user = UserFactory(email=SANNE)
    customer = consent.record(customer_with_email(SANNE, user.pk), True, Source.ACCOUNT).customer
    url = marketing_mail.unsubscribe_url(customer)

    assert send_tip(customer) is True

    [message] = mail.outbox
    assert message.to == [SANNE]
    assert message.subject == "Zo blijft je teak mooi"
    headers = message.message()
    assert headers["List-Unsubscribe"] == (f"<{url}>, <mailto:{shop.email}?subject=Afmelden%20nieuwsbrief>")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = marketing_mail.unsubscribe_token(customer)
    assert url == f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/afmelden/{token}/"
    [(html, _mimetype)] = message.alternatives
    assert "Olie het blad twee keer per jaar." in message.body
    assert url in message.body
    assert f'href="{url}"' in html
    assert "<p>Olie het blad twee keer per jaar.</p>" in html
    # Kept in the customer's e-mail history, as transactional e-mail is.
    assert Email.objects.get().user == user


@pytest.mark.rule("A6")
def test_a6_one_click_unsubscribe_post_without_login_cookies_or_csrf_token_stops_marketing_mail():
    customer = customer_with_consent()
    send_tip(customer)
    path = unsubscribe_path(mail.outbox[0])
    mail_client = Client(enforce_csrf_checks=True)  # no session, no CSRF cookie, no token

    response = mail_client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert "Je bent afgemeld" in response.content.decode()
    customer.refresh_from_db()
    assert customer.marketing_consent is False
    assert customer.consents.first().source == Source.UNSUBSCRIBE_LINK
    assert send_tip(customer) is False
    assert len(mail.outbox) == 1
    # A second click (mail clients retry) adds no second withdrawal.
    assert mail_client.post(path).status_code == 200
    assert customer.consents.filter(given=False).count() == 1


@pytest.mark.rule("A6")
def test_a6_opening_the_unsubscribe_link_only_shows_the_button(client):
    customer = customer_with_consent()
    path = reverse("unsubscribe", kwargs={"token": marketing_mail.unsubscribe_token(customer)})

    response = client.get(path)

    assert response.status_code == 200
    page = response.content.decode()
    assert f"Wil je geen nieuws, tips en aanbiedingen meer ontvangen op {SANNE}?" in page
    assert '<form method="post">' in page
    customer.refresh_from_db()
    assert customer.marketing_consent is True
    assert customer.consents.count() == 1


@pytest.mark.rule("A6")
def test_a6_a_forged_or_unknown_unsubscribe_link_changes_nothing(client):
    customer = customer_with_consent()
    token = marketing_mail.unsubscribe_token(customer)
    other = customer_with_consent("ander@example.test")
    forged = token.replace(f"{customer.pk}:", f"{other.pk}:")
    gone = signing.Signer(salt=marketing_mail.SALT).sign("999999")

    for path in (reverse("unsubscribe", kwargs={"token": bad}) for bad in (forged, "zomaar-iets")):
        for response in (client.get(path), client.post(path)):
            assert response.status_code == 400
            assert "Deze afmeldlink klopt niet. Er is niets veranderd." in response.content.decode()
    assert client.post(reverse("unsubscribe", kwargs={"token": gone})).status_code == 404
    assert set(Customer.objects.values_list("marketing_consent", flat=True)) == {True}
    assert Consent.objects.filter(given=False).count() == 0


def test_a_marketing_template_without_the_unsubscribe_footer_is_never_sent():
    customer = customer_with_consent()

    with pytest.raises(ImproperlyConfigured, match="marketing_base_body"):
        marketing_mail.send(
            customer, "aftersales/emails/newsletter_confirm", {"confirm_path": "/x/", "valid_until": None}
        )
    assert mail.outbox == []
