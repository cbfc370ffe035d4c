"""A7: "Vraag over je bestelling" on the account's and the guest's order page. A question becomes a
task of kind question in the staff queue, due the next working day, and the customer gets a
confirmation e-mail (kept in the order's communication log). Only the order's own customer may
ask; bad input shows the page again with what was typed; flooding is refused."""

import re
from datetime import timedelta
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st
from oscar.core.loading import get_model

from aftersales.models import Question, Task
from commerce.order.emails import shop_settings
from commerce.order.guest_links import order_token
from home.clock import amsterdam_today
from home.closing import add_working_days
from tests.commerce.fulfilment_support import paid_order
from tests.commerce.shop_support import filled_in_shop
from tests.factories import ProductFactory, UserFactory
from tests.test_public_inputs_fuzz import answered, form_values, fuzz_settings, hostile_text

CommunicationEvent = get_model("order", "CommunicationEvent")
Email = get_model("communication", "Email")

pytestmark = pytest.mark.django_db

SENT = "Je vraag is verstuurd. Je krijgt binnen één werkdag antwoord."
QUESTION = {"subject": "delivery", "body": "Wanneer komt mijn pakket?", "channel": "email", "phone": ""}


@pytest.fixture(autouse=True)
def shop():
    shop = filled_in_shop()
    shop.phone = "030 123 4567"
    shop.whatsapp = "06 1234 5678"
    shop.save()
    return shop


@pytest.fixture
def lamp():
    return ProductFactory(title="Bureaulamp", price=Decimal("30.00"), num_in_stock=100)


@pytest.fixture
def customer(client):
    user = UserFactory(email="sanne@example.nl")
    client.force_login(user)
    return user


@pytest.fixture
def own_order(customer, lamp):
    return paid_order([(lamp, 1)], user=customer, email=customer.email)


@pytest.fixture
def guest_order(lamp):
    return paid_order([(lamp, 1)], email="gast@example.nl")


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """POST the form; what the view left for after its commit (the e-mail task) runs."""

    def ask(url, **data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {**QUESTION, **data})

    return ask


def account_url(order):
    return reverse("order-question", kwargs={"order_number": order.number})


def guest_url(order):
    return reverse("order-question-guest", kwargs={"token": order_token(order)})


def page_of(response) -> str:
    html = response.content.decode()
    return re.sub(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]+"', "", html)


def questions():
    return Question.objects.select_related("task")


@pytest.mark.rule("A7")
def test_a7_the_account_owner_asks_and_it_becomes_a_question_task_due_the_next_working_day(
    client, own_order, ask
):
    page = reverse("customer:order", kwargs={"order_number": own_order.number})
    assert "Vraag over je bestelling" in client.get(page).content.decode()

    response = ask(account_url(own_order), subject="product", body="  Past de lamp op een bureau?  ")

    assert response.status_code == 302
    assert response["Location"] == page
    assert SENT in client.get(page).content.decode()
    question = questions().get()
    assert (question.subject, question.body, question.channel) == (
        "product",
        "Past de lamp op een bureau?",
        "email",
    )
    task = question.task
    assert task.kind == Task.Kind.QUESTION
    assert task.order == own_order
    assert task.status == Task.Status.OPEN
    assert task.customer.email == "sanne@example.nl"
    assert task.due_on == add_working_days(amsterdam_today(), 1, shop_settings().closing_days())
    [confirmation] = mail.outbox
    assert confirmation.to == ["sanne@example.nl"]
    assert own_order.number in confirmation.subject
    # The confirmation is in the order's communication log.
    assert Email.objects.filter(email="sanne@example.nl", subject=confirmation.subject).exists()
    assert CommunicationEvent.objects.filter(order=own_order).exists()


@pytest.mark.rule("A7")
def test_a7_a_guest_asks_from_the_signed_link_and_wants_a_call_back(client, guest_order, ask):
    token = order_token(guest_order)
    page = reverse("order-guest-detail", kwargs={"token": token})
    html = client.get(page).content.decode()
    assert f'action="{guest_url(guest_order)}"' in html

    response = ask(guest_url(guest_order), channel="phone", phone="06 12 34 56 78")

    assert response.status_code == 302
    assert response["Location"] == page
    question = questions().get()
    assert (question.channel, question.phone) == ("phone", "+31612345678")
    assert question.task.order == guest_order
    assert mail.outbox[0].to == ["gast@example.nl"]


@pytest.mark.rule("A7")
def test_a7_the_order_page_shows_the_shops_own_channels(client, own_order):
    html = client.get(reverse("customer:order", kwargs={"order_number": own_order.number})).content.decode()

    contact = html[html.index("Liever direct contact?") :]
    assert 'href="https://wa.me/31612345678"' in contact  # international, digits only
    assert 'href="tel:+31301234567"' in contact
    assert 'href="mailto:hallo@winkelier.test"' in contact


