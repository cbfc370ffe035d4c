"""Placing the order for a PaymentIntent (commerce/payments/placement.py), against localstripe."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from commerce.payments import gateway
from commerce.payments.placement import OrderRefused, PaymentNotComplete, place_order
from commerce.payments.preparation import start_payment
from tests.factories import ProductFactory
from tests.stripe_support import basket_with, checkout_data, paid_checkout

Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.mark.rule("W8")
def test_authorised_card_payment_becomes_one_paid_order_and_is_captured(stripe_api):
    product = ProductFactory(price=Decimal("20.00"), num_in_stock=5)
    payment, intent = paid_checkout([(product, 2)])
    assert intent.status == "requires_capture"

    placed = place_order(payment.payment_intent_id)

    order = placed.order
    assert placed.created
    assert order.status == "Betaald"
    # Goods € 40,00 < € 50,00: standard delivery costs € 4,95, refundable in full (W8).
    assert order.total_incl_tax == Decimal("44.95")
    assert order.refundable_shipping_incl_tax == Decimal("4.95")
    assert order.guest_email == "sanne@example.test"
    assert order.sources.get().reference == payment.payment_intent_id
    assert gateway.retrieve_intent(payment.payment_intent_id).status == "succeeded"
    assert StockRecord.objects.get(product=product).num_allocated == 2
    # The shopper's own basket became the order, so it is emptied.
    assert Basket.objects.get(pk=payment.source_basket_id).status == Basket.SUBMITTED


@pytest.mark.rule("W8")
def test_placing_twice_returns_the_same_order(stripe_api):
    product = ProductFactory(price=Decimal("60.00"))
    payment, _intent = paid_checkout([(product, 1)])
    first = place_order(payment.payment_intent_id)
    second = place_order(payment.payment_intent_id)
    assert (first.created, second.created) == (True, False)
    assert first.order.pk == second.order.pk
    # Free standard delivery from € 50,00: nothing to refund for delivery (W8).
    assert first.order.refundable_shipping_incl_tax == Decimal("0.00")


@pytest.mark.rule("W8")
def test_express_surcharge_is_kept_on_the_order_but_is_not_refundable(stripe_api):
    product = ProductFactory(price=Decimal("20.00"))
    payment, _intent = paid_checkout([(product, 1)], data=checkout_data(shipping_method="express"))
    order = place_order(payment.payment_intent_id).order
    assert (order.shipping_code, order.shipping_incl_tax) == ("express", Decimal("9.95"))
    assert order.refundable_shipping_incl_tax == Decimal("4.95")  # W8: standard cost only


def test_unconfirmed_payment_places_nothing(stripe_api):
    payment, _intent = start_payment(basket_with([(ProductFactory(), 1)]), None, checkout_data(), "card")
    with pytest.raises(PaymentNotComplete):
        place_order(payment.payment_intent_id)
    payment.refresh_from_db()
    assert payment.order is None


def test_sold_out_after_payment_cancels_the_authorisation(stripe_api):
    product = ProductFactory(price=Decimal("15.00"), num_in_stock=1)
    first, _ = paid_checkout([(product, 1)])
    second, _ = paid_checkout([(product, 1)])
    place_order(first.payment_intent_id)

    with pytest.raises(OrderRefused) as refused:
        place_order(second.payment_intent_id)

    assert refused.value.reason == "sold_out"
    assert refused.value.titles == [product.get_title()]
    assert gateway.retrieve_intent(second.payment_intent_id).status == "canceled"  # no charge
    stock = StockRecord.objects.get(product=product)
    assert (stock.num_in_stock, stock.num_allocated) == (1, 1)
