"""W15: an exchange for another variant at the same price goes out without a new payment; it
never holds up the withdrawal."""

from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model

from commerce.invoices.models import Invoice
from commerce.order import statuses
from commerce.returns import receiving, withdrawing
from commerce.returns.models import Refund, State
from tests.commerce.returns.returns_support import refunded_at_stripe, ship_everything, stripe_paid_order
from tests.factories import ParentProductFactory

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def jeans(stripe_api, shop):
    return ParentProductFactory(
        title="Jeans", children=[("Maat 30", "59.00"), ("Maat 32", "59.00"), ("Maat 40", "64.00")]
    )


def withdraw_for(committed, order, product):
    with committed():
        return withdrawing.withdraw(
            order,
            [withdrawing.LineChoice(order.lines.get(), 1)],
            name="Sanne de Vries",
            email=order.email,
            exchange_for=product,
        )


@pytest.mark.rule("W15")
def test_exchange_for_another_size_ships_it_without_payment_and_settles_the_return(jeans, committed):
    size_30, size_32, _size_40 = jeans.children.order_by("title")
    order = ship_everything(stripe_paid_order([(size_30, 1)]))

    return_request = withdraw_for(committed, order, size_32)

    exchange_order = Order.objects.get(number=return_request.number)
    assert exchange_order.status == statuses.PAID
    assert [(line.product, line.quantity) for line in exchange_order.lines.all()] == [(size_32, 1)]
    assert exchange_order.total_incl_tax == Decimal("59.00")
    assert StockRecord.objects.get(product=size_32).num_allocated == 1

    with committed():
        receiving.receive(return_request, {return_request.lines.get().pk: True}, actor="test")

    return_request.refresh_from_db()
    assert return_request.state == State.CLOSED
    assert return_request.refund.method == Refund.Method.EXCHANGE
    assert refunded_at_stripe(order) == []  # nothing paid out: the exchange settles it
    note = return_request.refund.credit_notes.get()
    assert Decimal(note.snapshot["total_incl_tax"]) == Decimal("-59.00")  # no delivery cost back
    assert note.kind == Invoice.Kind.CREDIT_NOTE
    assert "ruil" in mail.outbox[-1].subject


@pytest.mark.rule("W15")
def test_a_different_price_never_blocks_the_withdrawal_it_becomes_a_plain_return(jeans, committed):
    size_30, _size_32, size_40 = jeans.children.order_by("title")
    order = ship_everything(stripe_paid_order([(size_30, 1)]))

    return_request = withdraw_for(committed, order, size_40)

    return_request.refresh_from_db()
    assert return_request.state == State.AUTHORISED
    assert return_request.exchange_for is None
    assert not Order.objects.filter(number=return_request.number).exists()
    assert "gewone retour" in return_request.events.last().note
