"""charge.refunded (real Stripe sends it; localstripe does not, so the test signs one as Stripe
would): a refund the shop recorded but never heard back about is finished once (W9)."""

from decimal import Decimal

import pytest

from commerce.invoices.models import Invoice
from commerce.payments import gateway
from commerce.returns import refunds, withdrawing
from commerce.returns.models import Refund, State
from tests.commerce.returns.returns_support import ship_everything, stripe_paid_order
from tests.factories import ProductFactory
from tests.stripe_support import stripe_event

pytestmark = pytest.mark.django_db


@pytest.mark.rule("W9")
def test_charge_refunded_finishes_a_refund_whose_answer_never_came_once(stripe_api, shop, deliver, committed):
    lamp = ProductFactory(title="Bureaulamp", price=Decimal("30.00"), num_in_stock=5)
    mug = ProductFactory(title="Mok", price=Decimal("12.50"), num_in_stock=5)
    order = ship_everything(stripe_paid_order([(lamp, 1), (mug, 1)]))
    with committed():
        return_request = withdrawing.withdraw(
            order, [withdrawing.LineChoice(order.lines.get(product=mug), 1)], name="Sanne", email=order.email
        )
    refund = refunds.claim(return_request, actor="test")
    intent_id = order.checkout_payment.payment_intent_id
    # The worker died after Stripe made the refund and before the shop recorded it.
    gateway.refund(intent_id, refund.amount, refund.idempotency_key, {refunds.METADATA_KEY: str(refund.pk)})
    charge = gateway.retrieve_intent(intent_id).latest_charge  # localstripe expands it
    if isinstance(charge, str):
        charge = gateway.client().v1.charges.retrieve(charge)

    assert deliver(stripe_event("charge.refunded", charge)).status_code == 200
    assert deliver(stripe_event("charge.refunded", charge)).status_code == 200

    refund.refresh_from_db()
    assert refund.status == Refund.Status.SUCCEEDED
    assert refund.stripe_refund_id.startswith("re_")
    assert Invoice.objects.filter(kind=Invoice.Kind.CREDIT_NOTE).count() == 1
    return_request.refresh_from_db()
    assert return_request.state == State.REFUNDED
