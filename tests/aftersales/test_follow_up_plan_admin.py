"""A6 in the Wagtail admin: the owner's follow-up plan ("Opvolgplan"). After-sales staff edit the
e-mails, managers add and remove steps, per segment and first or repeat order; a text with an
unknown merge field is refused; the editor's preview shows the e-mail in Dutch and English."""

import re

import pytest
from django.urls import reverse

from aftersales.models import FollowUpStep
from home.staff_groups import AFTER_SALES, AFTER_SALES_MANAGERS, EDITORS
from tests.aftersales.followup_support import delivered_order, shelf_product
from tests.aftersales.task_support import log_in_staff

pytestmark = [pytest.mark.django_db, pytest.mark.rule("A6")]

LIST = reverse("wagtailsnippets_aftersales_followupstep:list")
ADD = reverse("wagtailsnippets_aftersales_followupstep:add")


def edit_url(step):
    return reverse("wagtailsnippets_aftersales_followupstep:edit", args=[step.pk])


def form_data(step=None, **changes):
    data = {
        "kind": "review",
        "applies_to": "any",
        "day": "10",
        "margin_days": "4",
        "marketing": "on",
        "active": "on",
        "subject_nl": "Wat vind je van {product}?",
        "body_nl": "{aanhef},\n\nVertel het ons!",
        "subject_en": "What do you think of {product}?",
        "body_en": "{aanhef},\n\nTell us!",
    }
    if step is not None:
        data.update(
            kind=step.kind,
            applies_to=step.applies_to,
            day=str(step.day),
            margin_days=str(step.margin_days),
            marketing="on" if step.marketing else "",
            subject_nl=step.subject_nl,
            body_nl=step.body_nl,
            subject_en=step.subject_en,
            body_en=step.body_en,
        )
    return {**data, **changes}


def test_a6_after_sales_staff_see_the_default_plan_and_edit_its_texts(client):
    log_in_staff(client, AFTER_SALES)
    listing = client.get(LIST)
    assert listing.status_code == 200
    assert "Vraag om een review (dag 10)" in listing.content.decode()
    assert FollowUpStep.objects.count() == 8  # the plan's defaults, from the migration

    review = FollowUpStep.objects.get(kind="review")
    response = client.post(edit_url(review), form_data(review, subject_nl="Hoe bevalt {product}?"))

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.subject_nl == "Hoe bevalt {product}?"
    assert client.get(ADD).status_code in (302, 403)  # adding steps is the managers' work


def test_a6_a_text_with_an_unknown_merge_field_is_refused_and_what_was_typed_stays(client):
    log_in_staff(client, AFTER_SALES)
    review = FollowUpStep.objects.get(kind="review")

    response = client.post(edit_url(review), form_data(review, body_nl="Hoi {naam}, schrijf een review!"))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Onbekend invulveld: {naam}" in text
    assert "Hoi {naam}, schrijf een review!" in text
    review.refresh_from_db()
    assert "{naam}" not in review.body_nl


def test_a6_a_manager_adds_a_step_for_some_segments_on_repeat_orders(client):
    log_in_staff(client, AFTER_SALES_MANAGERS)

    response = client.post(ADD, form_data(applies_to="repeat", segments=["at_risk", "cant_lose"]))

    assert response.status_code == 302
    step = FollowUpStep.objects.latest("pk")
    assert (step.applies_to, step.segments) == ("repeat", ["at_risk", "cant_lose"])
    edit = client.get(edit_url(step)).content.decode()
    assert re.search(r'value="at_risk"[^>]* checked', edit)
    assert not re.search(r'value="lost"[^>]* checked', edit)


def test_a6_editors_do_not_see_the_plan(client):
    log_in_staff(client, EDITORS)

    assert client.get(LIST).status_code in (302, 403)


def test_a6_the_editors_preview_shows_the_email_of_the_latest_order_in_each_language(client):
    delivered_order(shelf_product())
    log_in_staff(client, AFTER_SALES)
    review = FollowUpStep.objects.get(kind="review")
    preview = reverse("wagtailsnippets_aftersales_followupstep:preview_on_edit", args=[review.pk])

    typed = form_data(review, subject_nl="Hoe bevalt {product}, {voornaam}?")
    assert client.post(preview, typed).json()["is_valid"] is True
    dutch = client.get(preview, {"mode": "nl"}).content.decode()
    english = client.get(preview, {"mode": "en"}).content.decode()

    assert "Hoe bevalt Theepot, Sanne?" in dutch  # the typed text, not yet saved
    assert "Afmelden met één klik" in dutch
    assert "What do you think of Theepot?" in english
