"""The order's thank-you beside the dispatch form of the dashboard's order page (issue 12 item 2):
the card goes before the invoice, which goes with the parcel (A2); a hold-out order says so (A8).
Order managers see it; those who may see the after-sales queue also get the link to the task."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aftersales import deciding, working
from aftersales.models import Task
from tests.commerce.fulfilment_support import paid_order
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

NOTICE = 'id="thank-you-notice"'


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def place(settings):
    """A paid order (the order managers' partner's stock) with its thank-you decided."""

    def place(holdout_share="0", email="sanne@example.test"):
        settings.WINKELIER_HOLDOUT_SHARE = Decimal(holdout_share)
        order = paid_order([(ProductFactory(price=Decimal("30.00"), num_in_stock=10), 1)], email=email)
        return order, deciding.decide(order.pk)

    return place


def order_page(client, order):
    response = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index(NOTICE)
    return html, html[start : html.index("</div>", start)]


def task_link(task):
    return f'href="{reverse("aftersales:task", args=[task.pk])}"'


@pytest.mark.rule("A2")
def test_a2_an_open_card_shows_beside_the_dispatch_form_with_its_due_day(client, place, order_manager_user):
    order, task = place()
    client.force_login(order_manager_user)

    html, notice = order_page(client, order)

    assert html.index(NOTICE) < html.index('id="dispatch"')  # beside the dispatch form
    assert "Kaartje nog niet verstuurd" in notice
    assert "Kaartje" in notice
    assert task.due_on.strftime("%d-%m-%Y") in notice
    assert "te laat" not in notice
    assert task_link(task) not in html  # order managers do not work the after-sales queue


@pytest.mark.rule("A2")
def test_a2_an_overdue_card_says_te_laat_and_staff_of_the_queue_get_its_link(client, place, superuser):
    order, task = place()
    Task.objects.filter(pk=task.pk).update(due_on=task.due_on - timedelta(days=10))
    client.force_login(superuser)

    _html, notice = order_page(client, order)

    assert "Kaartje nog niet verstuurd" in notice
    assert "te laat" in notice
    assert task_link(task) in notice


def test_a_sent_thank_you_shows_its_day(client, place, superuser, order_manager_user):
    order, task = place()
    working.mark_sent(task.pk, superuser, "Kaartje met bedankje", Decimal("1.50"))
    task.refresh_from_db()

    for user in (order_manager_user, superuser):
        client.force_login(user)
        _html, notice = order_page(client, order)
        assert f"Bedankje verstuurd op {task.sent_on.strftime('%d-%m-%Y')}" in notice
        assert "nog niet verstuurd" not in notice


@pytest.mark.rule("A8")
def test_a8_a_hold_out_order_shows_hold_out_and_no_task_to_do(client, place, superuser, order_manager_user):
    order, task = place(holdout_share="1")
    assert task.status == Task.Status.HELD_OUT

    for user in (order_manager_user, superuser):
        client.force_login(user)
        html, notice = order_page(client, order)
        assert "Controlegroep (hold-out): geen bedankje" in notice
        assert "nog niet verstuurd" not in html
        assert task_link(task) not in html


def test_an_order_without_a_thank_you_shows_nothing_and_the_notice_costs_one_query(
    client, place, superuser, order_manager_user
):
    first, _card = place()
    second, nothing = place()  # the same customer's second order earns nothing (A1)
    assert nothing is None
    client.force_login(order_manager_user)

    def queries(order):
        url = reverse("dashboard:order-detail", kwargs={"number": order.number})
        client.get(url)  # warm the caches (site, settings, permissions)
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        return len(captured), html

    with_card, card_html = queries(first)
    without, plain_html = queries(second)

    assert NOTICE in card_html
    assert NOTICE not in plain_html
    assert with_card == without  # one query for the order's thank-you, found or not
