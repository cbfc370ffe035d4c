"""The return of one line from a delivered, Stripe-paid order: withdraw, receive, refund (W8, W9,
W17), credit note (N3) and stock back once."""

from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from oscar.core.loading import get_model

from commerce.invoices.models import Invoice
from commerce.order import statuses
from commerce.returns import receiving, refunds, withdrawing
from commerce.returns.models import Refund, State
from tests.commerce.returns.returns_support import refunded_at_stripe, ship_everything, stripe_paid_order
from tests.factories import ProductFactory

StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(stripe_api, shop):
    lamp = ProductFactory(title="Bureaulamp", price=Decimal("30.00"), num_in_stock=5)
    mug = ProductFactory(title="Mok", price=Decimal("12.50"), num_in_stock=5)
    return ship_everything(stripe_paid_order([(lamp, 1), (mug, 2)]))


@pytest.fixture
def withdraw(committed):
    def withdraw(order, line, quantity):
        with committed():
            return withdrawing.withdraw(
                order, [withdrawing.LineChoice(line, quantity)], name="Sanne de Vries", email=order.email
            )

    return withdraw


@pytest.fixture
def receive(committed):
    def receive(return_request, resellable: bool):
        with committed():
            receiving.receive(
                return_request, {line.pk: resellable for line in return_request.lines.all()}, "test"
            )
        return_request.refresh_from_db()

    return receive


@pytest.mark.rule("W8", "W9", "W17")
def test_one_line_back_resellable_is_refunded_at_stripe_with_a_credit_note_and_stock_back(
    delivered, withdraw, receive
):
    lamp_line, mug_line = delivered.lines.order_by("pk")
    return_request = withdraw(delivered, mug_line, 1)
    assert return_request.state == State.AUTHORISED
    acknowledgement = mail.outbox[-1]
    assert return_request.number in acknowledgement.subject

    receive(return_request, True)

    refund = Refund.objects.get(return_request=return_request)
    assert refund.status == Refund.Status.SUCCEEDED
    assert refund.amount == Decimal("12.50")  # one mug, no delivery cost: not the whole order
    assert refunded_at_stripe(delivered) == [1250]
    note = refund.credit_notes.get()
    assert note.kind == Invoice.Kind.CREDIT_NOTE
    assert note.credits.order_id == delivered.pk
    assert Decimal(note.snapshot["total_incl_tax"]) == Decimal("-12.50")
    assert StockRecord.objects.get(product=mug_line.product).num_in_stock == 4  # 5 - 2 shipped + 1 back
    return_request.refresh_from_db()
    assert return_request.state == State.CLOSED
    assert [event.to_state for event in return_request.events.all()] == [
        "requested",
        "authorised",
        "received",
        "refunded",
        "closed",
    ]


@pytest.mark.rule("W8")
def test_the_rest_of_the_order_later_brings_the_delivery_cost_back(delivered, withdraw, receive, committed):
    lamp_line, mug_line = delivered.lines.order_by("pk")
    first = withdraw(delivered, mug_line, 2)
    receive(first, True)
    second = withdraw(delivered, lamp_line, 1)
    receive(second, False)

    first.refresh_from_db()
    assert first.refund.amount == Decimal("25.00")
    second.refresh_from_db()
    # Not resellable: no automatic refund; staff refund it.
    with committed():
        refunds.make(second, actor="test")
    assert second.refund.amount == Decimal("30.00") + delivered.refundable_shipping_incl_tax
    assert sum(refunded_at_stripe(delivered)) == int(delivered.total_incl_tax * 100)
    assert set(delivered.lines.values_list("status", flat=True)) == {statuses.LINE_RETURNED}


@pytest.mark.rule("W9")
def test_refunding_twice_calls_stripe_once(delivered, withdraw, receive):
    _lamp_line, mug_line = delivered.lines.order_by("pk")
    return_request = withdraw(delivered, mug_line, 1)
    receive(return_request, False)
    refunds.make(return_request, actor="test")
    refunds.make(return_request, actor="test")
    assert refunded_at_stripe(delivered) == [1250]
    assert Invoice.objects.filter(kind=Invoice.Kind.CREDIT_NOTE).count() == 1


@pytest.mark.rule("W8")
def test_express_delivery_only_the_standard_cost_comes_back(stripe_api, shop, withdraw, receive):
    lamp = ProductFactory(title="Bureaulamp", price=Decimal("30.00"), num_in_stock=5)
    order = ship_everything(stripe_paid_order([(lamp, 1)], shipping_method="express"))
    assert order.shipping_incl_tax > order.refundable_shipping_incl_tax > 0

    return_request = withdraw(order, order.lines.get(), 1)
    receive(return_request, True)

    assert return_request.refund.amount == Decimal("30.00") + order.refundable_shipping_incl_tax
    assert sum(refunded_at_stripe(order)) == int(
        (Decimal("30.00") + order.refundable_shipping_incl_tax) * 100
    )


@pytest.mark.rule("W9")
def test_no_transaction_of_the_shop_is_open_while_stripe_refunds(delivered, withdraw, receive, monkeypatch):
    """The test itself runs in one transaction; the refund's call must add none of its own."""
    outer = len(connection.atomic_blocks)
    seen = []
    real_refund = refunds.gateway.refund

    def watched(*args, **kwargs):
        seen.append(len(connection.atomic_blocks) - outer)
        return real_refund(*args, **kwargs)

    monkeypatch.setattr(refunds.gateway, "refund", watched)
    _lamp_line, mug_line = delivered.lines.order_by("pk")
    return_request = withdraw(delivered, mug_line, 1)
    receive(return_request, True)

    assert seen == [0]
