"""Escalation (W14): a return whose refund is not made 12 days after the notice, two days before the
legal deadline (W8), is on the staff's escalation list and in the daily e-mail to the Order
managers (ACCEPTANCE, issue 11). The clock is fixed: the dashboard's "today" is patched and the
command is given --today."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from commerce.order.emails import public_root_url
from commerce.returns import refunds
from commerce.returns.dashboard import views
from home.clock import amsterdam_date
from home.staff_groups import EDITORS, ORDER_MANAGERS
from tests.commerce.fulfilment_support import paid_order
from tests.commerce.returns.returns_support import ship_everything
from tests.commerce.returns.staff_support import order_manager, return_url, withdraw
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("returns_dashboard:return-list")


@pytest.fixture
def late_return(shop):
    """Withdrawn today (the notice), goods not back, refund not made."""
    order = ship_everything(paid_order([(ProductFactory(title="Bureaulamp", price=Decimal("30.00")), 1)]))
    return withdraw(order)


@pytest.fixture
def clock(monkeypatch):
    def set_today(day):
        monkeypatch.setattr(views, "amsterdam_today", lambda: day)

    return set_today


def escalated_on_the_list(client) -> list[str]:
    response = client.get(LIST, {"refund": "escalated"})
    assert response.status_code == 200
    return [return_request.number for return_request in response.context["returns"]]


def run_command(day) -> str:
    output = io.StringIO()
    call_command("email_return_escalations", "--today", day.isoformat(), stdout=output)
    return output.getvalue()


@pytest.mark.rule("W14", "W8")
def test_a_return_12_days_after_its_notice_is_escalated_and_e_mailed(client, late_return, clock):
    manager = order_manager(client)
    second_manager = UserFactory(email="inkoop@winkelier.test", groups=[ORDER_MANAGERS])
    UserFactory(email="weg@winkelier.test", groups=[ORDER_MANAGERS], is_active=False)
    UserFactory(email="redactie@winkelier.test", groups=[EDITORS])
    notice_on = amsterdam_date(late_return.notice_at)
    assert late_return.legal_refund_deadline == notice_on + timedelta(days=14)

    clock(notice_on + timedelta(days=11))
    assert escalated_on_the_list(client) == []
    assert "no escalated returns" in run_command(notice_on + timedelta(days=11))
    assert mail.outbox == []

    clock(notice_on + timedelta(days=12))
    assert escalated_on_the_list(client) == [late_return.number]
    output = run_command(notice_on + timedelta(days=12))

    assert "1 escalated" in output
    assert sorted(message.to[0] for message in mail.outbox) == sorted([manager.email, second_manager.email])
    message = mail.outbox[0]
    assert message.subject == "1 retour geëscaleerd: terugbetalen voor de wettelijke termijn"
    deadline = late_return.legal_refund_deadline
    assert late_return.number in message.body
    assert late_return.order.number in message.body
    assert f"Uiterlijk terugbetalen (wet): {deadline.day} " in message.body
    assert f"{public_root_url()}{return_url(late_return)}" in message.body  # a link that works from a mail
    assert return_url(late_return) in message.alternatives[0][0]


@pytest.mark.rule("W14")
def test_once_refunded_it_is_no_longer_escalated_and_nobody_is_e_mailed(client, late_return, clock):
    order_manager(client)
    refunds.record_bank_transfer(late_return, "NL-2027-0001", "test")
    day = amsterdam_date(late_return.notice_at) + timedelta(days=13)

    clock(day)
    assert escalated_on_the_list(client) == []
    assert "no escalated returns" in run_command(day)
    assert mail.outbox == []


def test_escalations_nobody_could_be_told_about_fail_the_command(late_return):
    Group.objects.get_or_create(name=ORDER_MANAGERS)  # a group without members
    day = amsterdam_date(late_return.notice_at) + timedelta(days=12)

    with pytest.raises(CommandError, match="1 escalated"):
        run_command(day)
