"""A line an exception excludes (W13 c, personalised): refused at once on the web, where the
customer reads why; registered by staff when the notice came by letter, e-mail or phone, then
rejected naming the rule, and the customer is told by e-mail (W17)."""

from decimal import Decimal

import pytest
from django.core import mail

from commerce.catalogue.withdrawal_exceptions import WithdrawalException
from commerce.returns import decisions, withdrawing
from commerce.returns.models import Channel, State
from commerce.returns.policy import Eligibility
from commerce.returns.transitions import ReturnRefused
from tests.commerce.fulfilment_support import paid_order
from tests.commerce.returns.returns_support import ship_everything
from tests.factories import ProductClassFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def engraved_mug_order(shop):
    personalised = ProductClassFactory(
        name="Maatwerk en personalisatie", withdrawal_exception=WithdrawalException.PERSONALISED
    )
    mug = ProductFactory(title="Mok met eigen naam", price=Decimal("14.95"), product_class=personalised)
    order = ship_everything(paid_order([(mug, 1)]))
    order.lines.get().attributes.create(type="Naam op de mok", value="Fleur")
    return order


def withdraw_mug(order, **channel):
    choices = [withdrawing.LineChoice(order.lines.get(), 1)]
    return withdrawing.withdraw(order, choices, name="Fleur Jansen", email=order.email, **channel)


@pytest.mark.rule("W13")
def test_w13_c_a_personalised_line_is_refused_at_once_on_the_web(engraved_mug_order):
    with pytest.raises(ReturnRefused, match=r"W13 \(c\)"):
        withdraw_mug(engraved_mug_order)
    assert not engraved_mug_order.returns.exists()


@pytest.mark.rule("W13", "W17")
def test_w13_c_a_letter_about_a_personalised_line_is_recorded_reviewed_and_rejected_naming_the_rule(
    engraved_mug_order, committed
):
    staff = UserFactory(email="orders@winkelier.test")
    with committed():
        return_request = withdraw_mug(engraved_mug_order, channel=Channel.LETTER, actor=staff)

    assert return_request.state == State.REVIEW
    assert return_request.lines.get().eligibility == Eligibility.REFUSED
    reason = "W13 (c): de mok is met de naam Fleur bedrukt, speciaal voor jou gemaakt."
    with committed():
        decisions.reject(return_request, reason, staff)

    return_request.refresh_from_db()
    assert return_request.state == State.REJECTED
    assert [event.to_state for event in return_request.events.all()] == ["requested", "review", "rejected"]
    rejection = mail.outbox[-1]
    assert return_request.number in rejection.subject
    assert "W13 (c)" in rejection.body
