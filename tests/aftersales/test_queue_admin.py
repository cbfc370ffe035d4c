"""The after-sales corner of the Wagtail admin: the "After-sales" menu (queue, thank-you rules,
card texts), the queue's figures on the admin home (A2: overdue counted) and the card texts per
tier and language that staff edit (A4), refused with unknown merge fields."""

import re

import pytest
from django.urls import reverse

from aftersales.models import MessageTemplate, Task, TierChoice
from home.staff_groups import AFTER_SALES, EDITORS
from tests.aftersales.task_support import copies_of, placed_order, staff_member, tasks_on

pytestmark = pytest.mark.django_db

HOME = reverse("wagtailadmin_home")
TEXTS = reverse("wagtailsnippets_aftersales_messagetemplate:list")
Status = Task.Status


def logged_in(client, group, first_name="Femke"):
    user = staff_member(group, first_name=first_name)
    client.force_login(user)
    return user


def figure(page, label):
    """The number next to `label` in the home panel, and where the label links to."""
    found = re.search(rf'<a href="([^"]*)">{label}</a>\s*</td>\s*<td>\s*(?:<strong[^>]*>)?(\d+)', page, re.S)
    assert found, f"no {label!r} in the after-sales panel"
    return int(found.group(2)), found.group(1)


@pytest.mark.rule("A2")
def test_a2_the_admin_home_counts_the_overdue_tasks(client):
    logged_in(client, AFTER_SALES)
    statuses = [Status.OPEN, Status.CLAIMED, Status.PRINTED, Status.SENT, Status.SKIPPED, Status.HELD_OUT]
    # Each status due two days ago and today: overdue are the three still waiting of two days ago.
    tasks_on(copies_of(placed_order(), 2 * len(statuses)), statuses=statuses, days=[-2] * 6 + [0] * 6)

    page = client.get(HOME).content.decode()

    assert figure(page, "Te laat") == (3, reverse("aftersales:queue") + "?due=overdue")
    assert figure(page, "Nog te doen") == (6, reverse("aftersales:queue"))
    assert figure(page, "Geprint, nog niet verstuurd") == (2, reverse("aftersales:queue") + "?status=printed")
    assert figure(page, "Open vragen") == (0, reverse("aftersales:queue") + "?kind=question")
    for label in ("Nog te doen", "Te laat", "Geprint, nog niet verstuurd"):  # each link lists its count
        count, link = figure(page, label)
        assert client.get(link).context["page"].paginator.count == count


def test_editors_see_neither_the_panel_nor_the_menu(client):
    logged_in(client, EDITORS)

    page = client.get(HOME).content.decode()

    assert 'id="aftersales-queue' not in page
    for label in ("After-sales", "Kaartteksten", "Bedankregels"):
        assert label not in page
    assert client.get(reverse("aftersales:queue")).status_code == 302


def test_after_sales_staff_find_the_queue_rules_and_card_texts_in_one_menu(client):
    logged_in(client, AFTER_SALES)

    page = client.get(HOME).content.decode()

    menu = page[page.index('"name": "after-sales"') :]
    for label, url in (
        ("Taken", reverse("aftersales:queue")),
        ("Bedankregels", reverse("wagtailsnippets_aftersales_tierrule:list")),
        ("Kaartteksten", TEXTS),
    ):
        assert f'"label": "{label}"' in menu
        assert f'"url": "{url}"' in menu


@pytest.mark.rule("A4")
def test_a4_staff_edit_a_card_text_per_tier_and_language(client):
    logged_in(client, AFTER_SALES)
    card_nl = MessageTemplate.objects.get(tier=TierChoice.CARD, language="nl")
    edit = reverse("wagtailsnippets_aftersales_messagetemplate:edit", args=[card_nl.pk])

    listing = client.get(TEXTS)
    assert listing.status_code == 200
    assert listing.content.decode().count(edit) >= 1
    form = client.get(edit).content.decode()
    assert "{aanhef} {voornaam} {product} {bestelnummer} {medewerker} {winkel}" in form

    response = client.post(edit, {"body": "{aanhef},\n\nDank je wel voor {product}!"})

    assert response.status_code == 302
    card_nl.refresh_from_db()
    assert card_nl.body == "{aanhef},\n\nDank je wel voor {product}!"
    assert (card_nl.tier, card_nl.language) == (TierChoice.CARD, "nl")


@pytest.mark.rule("A4")
def test_a4_a_card_text_with_an_unknown_merge_field_is_refused(client):
    logged_in(client, AFTER_SALES)
    card_en = MessageTemplate.objects.get(tier=TierChoice.CARD, language="en")
    before = card_en.body

    response = client.post(
        reverse("wagtailsnippets_aftersales_messagetemplate:edit", args=[card_en.pk]),
        {"body": "Dear {achternaam}, thanks for {product}!"},
    )

    assert response.status_code == 200
    assert "Onbekende invulvelden: achternaam." in response.content.decode()
    card_en.refresh_from_db()
    assert card_en.body == before


def test_card_texts_are_never_added_or_deleted_not_even_by_a_superuser(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser(email="baas@winkelier.test", password="x"))
    card_nl = MessageTemplate.objects.get(tier=TierChoice.CARD, language="nl")

    assert client.get(reverse("wagtailsnippets_aftersales_messagetemplate:add")).status_code == 302
    delete = reverse("wagtailsnippets_aftersales_messagetemplate:delete", args=[card_nl.pk])
    assert client.post(delete).status_code == 302
    assert MessageTemplate.objects.count() == 8
