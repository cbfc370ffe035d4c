"""The page of one after-sales task in the Wagtail admin (A3, A4, A7): what staff see, each action
through the page, the card text with its preview, and answering a customer's question."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from aftersales import printing
from aftersales.models import Answer, Task
from home.clock import amsterdam_today
from home.staff_groups import AFTER_SALES, AFTER_SALES_MANAGERS, EDITORS, permission
from tests.aftersales.task_support import decided_task, question_task, staff_member

CommunicationEvent = get_model("order", "CommunicationEvent")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("filled_in_shop_without_holdout")]
Status = Task.Status


@pytest.fixture
def bram(db):
    return staff_member(AFTER_SALES, "Bram", "bram@winkelier.test", last_name="")


@pytest.fixture
def manager(db):
    return staff_member(AFTER_SALES_MANAGERS, "Mila", "mila@winkelier.test", last_name="")


@pytest.fixture
def card():
    return decided_task()


def url(task):
    return reverse("aftersales:task", args=[task.pk])


def act(client, task, action, **data):
    return client.post(url(task), {"action": action, **data})


def page_text(response):
    return response.content.decode()


def error_messages(response):
    return [str(message) for message in response.context["messages"] if message.level_tag == "error"]


# -- what the page shows -----------------------------------------------------------------------


@pytest.mark.rule("A3")
def test_a3_the_task_page_shows_the_order_customer_tier_due_date_address_and_lines(client, anouk, card):
    client.force_login(anouk)

    response = client.get(url(card))

    assert response.status_code == 200
    text = page_text(response)
    assert card.order.number in text
    assert reverse("aftersales:customer", args=[card.customer_id]) in text
    assert "sanne@example.test" in text
    assert "Kaartje" in text
    assert "Open" in text
    assert "Bureaulamp" in text
    # the address as the card prints it: Dutch parcel format, two spaces before the city
    assert "Sanne de Vries" in text
    assert "Oudegracht 12" in text
    assert "3511 AB  Utrecht" in text
    assert "te laat" not in text
    # the order is not a link for staff who may not open Oscar's dashboard
    assert reverse("dashboard:order-detail", kwargs={"number": card.order.number}) not in text


@pytest.mark.rule("A2", "A3")
def test_a2_an_overdue_task_says_te_laat(client, anouk, card):
    Task.objects.filter(pk=card.pk).update(due_on=amsterdam_today() - timedelta(days=1))
    client.force_login(anouk)

    assert "te laat" in page_text(client.get(url(card)))


@pytest.mark.rule("A3")
def test_a3_the_order_links_to_the_dashboard_for_staff_who_may_open_it(client, card, django_user_model):
    admin = django_user_model.objects.create_superuser(email="baas@winkelier.test", password="x")
    client.force_login(admin)

    text = page_text(client.get(url(card)))

    assert reverse("dashboard:order-detail", kwargs={"number": card.order.number}) in text


@pytest.mark.rule("A3")
def test_a3_editors_get_403_on_the_task_page_its_actions_and_its_preview(client, card):
    client.force_login(staff_member(EDITORS, "Eva", "eva@winkelier.test", last_name=""))

    assert client.get(url(card)).status_code == 403
    assert act(client, card, "claim").status_code == 403
    assert client.post(reverse("aftersales:preview", args=[card.pk]), {"message": "Hoi"}).status_code == 403
    card.refresh_from_db()
    assert card.assignee is None


@pytest.mark.rule("A8")
def test_a8_a_held_out_task_is_never_shown(client, anouk, card):
    Task.objects.filter(pk=card.pk).update(status=Status.HELD_OUT)
    client.force_login(anouk)

    assert client.get(url(card)).status_code == 404
    assert act(client, card, "claim").status_code == 404
    assert client.post(reverse("aftersales:preview", args=[card.pk]), {"message": "Hoi"}).status_code == 404


# -- actions -------------------------------------------------------------------------------------


@pytest.mark.rule("A3")
def test_a3_claim_then_the_second_claimer_is_told_who_has_it(client, anouk, bram, card):
    client.force_login(anouk)
    response = act(client, card, "claim")
    assert response.status_code == 302
    assert response.url == url(card)

    client.force_login(bram)
    refused = act(client, card, "claim")

    assert refused.status_code == 200
    assert error_messages(refused) == ["Anouk heeft deze taak al opgepakt."]
    card.refresh_from_db()
    assert card.assignee == anouk
    assert card.status == Status.CLAIMED
    assert "Anouk" in page_text(client.get(url(card)))


@pytest.mark.rule("A3")
def test_a3_unassign_puts_the_task_back_in_the_queue(client, anouk, card):
    client.force_login(anouk)
    act(client, card, "claim")

    assert act(client, card, "unassign").status_code == 302

    card.refresh_from_db()
    assert (card.assignee, card.status) == (None, Status.OPEN)


@pytest.mark.rule("A3")
def test_a3_start_claims_and_starts(client, anouk, card):
    client.force_login(anouk)

    assert act(client, card, "start").status_code == 302

    card.refresh_from_db()
    assert (card.assignee, card.status) == (anouk, Status.STARTED)


@pytest.mark.rule("A3")
@pytest.mark.parametrize("typed", ["12,50", "12.50", "€ 12,50"])
def test_a3_mark_sent_with_what_and_its_cost_in_either_decimal_sign(client, anouk, card, typed):
    client.force_login(anouk)

    response = act(client, card, "sent", what="Kaartje met de post", cost=typed)

    assert response.status_code == 302
    card.refresh_from_db()
    assert card.status == Status.SENT
    assert card.sent_what == "Kaartje met de post"
    assert card.cost == Decimal("12.50")
    assert card.assignee == anouk


@pytest.mark.rule("A3")
@pytest.mark.parametrize("typed", ["twaalf", "-1", "12,505", ""])
def test_a3_a_bad_cost_is_refused_with_a_message_and_nothing_changes(client, anouk, card, typed):
    client.force_login(anouk)

    response = act(client, card, "sent", what="Kaartje", cost=typed)

    assert response.status_code == 200
    assert error_messages(response) == ["Controleer wat je hebt ingevuld."]
    assert response.context["forms"]["sent"].errors["cost"]
    assert 'value="Kaartje"' in page_text(response)  # what was typed is kept
    card.refresh_from_db()
    assert (card.status, card.cost, card.assignee) == (Status.OPEN, None, None)


@pytest.mark.rule("A3")
def test_a3_skip_needs_a_reason(client, anouk, card):
    client.force_login(anouk)

    without = act(client, card, "skip", reason="  ")
    card.refresh_from_db()
    assert without.status_code == 200
    assert card.status == Status.OPEN

    assert act(client, card, "skip", reason="Klant wil geen post").status_code == 302
    card.refresh_from_db()
    assert (card.status, card.skip_reason) == (Status.SKIPPED, "Klant wil geen post")


@pytest.mark.rule("A3")
def test_a3_an_unknown_action_is_a_400_and_changes_nothing(client, anouk, card):
    client.force_login(anouk)

    response = act(client, card, "delete")

    assert response.status_code == 400
    assert error_messages(response) == ["Deze actie bestaat niet."]
    card.refresh_from_db()
    assert card.status == Status.OPEN


@pytest.mark.rule("A3")
def test_a3_after_an_action_back_to_next_when_it_stays_on_this_site(client, anouk, card):
    client.force_login(anouk)
    queue = reverse("aftersales:queue") + "?status=open"

    assert act(client, card, "claim", next=queue).url == queue
    assert act(client, card, "start", next="https://elders.example/").url == url(card)


@pytest.mark.rule("A3")
def test_a3_staff_with_view_permission_only_get_403_on_changes(client, card, django_user_model):
    reader = django_user_model.objects.create_user(email="lezer@winkelier.test", password="x")
    reader.user_permissions.add(
        permission("wagtailadmin", "access_admin"), permission("aftersales", "view_task")
    )
    client.force_login(reader)

    assert client.get(url(card)).status_code == 200
    assert 'name="action"' not in page_text(client.get(url(card)))
    assert act(client, card, "claim").status_code == 403
    card.refresh_from_db()
    assert card.assignee is None


# -- a personal gift: a manager approves within its budget ---------------------------------------


@pytest.fixture
def gift():
    task = decided_task(email="inkoop@bedrijf.test", key_account=True)
    assert (task.status, task.budget) == (Status.AWAITING_APPROVAL, Decimal("100.00"))
    return task


@pytest.mark.rule("A3")
def test_a3_only_a_manager_sees_and_uses_the_approve_form(client, anouk, manager, gift):
    client.force_login(anouk)
    assert 'value="approve"' not in page_text(client.get(url(gift)))
    assert act(client, gift, "approve", budget="80").status_code == 403
    gift.refresh_from_db()
    assert gift.status == Status.AWAITING_APPROVAL

    client.force_login(manager)
    assert 'value="approve"' in page_text(client.get(url(gift)))
    assert act(client, gift, "approve", budget="80,00").status_code == 302
    gift.refresh_from_db()
    assert (gift.status, gift.approved_budget, gift.approved_by) == (Status.OPEN, Decimal("80.00"), manager)


@pytest.mark.rule("A3")
def test_a3_a_manager_cannot_approve_more_than_the_rules_budget(client, manager, gift):
    client.force_login(manager)

    response = act(client, gift, "approve", budget="150")

    assert response.status_code == 200
    assert error_messages(response) == ["Het budget kan hoogstens € 100.00 zijn (de bedankregel)."]
    assert 'value="150"' in page_text(response)
    gift.refresh_from_db()
    assert (gift.status, gift.approved_budget) == (Status.AWAITING_APPROVAL, None)


@pytest.mark.rule("A3")
def test_a3_a_gift_costing_more_than_its_approved_budget_is_refused(client, anouk, manager, gift):
    client.force_login(manager)
    act(client, gift, "approve", budget="80")
    client.force_login(anouk)

    refused = act(client, gift, "sent", what="Bonbons", cost="85,00")

    assert error_messages(refused) == ["€ 85.00 is meer dan het budget van € 80.00."]
    gift.refresh_from_db()
    assert gift.status == Status.OPEN
    assert act(client, gift, "sent", what="Bonbons", cost="79,95").status_code == 302
    gift.refresh_from_db()
    assert (gift.status, gift.cost) == (Status.SENT, Decimal("79.95"))


# -- the card's message (A3, A4) -----------------------------------------------------------------


@pytest.mark.rule("A3", "A4")
def test_a4_the_page_shows_the_printed_message_the_template_and_the_merge_fields(client, anouk, card):
    client.force_login(anouk)

    response = client.get(url(card))

    text = page_text(response)
    assert "Beste Sanne," in text  # the printed message, merged
    assert "Wat fijn dat je bij Winkelier Utrecht hebt besteld!" in text
    assert response.context["forms"]["message"]["message"].value().startswith("{aanhef},")  # the template
    assert response.context["merge_fields"]["product"] == "Bureaulamp"
    assert response.context["merge_fields"]["bestelnummer"] == card.order.number
    assert "{aanhef}" in text
    assert "aftersales/message-preview.js" in text  # the live preview, from a static file
    assert "<script>" not in text.split("</head>")[-1].replace("<script src=", "")


@pytest.mark.rule("A3")
def test_a3_a_message_override_is_saved_and_printed_and_empty_goes_back_to_the_template(client, anouk, card):
    client.force_login(anouk)
    template_message = printing.message_for(card)

    saved = act(client, card, "message", message="Hoi {voornaam},\r\ndank voor {product}!")

    assert saved.status_code == 302
    card.refresh_from_db()
    assert card.message == "Hoi {voornaam},\ndank voor {product}!"
    assert printing.message_for(card) == "Hoi Sanne,\ndank voor Bureaulamp!"
    assert "Hoi Sanne," in page_text(client.get(url(card)))

    act(client, card, "message", message="")
    card.refresh_from_db()
    assert card.message == ""
    assert printing.message_for(card) == template_message


@pytest.mark.rule("A3")
def test_a3_saving_the_template_text_unchanged_keeps_following_the_template(client, anouk, card):
    client.force_login(anouk)

    act(client, card, "message", message=printing.template_text(card))

    card.refresh_from_db()
    assert card.message == ""
    assert card.assignee == anouk


@pytest.mark.rule("A3")
def test_a3_an_override_with_an_unknown_merge_field_is_refused(client, anouk, card):
    client.force_login(anouk)

    response = act(client, card, "message", message="Hoi {naam}")

    assert response.status_code == 200
    assert response.context["forms"]["message"].errors["message"] == ["Onbekende invulvelden: naam."]
    card.refresh_from_db()
    assert card.message == ""


@pytest.mark.rule("A3")
def test_a3_the_preview_answers_the_merged_text_and_writes_nothing(client, anouk, card):
    client.force_login(anouk)
    preview = reverse("aftersales:preview", args=[card.pk])

    with CaptureQueriesContext(connection) as queries:
        response = client.post(preview, {"message": "Hoi {voornaam}, veel plezier met {product}!"})

    assert response.status_code == 200
    assert response.json() == {"message": "Hoi Sanne, veel plezier met Bureaulamp!"}
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    card.refresh_from_db()
    assert (card.message, card.status, card.assignee) == ("", Status.OPEN, None)

    # empty: the template, as the card would be printed
    assert client.post(preview, {"message": ""}).json() == {"message": printing.message_for(card, anouk)}
    unknown = client.post(preview, {"message": "Hoi {naam}"})
    assert unknown.status_code == 400
    assert unknown.json() == {"error": "Onbekende invulvelden: naam."}
    assert client.get(preview).status_code == 405


# -- questions (A7, staff side) ------------------------------------------------------------------


@pytest.mark.rule("A7")
def test_a7_the_question_page_shows_the_question_and_how_to_answer(client, anouk):
    task = question_task()
    client.force_login(anouk)

    response = client.get(url(task))

    text = page_text(response)
    assert response.status_code == 200
    assert "Waar blijft mijn pakket?" in text
    assert "Levering" in text
    assert "06 12345678" in text
    assert 'value="answer"' in text
    assert 'value="message"' not in text


@pytest.mark.rule("A7")
@pytest.mark.parametrize(
    ("language", "subject", "phone_label"),
    [("nl", "Antwoord op je vraag", "Telefoon"), ("en", "Answer to your question", "Phone")],
)
def test_a7_an_answer_is_e_mailed_in_the_customers_language_and_logged_on_the_order(
    client,
    anouk,
    filled_in_shop_without_holdout,
    django_capture_on_commit_callbacks,
    language,
    subject,
    phone_label,
):
    filled_in_shop_without_holdout.phone = "030 123 45 67"
    filled_in_shop_without_holdout.save()
    task = question_task(language=language)
    client.force_login(anouk)

    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, task, "answer", body="Je pakket komt morgen.")

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["sanne@example.test"]
    assert task.order.number in sent.subject
    assert sent.subject.startswith(subject)
    assert "Je pakket komt morgen." in sent.body
    assert f"{phone_label}: 030 123 45 67" in sent.body
    assert (
        CommunicationEvent.objects.filter(order=task.order, event_type__code="QUESTION_ANSWERED").count() == 1
    )
    task.refresh_from_db()
    assert (task.status, task.assignee) == (Status.SENT, anouk)
    assert Answer.objects.get(question__task=task).author == anouk
    # staff see what was sent in the task's communication log
    text = page_text(client.get(url(task)))
    assert sent.subject in text
    assert "Je pakket komt morgen." in text


@pytest.mark.rule("A7")
def test_a7_an_empty_answer_is_refused_and_nothing_is_sent(client, anouk, django_capture_on_commit_callbacks):
    task = question_task()
    client.force_login(anouk)

    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, task, "answer", body="")

    assert response.status_code == 200
    assert response.context["forms"]["answer"].errors["body"]
    assert mail.outbox == []
    task.refresh_from_db()
    assert task.status == Status.OPEN
