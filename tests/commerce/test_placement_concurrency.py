"""Placing orders under real concurrency (issue 4 acceptance: race test, stock test), on PostgreSQL.

Threads with their own database connections hit the same PaymentIntent or the same last units
at the same moment (a barrier releases them together); localstripe holds the real PaymentIntents.
"""

from decimal import Decimal
from functools import partial

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from commerce.payments import gateway
from commerce.payments.models import CheckoutPayment, StripeEvent
from commerce.payments.placement import OrderRefused, place_order
from tests.concurrency import run_together
from tests.factories import ProductFactory
from tests.stripe_support import paid_checkout, post_event, stripe_event

Order = get_model("order", "Order")
Source = get_model("payment", "Source")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize(
    ("event_type", "captured_before"),
    [
        # Card: the browser returns after authorisation; whoever wins captures.
        ("payment_intent.amount_capturable_updated", False),
        # Paid already (as iDEAL is): Stripe announces success while the shopper comes back.
        ("payment_intent.succeeded", True),
    ],
)
def test_return_view_and_webhook_at_once_place_one_order(stripe_api, event_type, captured_before):
    """RACE ACCEPTANCE: browser return and webhook for one PaymentIntent, concurrently -> one order."""
    product = ProductFactory(price=Decimal("25.00"), num_in_stock=100)
    for _repetition in range(4):
        payment, intent = paid_checkout([(product, 2)])
        if captured_before:
            intent = gateway.capture_intent(intent.id)
        payload = stripe_event(event_type, intent)

        browser, webhook = run_together(
            partial(Client().get, reverse("checkout-paid"), {"payment_intent": intent.id}),
            partial(post_event, Client(), payload),
        )

        assert not isinstance(browser, Exception), browser
        assert not isinstance(webhook, Exception), webhook
        assert browser.status_code == 200  # a browser without the paying session: neutral page
        assert webhook.status_code == 200
        payment.refresh_from_db()
        assert payment.order is not None
        assert Order.objects.filter(checkout_payment=payment).count() == 1
        assert Source.objects.filter(reference=intent.id).count() == 1
        assert StripeEvent.objects.get(object_id=intent.id).processed_at is not None
        assert gateway.retrieve_intent(intent.id).status == "succeeded"
    assert Order.objects.count() == 4
    assert StockRecord.objects.get(product=product).num_allocated == 8


def test_twenty_shoppers_for_three_units_make_three_orders(stripe_api):
    """STOCK ACCEPTANCE: 20 concurrent placements for the last 3 units -> 3 orders, 17 clear
    refusals naming the product, their authorisations cancelled (no charge), no overselling."""
    product = ProductFactory(title="Laatste theepot", price=Decimal("39.00"), num_in_stock=3)
    payments = [paid_checkout([(product, 1)])[0] for _shopper in range(20)]

    outcomes = run_together(*[partial(place_order, p.payment_intent_id) for p in payments])

    placed = [o for o in outcomes if not isinstance(o, Exception)]
    refused = [o for o in outcomes if isinstance(o, OrderRefused)]
    assert len(placed) == 3, outcomes
    assert len(refused) == 17, outcomes
    assert all((r.reason, r.titles) == ("sold_out", ["Laatste theepot"]) for r in refused)
    assert Order.objects.count() == 3
    stock = StockRecord.objects.get(product=product)
    assert (stock.num_in_stock, stock.num_allocated) == (3, 3)
    for payment in CheckoutPayment.objects.filter(pk__in=[p.pk for p in payments]):
        status = gateway.retrieve_intent(payment.payment_intent_id).status
        if payment.order_id is None:
            assert (payment.refused_reason, status) == ("sold_out", "canceled")
        else:
            assert status == "succeeded"
