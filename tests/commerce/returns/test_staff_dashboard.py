"""Returns ("Retouren") in Oscar's dashboard (issue 11 item 5): who may see it, the list's filters (W14: due,
goal today, overdue, escalated), the counts on the dashboard home, the links on Oscar's order
page, and a list whose query count does not grow with the number of returns."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commerce.returns import refunds
from commerce.returns.models import Refund, Return
from home.clock import amsterdam_today
from home.staff_groups import AFTER_SALES, EDITORS
from tests.commerce.fulfilment_support import paid_order
from tests.commerce.returns.returns_support import ship_everything
from tests.commerce.returns.staff_support import order_manager, return_url, withdraw
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("returns_dashboard:return-list")


def delivered_order():
    return ship_everything(paid_order([(ProductFactory(title="Bureaulamp", price=Decimal("30.00")), 1)]))


@pytest.fixture
def a_return(shop):
    return withdraw(delivered_order())


def test_an_order_manager_opens_the_returns_from_the_dashboard_menu(client, a_return):
    order_manager(client)

    home = client.get(reverse("dashboard:index"))
    listed = client.get(LIST)
    detail = client.get(return_url(a_return))

    assert home.status_code == 200
    assert f'href="{LIST}"' in home.content.decode()  # "Retouren" in the menu, under Fulfilment
    assert listed.status_code == 200
    assert [r.number for r in listed.context["returns"]] == [a_return.number]
    assert detail.status_code == 200
    assert a_return.order.number in detail.content.decode()


@pytest.mark.parametrize("group", [EDITORS, AFTER_SALES])
def test_editors_and_after_sales_get_403(client, a_return, group):
    client.force_login(UserFactory(groups=[group]))

    assert client.get(LIST).status_code == 403
    assert client.get(return_url(a_return)).status_code == 403
    assert client.post(return_url(a_return, "refund")).status_code == 403
    assert not Refund.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, a_return):
    for response in (client.get(LIST), client.post(return_url(a_return, "approve"))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("dashboard:login"))


def test_the_list_filters_on_state_refund_due_goal_overdue_and_escalated(client, shop):
    """W14: the goal (4 working days after arrival) falling today, passed, and the escalation
    (2 days before the legal deadline), each until the refund is made."""
    manager = order_manager(client)
    today = amsterdam_today()
    fresh, due_today, late, escalated = (withdraw(delivered_order()) for _ in range(4))
    Return.objects.filter(pk=due_today.pk).update(refund_goal_on=today)
    Return.objects.filter(pk=late.pk).update(refund_goal_on=today - timedelta(days=1))
    Return.objects.filter(pk=escalated.pk).update(escalate_on=today)

    def listed(**filters) -> set[str]:
        response = client.get(LIST, filters)
        assert response.status_code == 200
        return {return_request.number for return_request in response.context["returns"]}

    everything = {r.number for r in (fresh, due_today, late, escalated)}
    assert listed() == everything
    assert listed(refund="due") == everything  # authorised, nothing refunded yet
    assert listed(refund="today") == {due_today.number}
    assert listed(refund="overdue") == {late.number}
    assert listed(refund="escalated") == {escalated.number}
    assert listed(q=late.order.number) == {late.number}
    assert listed(q=escalated.number, state="authorised") == {escalated.number}

    refunds.record_bank_transfer(late, "NL-OVERBOEKING-1", manager)
    refunds.record_bank_transfer(escalated, "NL-OVERBOEKING-2", manager)

    assert listed(refund="overdue") == set()
    assert listed(refund="escalated") == set()
    assert listed(refund="due") == {fresh.number, due_today.number}
    assert listed(state="refunded") == {late.number, escalated.number}
    assert client.get(LIST, {"state": "zoek-maar"}).status_code == 400


@pytest.mark.rule("W14")
def test_the_dashboard_home_counts_todays_refunds_and_the_escalated_ones(client, shop):
    order_manager(client)
    today = amsterdam_today()
    due_today = [withdraw(delivered_order()) for _ in range(2)]
    Return.objects.filter(pk__in=[r.pk for r in due_today]).update(refund_goal_on=today)
    Return.objects.filter(pk=withdraw(delivered_order()).pk).update(escalate_on=today - timedelta(days=1))
    withdraw(delivered_order())  # nothing due yet

    page = client.get(reverse("dashboard:index")).content.decode()

    assert "2 terugbetalingen vandaag" in page
    assert "1 geëscaleerd" in page
    assert f"{LIST}?refund=today" in page
    assert f"{LIST}?refund=escalated" in page


def test_the_order_page_links_to_its_returns_registering_and_cancelling(client, shop):
    order_manager(client)
    paid = paid_order([(ProductFactory(price=Decimal("30.00")), 1)])
    cancel_link = reverse("returns_dashboard:order-cancel", kwargs={"number": paid.number})

    before_dispatch = client.get(reverse("dashboard:order-detail", kwargs={"number": paid.number}))
    page = before_dispatch.content.decode()
    assert f"{reverse('returns_dashboard:return-register')}?order={paid.number}" in page
    assert cancel_link in page

    return_request = withdraw(ship_everything(paid))
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": paid.number})).content.decode()
    assert return_url(return_request) in page
    assert cancel_link not in page  # dispatched: no cancelling any more


def test_the_list_takes_as_many_queries_for_50_returns_as_for_1(shop):
    client = Client()
    order_manager(client)
    manager_returns = [withdraw(delivered_order())]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST)
        assert response.status_code == 200
        assert len(response.context["returns"]) == min(len(manager_returns), 25)
        return len(captured)

    queries()  # warm caches (site, settings)
    one = queries()
    for index in range(49):
        return_request = withdraw(delivered_order())
        if index % 2:  # half of them with their refund recorded
            refunds.record_bank_transfer(return_request, f"NL-{index}", "test")
        manager_returns.append(return_request)
    fifty = queries()

    print(f"returns list: {one} queries for 1 return, {fifty} for 50 (one page of 25)")
    assert fifty == one
    assert one <= 20
