"""A customer as after-sales staff see them (issue 12, item 8; A7, A8): orders, tasks, questions
with answers, notes, the key-account flag; in queries that do not grow with the orders."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aftersales import deciding, questions
from aftersales.models import Customer, CustomerNote, Task
from home.staff_groups import AFTER_SALES, EDITORS, permission
from tests.aftersales.task_support import decided_task, product, question_task, staff_member
from tests.commerce.fulfilment_support import paid_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("filled_in_shop_without_holdout")]


def url(customer):
    return reverse("aftersales:customer", args=[customer.pk])


def page_text(response):
    return response.content.decode()


@pytest.mark.rule("A7")
def test_the_customer_page_shows_orders_tasks_questions_and_notes(client, anouk):
    card = decided_task()
    question = question_task(body="Kan ik nog iets toevoegen?")
    questions.answer(question.pk, anouk, "Ja, dat kan tot vanavond.")
    customer = card.customer
    CustomerNote.objects.create(customer=customer, text="Houdt van pure chocola", author=anouk)
    client.force_login(anouk)

    response = client.get(url(customer))

    assert response.status_code == 200
    text = page_text(response)
    assert "sanne@example.test" in text
    assert "geen account: bestelt als gast" in text
    for order in (card.order, question.order):
        assert order.number in text
    assert reverse("aftersales:task", args=[card.pk]) in text
    assert reverse("aftersales:task", args=[question.pk]) in text
    assert "Kaartje" in text
    assert "Kan ik nog iets toevoegen?" in text
    assert "Ja, dat kan tot vanavond." in text
    assert "Houdt van pure chocola" in text
    assert "Anouk" in text
    assert "controlegroep: krijgt geen kaartje" not in text


@pytest.mark.rule("A8")
def test_a8_a_hold_out_customer_is_shown_plainly_and_their_held_out_task_is_not_linked(
    client, anouk, settings
):
    settings.WINKELIER_HOLDOUT_SHARE = Decimal("1")
    held_out = decided_task()
    assert held_out.status == Task.Status.HELD_OUT
    client.force_login(anouk)

    text = page_text(client.get(url(held_out.customer)))

    assert "controlegroep: krijgt geen kaartje bij de eerste bestelling" in text
    assert held_out.order.number in text
    assert reverse("aftersales:task", args=[held_out.pk]) not in text


def test_staff_flag_a_key_account_and_take_the_flag_off_again(client, anouk):
    customer = decided_task().customer
    client.force_login(anouk)

    flagged = client.post(url(customer), {"action": "key_account", "key_account": "on"})
    assert flagged.status_code == 302
    customer.refresh_from_db()
    assert customer.key_account is True
    assert "Geen sleutelklant meer" in page_text(client.get(url(customer)))

    client.post(url(customer), {"action": "key_account"})
    customer.refresh_from_db()
    assert customer.key_account is False


def test_staff_add_a_note_as_themselves_and_an_empty_note_is_refused(client, anouk):
    customer = decided_task().customer
    client.force_login(anouk)

    empty = client.post(url(customer), {"action": "note", "text": "  "})
    assert empty.status_code == 200
    assert empty.context["note_form"].errors["text"]
    assert not CustomerNote.objects.exists()

    assert client.post(url(customer), {"action": "note", "text": "Houdt van pure chocola"}).status_code == 302
    note = CustomerNote.objects.get()
    assert (note.customer, note.author, note.text) == (customer, anouk, "Houdt van pure chocola")


def test_editors_get_403_and_change_nothing(client):
    customer = decided_task().customer
    client.force_login(staff_member(EDITORS, "Eva", "eva@winkelier.test", last_name=""))

    assert client.get(url(customer)).status_code == 403
    assert client.post(url(customer), {"action": "key_account", "key_account": "on"}).status_code == 403
    assert client.post(url(customer), {"action": "note", "text": "x"}).status_code == 403
    customer.refresh_from_db()
    assert customer.key_account is False
    assert not CustomerNote.objects.exists()


def test_who_may_only_look_gets_403_on_changes(client, django_user_model):
    customer = decided_task().customer
    reader = django_user_model.objects.create_user(email="lezer@winkelier.test", password="x")
    reader.user_permissions.add(
        permission("wagtailadmin", "access_admin"), permission("aftersales", "view_customer")
    )
    client.force_login(reader)

    text = page_text(client.get(url(customer)))
    assert 'value="key_account"' not in text
    assert 'value="note"' not in text
    assert client.post(url(customer), {"action": "key_account", "key_account": "on"}).status_code == 403
    assert client.post(url(customer), {"action": "note", "text": "x"}).status_code == 403
    customer.refresh_from_db()
    assert customer.key_account is False


def customer_with_orders(count: int, email: str) -> Customer:
    """A customer with `count` orders, each with its thank-you decided and a question answered."""
    lamp = product()
    author = staff_member(AFTER_SALES, "Bram", f"bram-{count}@winkelier.test", last_name="")
    for _ in range(count):
        order = paid_order([(lamp, 1)], email=email)
        deciding.decide(order.pk)
        asked = questions.ask(order, "product", "Past dit op mijn bureau?")
        questions.answer(asked.task.pk, author, "Ja.")
        Customer.objects.get(email=email).notes.create(text="Belt liever", author=author)
    return Customer.objects.get(email=email)


@pytest.mark.parametrize("who", ["after-sales", "superuser"])  # the latter sees dashboard links
def test_the_customer_page_takes_as_many_queries_for_12_orders_as_for_3(
    client, anouk, django_user_model, who
):
    few = customer_with_orders(3, "weinig@example.test")
    many = customer_with_orders(12, "veel@example.test")
    assert many.tasks.count() > few.tasks.count() >= 4
    if who == "superuser":
        client.force_login(
            django_user_model.objects.create_superuser(email="baas@winkelier.test", password="x")
        )
    else:
        client.force_login(anouk)
    client.get(url(few))  # the session and the admin's caches warmed up

    counts = []
    for customer in (few, many):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(customer))
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1], counts
    link = reverse("dashboard:order-detail", kwargs={"number": many.tasks.first().order.number})
    assert (link in page_text(response)) is (who == "superuser")
