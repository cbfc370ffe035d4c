"""The owner's thank-you rules in the Wagtail admin (A1): After-sales staff read them, After-sales
managers change them, and a rule missing its value is refused with a message."""

from decimal import Decimal

import pytest
from django.urls import reverse

from aftersales.models import TierRule
from home.staff_groups import AFTER_SALES, AFTER_SALES_MANAGERS, EDITORS
from tests.aftersales.task_support import log_in_staff

pytestmark = pytest.mark.django_db

LIST = reverse("wagtailsnippets_aftersales_tierrule:list")


def edit_url(rule):
    return reverse("wagtailsnippets_aftersales_tierrule:edit", args=[rule.pk])


def form_data(rule, **changes):
    data = {
        "sort_order": rule.sort_order,
        "condition": rule.condition,
        "amount": rule.amount or "",
        "every": rule.every or "",
        "product_class": "",
        "category": "",
        "tier": rule.tier,
        "budget": rule.budget or "",
        "active": "on" if rule.active else "",
    }
    return {**data, **changes}


@pytest.mark.rule("A1")
def test_a1_after_sales_staff_read_the_default_rules_but_cannot_change_them(client):
    log_in_staff(client, AFTER_SALES)
    listing = client.get(LIST)
    assert listing.status_code == 200
    assert "Eerste bestelling" in listing.content.decode()
    assert TierRule.objects.count() == 6  # A1's defaults, from the migration

    rule = TierRule.objects.get(condition="order_total_at_least", tier=3)
    response = client.post(edit_url(rule), form_data(rule, amount="1"))
    assert response.status_code in (302, 403)
    rule.refresh_from_db()
    assert rule.amount == Decimal("500.00")


@pytest.mark.rule("A1")
def test_a1_a_manager_changes_a_threshold(client):
    log_in_staff(client, AFTER_SALES_MANAGERS)
    rule = TierRule.objects.get(condition="order_total_at_least", tier=3)

    response = client.post(edit_url(rule), form_data(rule, amount="400.00"))

    assert response.status_code == 302, response.context["form"].errors
    rule.refresh_from_db()
    assert rule.amount == Decimal("400.00")


@pytest.mark.rule("A1")
def test_a1_a_rule_without_its_value_is_refused_and_nothing_changes(client):
    log_in_staff(client, AFTER_SALES_MANAGERS)
    rule = TierRule.objects.get(condition="every_nth_order")

    response = client.post(edit_url(rule), form_data(rule, every="", amount="50"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Deze voorwaarde heeft dit nodig." in page
    assert "Laat dit leeg bij deze voorwaarde." in page
    rule.refresh_from_db()
    assert rule.every == 10


def test_editors_do_not_see_the_rules(client):
    log_in_staff(client, EDITORS)
    assert client.get(LIST).status_code in (302, 403)
