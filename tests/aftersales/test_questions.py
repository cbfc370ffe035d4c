"""A customer's question about an order (A7): a task in the queue due the next working day, a
confirmation at once, staff's answer by e-mail, both kept in the order's communication log."""

from datetime import date

import pytest
from django.core import mail

from aftersales import questions
from aftersales.models import Question, Task
from aftersales.working import TaskRefused
from tests.aftersales.task_support import staff_member, thank_you_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def order():
    return thank_you_task().order


def logged_codes(order):
    return list(order.communication_events.values_list("event_type__code", flat=True))


@pytest.mark.rule("A7", "N4")
def test_a7_a_question_becomes_a_task_due_the_next_working_day_and_is_confirmed(
    order, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(questions, "amsterdam_today", lambda: date(2026, 12, 4))  # a Friday

    with django_capture_on_commit_callbacks(execute=True):
        question = questions.ask(order, Question.Subject.DELIVERY, " Waar blijft mijn lamp? ")

    task = question.task
    assert (task.kind, task.status, task.order) == (Task.Kind.QUESTION, Task.Status.OPEN, order)
    assert task.due_on == date(2026, 12, 7)  # Monday
    assert question.body == "Waar blijft mijn lamp?"
    assert mail.outbox[-1].to == ["sanne@example.test"]
    assert "Waar blijft mijn lamp?" in mail.outbox[-1].body
    assert "binnen één werkdag" in mail.outbox[-1].body
    assert logged_codes(order) == [questions.RECEIVED.upper()]


@pytest.mark.rule("A7")
def test_a7_staffs_answer_is_emailed_logged_and_closes_the_question(
    order, django_capture_on_commit_callbacks
):
    question = questions.ask(order, Question.Subject.PRODUCT, "Is de lamp dimbaar?")
    anouk = staff_member(first_name="Anouk")

    with django_capture_on_commit_callbacks(execute=True):
        questions.answer(question.task.pk, anouk, "Ja, met elke gewone dimmer.")

    task = Task.objects.get(pk=question.task.pk)
    assert (task.status, task.assignee) == (Task.Status.SENT, anouk)
    sent = mail.outbox[-1]
    assert "Antwoord op je vraag over bestelling" in sent.subject
    assert "Ja, met elke gewone dimmer." in sent.body
    assert "Is de lamp dimbaar?" in sent.body
    assert questions.ANSWERED.upper() in logged_codes(order)


@pytest.mark.rule("A7")
def test_a7_an_empty_answer_is_refused_and_nothing_is_sent(order, django_capture_on_commit_callbacks):
    question = questions.ask(order, Question.Subject.OTHER, "Hallo?")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TaskRefused, match="Schrijf eerst"):
        questions.answer(question.task.pk, staff_member(), "   ")

    assert Task.objects.get(pk=question.task.pk).status == Task.Status.OPEN
    assert question.answers.count() == 0


@pytest.mark.rule("A7")
def test_a7_an_english_customer_is_answered_in_english(django_capture_on_commit_callbacks):
    order = thank_you_task(language="en").order

    with django_capture_on_commit_callbacks(execute=True):
        question = questions.ask(order, Question.Subject.INVOICE, "Can I get the invoice again?")
    with django_capture_on_commit_callbacks(execute=True):
        questions.answer(question.task.pk, staff_member(), "It is attached to your confirmation.")

    assert mail.outbox[-2].subject.startswith("We have received your question about order")
    assert mail.outbox[-1].subject.startswith("Answer to your question about order")
