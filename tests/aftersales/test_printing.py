"""The selected thank-yous as cards (A3, A4): the tier's text in the customer's language with
their details, or staff's own text for them; one PDF; printed tasks marked so."""

import io

import pytest
from pypdf import PdfReader

from aftersales import printing, working
from aftersales.cards import Layout
from aftersales.models import MessageTemplate, Task, TierChoice
from tests.aftersales.task_support import staff_member, thank_you_task

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.rule("A4")
@pytest.mark.parametrize(("language", "greeting"), [("nl", "Beste Sanne"), ("en", "Dear Sanne")])
def test_a4_the_card_speaks_the_language_the_customer_shopped_in(language, greeting):
    task = thank_you_task(language=language)

    message = printing.message_for(task, staff_member())

    assert message.startswith(greeting + ",")
    assert "Bureaulamp" in message


@pytest.mark.rule("A3")
def test_a3_staffs_own_text_for_one_customer_replaces_the_template_with_its_fields_filled_in():
    anouk = staff_member(first_name="Anouk")
    task = thank_you_task()
    working.set_message(task.pk, anouk, "Hoi {voornaam}, veel plezier met {product}!")

    task = Task.objects.get(pk=task.pk)
    assert printing.message_for(task) == "Hoi Sanne, veel plezier met Bureaulamp!"
    assert printing.card_for(task).signature == "Anouk"


@pytest.mark.rule("A4")
def test_a4_a_language_without_its_own_text_gets_the_shops_language():
    MessageTemplate.objects.filter(tier=TierChoice.CARD, language="en").delete()

    message = printing.message_for(thank_you_task(language="en"))

    assert message.startswith("Dear Sanne,")  # the fallbacks still speak English
    assert "Wat fijn" in message


@pytest.mark.rule("A3")
def test_a3_printing_the_selection_gives_one_pdf_with_address_and_message_and_marks_them_printed():
    anouk = staff_member(first_name="Anouk")
    tasks = [thank_you_task(email=f"klant{n}@example.test") for n in range(3)]

    pdf, refused = printing.print_cards([task.pk for task in tasks], anouk, Layout.FOUR_ON_A4)

    text = pdf_text(pdf)
    assert refused == []
    assert "Sanne de Vries" in text
    assert "3511 AB" in text
    assert "Oudegracht 12" in text
    assert "Wat fijn" in text
    assert set(Task.objects.values_list("status", flat=True)) == {Task.Status.PRINTED}


@pytest.mark.rule("A3")
def test_a3_nothing_printable_gives_no_pdf_and_says_why():
    task = thank_you_task()
    working.claim(task.pk, staff_member(first_name="Pieter"))

    pdf, refused = printing.print_cards([task.pk], staff_member(first_name="Anouk"), Layout.POSTCARD)

    assert pdf is None
    assert "Pieter Jansen heeft deze taak al opgepakt" in refused[0]