@pytest.mark.rule("A7")
def test_a7_someone_elses_order_is_not_found_like_an_order_that_does_not_exist(client, customer, lamp, ask):
    someone_else = paid_order([(lamp, 1)], user=UserFactory(), email="ander@example.nl")

    theirs = ask(account_url(someone_else))
    unknown = ask(reverse("order-question", kwargs={"order_number": "999999999"}))

    assert theirs.status_code == unknown.status_code == 404
    # The same page, but for the number in its address (and the per-response tokens).
    assert page_of(theirs).replace(someone_else.number, "999999999") == page_of(unknown)
    assert not Question.objects.exists()
    assert not Task.objects.filter(kind=Task.Kind.QUESTION).exists()
    assert mail.outbox == []


@pytest.mark.rule("A7")
def test_a7_a_forged_or_altered_guest_link_is_not_found(client, guest_order, lamp, ask):
    other = paid_order([(lamp, 1)], email="ander@example.nl")
    number, signature = order_token(guest_order).split(":")
    forged = [f"{other.number}:{signature}", f"{number}:{'A' * len(signature)}", number, "niets"]

    for token in forged:
        response = ask(reverse("order-question-guest", kwargs={"token": token}))
        assert response.status_code == 404, token

    assert not Question.objects.exists()
    assert mail.outbox == []


@pytest.mark.rule("A7")
def test_a7_a_question_without_a_message_shows_the_page_again_with_what_was_typed(client, own_order, ask):
    response = ask(
        account_url(own_order), subject="invoice", body="   ", channel="whatsapp", phone="0612345678"
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Schrijf je vraag op." in html
    assert own_order.number in html  # still the order page
    assert re.search(r'<option value="invoice" selected>', html)
    assert re.search(r'value="whatsapp"[^>]*checked', html)
    assert 'value="0612345678"' in html
    assert not Question.objects.exists()
    assert mail.outbox == []


@pytest.mark.rule("A7")
def test_a7_phone_or_whatsapp_without_a_number_asks_for_one(client, guest_order, ask):
    for channel in ("phone", "whatsapp"):
        response = ask(guest_url(guest_order), channel=channel, body="Bel me even terug", phone="")
        assert response.status_code == 400
        html = response.content.decode()
        assert "Vul je telefoonnummer in" in html
        assert "Bel me even terug" in html  # the message is kept
    wrong = ask(guest_url(guest_order), channel="phone", phone="12")
    assert "Dit telefoonnummer klopt niet" in wrong.content.decode()
    assert not Question.objects.exists()


@pytest.mark.rule("A7")
def test_a7_an_unknown_subject_or_channel_or_a_too_long_message_is_refused(client, guest_order, ask):
    assert ask(guest_url(guest_order), subject="spam").status_code == 400
    assert ask(guest_url(guest_order), channel="fax").status_code == 400
    assert ask(guest_url(guest_order), body="x" * 3001).status_code == 400
    assert not Question.objects.exists()


@pytest.mark.rule("A7")
def test_a7_more_than_five_questions_about_one_order_in_an_hour_are_refused(client, guest_order, ask):
    for number in range(5):
        assert ask(guest_url(guest_order), body=f"Vraag {number}").status_code == 302

    refused = ask(guest_url(guest_order), body="Nog een vraag")

    assert refused.status_code == 429
    html = refused.content.decode()
    assert "al 5 vragen over deze bestelling" in html
    assert "Nog een vraag" in html
    assert Question.objects.count() == 5
    # An hour later the customer may ask again.
    Question.objects.update(created_at=timezone.now() - timedelta(hours=1, minutes=1))
    assert ask(guest_url(guest_order), body="Nog een vraag").status_code == 302


def test_a_question_without_the_csrf_token_is_refused(guest_order):
    response = Client(enforce_csrf_checks=True).post(guest_url(guest_order), QUESTION)

    assert response.status_code == 403
    assert not Question.objects.exists()


def test_a_logged_out_customer_is_sent_to_log_in_and_back_to_the_order(own_order, ask, client):
    client.logout()

    response = ask(account_url(own_order))

    assert response.status_code == 302
    assert reverse("customer:login") in response["Location"]
    assert (
        "next=" + reverse("customer:order", kwargs={"order_number": own_order.number}) in response["Location"]
    )
    assert not Question.objects.exists()


def test_the_question_page_answers_only_posts(client, own_order):
    assert client.get(account_url(own_order)).status_code == 405


@pytest.mark.fuzz
@fuzz_settings
@given(
    fields=st.dictionaries(
        st.sampled_from(["subject", "body", "channel", "phone"]) | hostile_text, form_values
    ),
    token=hostile_text,
)
@example(fields={"subject": "other", "body": "a\x00b", "channel": "email"}, token="")
@example(fields={"subject": "other", "body": "Hoi", "channel": "phone", "phone": "\x00" * 40}, token="")
@example(fields={"subject": ["other", "x"], "body": "é" * 5000, "channel": "whatsapp"}, token="x:y")
def test_hostile_questions_are_answered_never_with_a_server_error(client, guest_order, fields, token):
    """Whatever is posted, to a real or a made-up link: a page or a 4xx, never a 5xx."""
    for url in (guest_url(guest_order), f"/bestelling/{quote(token, safe='')}/vraag/"):
        answered(client.post(url, fields))
