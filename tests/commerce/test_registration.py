"""Registering never tells whether an address has an account (commerce/customer/registration.py):
every address gets "check your e-mail"; a new one a confirmation link, an existing one a note."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.urls import reverse

from commerce.customer.models import PendingRegistration
from tests.factories import ProductFactory

User = get_user_model()

PASSWORD = "Lange-zin-als-wachtwoord-7"


def register_on_login_page(client, email, password=PASSWORD, repeat=None):
    return client.post(
        "/accounts/login/",
        {
            "registration-email": email,
            "registration-password1": password,
            "registration-password2": repeat or password,
            "registration-redirect_url": "",
            "registration_submit": "Register",
        },
    )


def register_on_registration_page(client, email, password=PASSWORD):
    return client.post(
        "/accounts/register/",
        {"email": email, "password1": password, "password2": password, "redirect_url": ""},
    )


def link_in(message, pattern=r"http://\S+/accounts/register/confirm/\S+/"):
    [link] = re.findall(pattern, message.body)
    return link.removeprefix("http://127.0.0.1:8000")


@pytest.fixture
def existing(db):
    return User.objects.create_user(email="anna@voorbeeld.nl", password="oud-wachtwoord-2026")


@pytest.mark.rule("S4")
def test_a_new_address_gets_a_link_that_creates_the_account_and_logs_in(client, db):
    response = register_on_login_page(client, "Noor@Voorbeeld.nl")

    assert response.status_code == 302
    assert response["Location"] == reverse("customer:register-sent")
    sent_page = client.get(response["Location"]).content.decode()
    assert "Kijk in je mailbox" in sent_page
    assert '<meta name="robots" content="noindex' in sent_page
    assert not User.objects.filter(email__iexact="noor@voorbeeld.nl").exists()
    [message] = mail.outbox
    assert message.to == ["Noor@voorbeeld.nl"]
    assert message.subject == "Bevestig je account bij Winkelier"

    link = link_in(message)
    confirm_page = client.get(link)
    assert "Account activeren" in confirm_page.content.decode()
    assert not User.objects.exists(), "opening the link (a mail scanner does) must not activate"

    activated = client.post(link)
    assert activated.status_code == 302
    assert activated["Location"] == "/accounts/"
    user = User.objects.get(email="Noor@voorbeeld.nl")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.check_password(PASSWORD)
    assert not PendingRegistration.objects.exists()

    again = client.post(link)
    assert "Deze link is verlopen of al gebruikt." in again.content.decode()
    assert User.objects.count() == 1


def test_an_existing_address_gets_the_same_answer_and_an_e_mail_instead(client, existing):
    new = register_on_login_page(client, "noor@voorbeeld.nl")
    taken = register_on_login_page(client, "ANNA@voorbeeld.nl")

    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])
    assert PendingRegistration.objects.count() == 1  # Noor's only
    existing.refresh_from_db()
    assert existing.check_password("oud-wachtwoord-2026")
    note = mail.outbox[-1]
    assert note.to == ["ANNA@voorbeeld.nl"]
    assert "Iemand heeft geprobeerd zich bij Winkelier aan te melden met dit e-mailadres." in note.body
    assert "http://127.0.0.1:8000/password-reset/" in note.body
    assert "register/confirm" not in note.body


def test_the_registration_page_answers_the_same_too(client, existing):
    for email in ["anna@voorbeeld.nl", "nieuw@voorbeeld.nl"]:
        response = register_on_registration_page(client, email)
        assert response.status_code == 302
        assert response["Location"] == reverse("customer:register-sent")


def test_the_form_still_refuses_bad_input_and_keeps_what_was_typed(client, db):
    response = register_on_login_page(client, "noor@voorbeeld.nl", repeat="iets-anders-7")
    assert response.status_code == 200
    assert "noor@voorbeeld.nl" in response.content.decode()
    assert response.context["registration_form"].errors["password2"]
    assert mail.outbox == []


@pytest.fixture
def hashes(monkeypatch):
    calls = []
    original = MD5PasswordHasher.encode

    def counting_encode(self, password, salt):
        calls.append(password)
        return original(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting_encode)
    return calls


def test_new_and_existing_addresses_cost_the_same_hashing_and_one_e_mail(client, existing, hashes):
    work = {}
    for email in ["anna@voorbeeld.nl", "nieuw@voorbeeld.nl"]:
        hashes.clear()
        mail.outbox.clear()
        register_on_login_page(client, email)
        work[email] = (len(hashes), len(mail.outbox))
    assert work["anna@voorbeeld.nl"] == work["nieuw@voorbeeld.nl"] == (1, 1)


def test_an_expired_link_creates_nothing(client, db):
    register_on_login_page(client, "noor@voorbeeld.nl")
    PendingRegistration.objects.update(
        created_at=PendingRegistration.objects.get().created_at - timedelta(hours=73)
    )
    link = link_in(mail.outbox[0])
    assert "Deze link is verlopen of al gebruikt." in client.get(link).content.decode()
    client.post(link)
    assert not User.objects.exists()


def test_registering_twice_then_using_either_link_creates_one_account(client, db):
    register_on_login_page(client, "noor@voorbeeld.nl", password="Eerste-wachtwoord-77")
    register_on_login_page(client, "noor@voorbeeld.nl", password="Tweede-wachtwoord-88")
    first, second = (link_in(message) for message in mail.outbox)
    client.post(second)
    client.post(first)
    user = User.objects.get()
    assert user.check_password("Tweede-wachtwoord-88")


@pytest.mark.rule("N1")
def test_the_confirmation_e_mail_is_in_english_for_a_shopper_who_chose_english(client, db):
    client.cookies["django_language"] = "en"
    register_on_login_page(client, "noor@voorbeeld.nl")
    [message] = mail.outbox
    assert message.subject == "Confirm your account at Winkelier"
    assert "confirm your e-mail address" in message.body
    assert "Check your inbox" in client.get(reverse("customer:register-sent")).content.decode()


# -- the checkout: "who are you?" and "create an account" -------------------------------------


@pytest.fixture
def basket_client(client, db):
    product = ProductFactory(title="Luidspreker Aria")
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    return client


def test_checkout_as_guest_with_an_address_that_has_an_account(basket_client, existing):
    response = basket_client.post(
        reverse("checkout:index"), {"username": "anna@voorbeeld.nl", "options": "anonymous"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:shipping-address")


def test_creating_an_account_during_checkout_returns_to_the_checkout_with_the_basket(basket_client, db):
    gateway = basket_client.post(
        reverse("checkout:index"), {"username": "noor@voorbeeld.nl", "options": "new"}
    )
    assert gateway.status_code == 302
    registration_page = basket_client.get(gateway["Location"])
    form = registration_page.context["form"]
    assert form.initial["email"] == "noor@voorbeeld.nl"

    basket_client.post(
        gateway["Location"],
        {
            "email": "noor@voorbeeld.nl",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "redirect_url": form.initial["redirect_url"],
        },
    )
    activated = basket_client.post(link_in(mail.outbox[0]))

    assert activated["Location"] == reverse("checkout:shipping-address")
    basket_page = basket_client.get(reverse("basket:summary")).content.decode()
    assert "Luidspreker Aria" in basket_page


def test_create_an_account_at_checkout_says_nothing_about_an_existing_address(basket_client, existing):
    for email in ["anna@voorbeeld.nl", "nieuw@voorbeeld.nl"]:
        response = basket_client.post(reverse("checkout:index"), {"username": email, "options": "new"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("customer:register"))
