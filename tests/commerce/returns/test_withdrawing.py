"""Withdrawing from an order by the law's clock (W1-W3, W5, W13) and what follows: what was not
shipped stays here (W8), proof of sending (W10), the carrier reporting the return parcel (W14)."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from oscar.core.loading import get_model

from commerce.catalogue.withdrawal_exceptions import WithdrawalException
from commerce.order import shipments, statuses
from commerce.returns import decisions, receiving, refunds, withdrawing
from commerce.returns.models import Refund, State
from commerce.returns.policy import AMSTERDAM
from commerce.returns.transitions import ReturnRefused
from tests.commerce.carrier_support import CARRIER_SECRET, carrier_post
from tests.commerce.returns.returns_support import refunded_at_stripe, ship_everything, stripe_paid_order
from tests.factories import ParentProductFactory, ProductClassFactory, ProductFactory

StockRecord = get_model("partner", "StockRecord")
LineAttribute = get_model("order", "LineAttribute")

pytestmark = pytest.mark.django_db


@pytest.fixture
def withdraw(committed):
    def withdraw(order, *choices, notice_at=None, **extra):
        with committed():
            return withdrawing.withdraw(
                order,
                [withdrawing.LineChoice(*choice) for choice in choices],
                name="Sanne de Vries",
                email=order.email,
                notice_at=notice_at,
                **extra,
            )

    return withdraw


def amsterdam(day, hour=23, minute=59):
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


def lines(order):
    return list(order.lines.order_by("pk"))


@pytest.fixture
def two_products(stripe_api, shop):
    return (
        ProductFactory(title="Bureaulamp", price=Decimal("30.00"), num_in_stock=5),
        ProductFactory(title="Mok", price=Decimal("12.50"), num_in_stock=5),
    )


@pytest.mark.rule("W2")
def test_w2_two_parcels_the_window_counts_from_the_later_one_for_all_lines(two_products, withdraw):
    lamp, mug = two_products
    order = stripe_paid_order([(lamp, 1), (mug, 1)])
    lamp_line, mug_line = lines(order)
    today = timezone.localdate()
    first, _ = shipments.dispatch(order, [(lamp_line, 1)], "PARCEL1")
    second, _ = shipments.dispatch(order, [(mug_line, 1)], "PARCEL2")
    shipments.ShippingEvent.objects.update(date_created=timezone.now() - timedelta(days=30))
    shipments.record_delivery(first, today - timedelta(days=25))
    shipments.record_delivery(second, today - timedelta(days=10))
    # The lamp arrived 25 days ago, but its window runs from the mug's delivery.
    last_day = today - timedelta(days=10) + timedelta(days=14)

    return_request = withdraw(order, (lamp_line, 1), notice_at=amsterdam(last_day))

    assert return_request.state == State.AUTHORISED
    with pytest.raises(ReturnRefused, match="bedenktijd"):
        withdraw(order, (mug_line, 1), notice_at=amsterdam(last_day + timedelta(days=1), 0, 1))


@pytest.mark.rule("W1", "W3")
def test_w1_a_notice_after_the_last_day_is_refused_and_writes_nothing(two_products, withdraw):
    lamp, _mug = two_products
    order = ship_everything(stripe_paid_order([(lamp, 1)]), delivered_days_ago=15)

    with pytest.raises(ReturnRefused, match="bedenktijd"):
        withdraw(order, (lines(order)[0], 1))
    assert not order.returns.exists()
    assert mail.outbox == [] or all("herroeping" not in message.subject for message in mail.outbox)


@pytest.mark.rule("W5", "W7")
def test_w5_without_the_policy_the_window_runs_a_year_longer_and_no_deduction_is_allowed(
    two_products, withdraw
):
    lamp, _mug = two_products
    order = ship_everything(stripe_paid_order([(lamp, 1)]), delivered_days_ago=200)
    order.withdrawal_info_given = False
    order.save(update_fields=["withdrawal_info_given"])

    return_request = withdraw(order, (lines(order)[0], 1))

    assert return_request.w5_applies
    with pytest.raises(ReturnRefused, match="W5"):
        decisions.set_deduction(return_request, "5,00", "Gebruikt", actor="test")


@pytest.mark.rule("W13")
def test_w13_sealed_software_intact_is_accepted_broken_goes_to_review_then_rejected_by_mail(
    stripe_api, shop, withdraw, committed
):
    software = ProductFactory(
        title="Fotobewerking 2026",
        price=Decimal("49.00"),
        product_class=ProductClassFactory(sealed_software=True),
    )
    order = ship_everything(stripe_paid_order([(software, 2)]))
    line = lines(order)[0]

    intact = withdraw(order, (line, 1, True))
    broken = withdraw(order, (line, 1, False))

    assert intact.state == State.AUTHORISED
    assert broken.state == State.REVIEW
    with committed():
        decisions.reject(broken, "W13 (i): de verzegeling was verbroken.", actor="test")
    assert "verzegeling was verbroken" in mail.outbox[-1].body
    # A rejected return no longer claims its quantity.
    assert withdrawing.withdrawable(order)[line] == 1


@pytest.mark.rule("W13")
def test_w13_a_preset_variant_is_not_personalised_but_a_typed_name_is(stripe_api, shop, withdraw):
    made_to_order = ProductClassFactory(name="Op maat", withdrawal_exception=WithdrawalException.PERSONALISED)
    mug = ParentProductFactory(title="Naammok", product_class=made_to_order, children=[("Blauw", "15.00")])
    order = ship_everything(stripe_paid_order([(mug.children.get(), 2)]))
    line = lines(order)[0]

    assert withdraw(order, (line, 1)).state == State.AUTHORISED

    option = get_model("catalogue", "Option").objects.create(name="Naam op de mok", code="naam")
    LineAttribute.objects.create(line=line, option=option, type="Naam op de mok", value="Sanne")
    with pytest.raises(ReturnRefused, match=r"\(c\)"):
        withdraw(order, (line, 1))


@pytest.mark.rule("W17")
def test_more_than_is_left_is_refused(two_products, withdraw):
    lamp, _mug = two_products
    order = ship_everything(stripe_paid_order([(lamp, 2)]))
    line = lines(order)[0]
    withdraw(order, (line, 2))

    with pytest.raises(ReturnRefused, match="nog 0"):
        withdraw(order, (line, 1))
    assert order.returns.count() == 1


@pytest.mark.rule("W8")
def test_withdrawn_whole_before_dispatch_is_cancelled_released_and_refunded_in_full(two_products, withdraw):
    lamp, mug = two_products
    order = stripe_paid_order([(lamp, 1), (mug, 2)], shipping_method="express")
    lamp_line, mug_line = lines(order)

    return_request = withdraw(order, (lamp_line, 1), (mug_line, 2))

    order.refresh_from_db()
    return_request.refresh_from_db()
    assert order.status == statuses.CANCELLED
    assert StockRecord.objects.get(product=mug).num_allocated == 0
    assert return_request.state == State.CLOSED
    # Nothing was delivered: everything back, the express delivery included.
    assert sum(refunded_at_stripe(order)) == int(order.total_incl_tax * 100)
    assert not shipments.left_to_ship(order)[lamp_line]


@pytest.mark.rule("W8")
def test_part_withdrawn_before_dispatch_is_not_shipped_and_the_rest_still_is(two_products, withdraw):
    lamp, mug = two_products
    order = stripe_paid_order([(lamp, 1), (mug, 2)])
    lamp_line, mug_line = lines(order)

    withdraw(order, (mug_line, 1))

    assert shipments.left_to_ship(order) == {lamp_line: 1, mug_line: 1}
    assert StockRecord.objects.get(product=mug).num_allocated == 1
    assert refunded_at_stripe(order) == [1250]
    order.refresh_from_db()
    assert order.status == statuses.PAID


@pytest.mark.rule("W10", "W14")
def test_w10_proof_of_sending_allows_the_refund_and_the_carrier_reports_the_parcel(
    two_products, withdraw, committed, client, settings
):
    settings.CARRIER_CALLBACK_SECRET = CARRIER_SECRET
    lamp, _mug = two_products
    order = ship_everything(stripe_paid_order([(lamp, 1)]))
    return_request = withdraw(order, (lines(order)[0], 1))
    receiving.mark_sent(return_request, "RETOUR42", actor="klant")

    with committed():
        refunds.make(return_request, actor="test")
    response = carrier_post(
        client, {"tracking_code": "RETOUR42", "delivered_on": timezone.localdate().isoformat()}
    )

    assert response.status_code == 200
    assert response.json()["return"] == return_request.number
    return_request.refresh_from_db()
    assert return_request.state == State.REFUNDED
    assert return_request.received_on == timezone.localdate()
    receiving.receive(return_request, {return_request.lines.get().pk: True}, actor="test")
    return_request.refresh_from_db()
    assert return_request.state == State.CLOSED
    assert StockRecord.objects.get(product=lamp).num_in_stock == 5


@pytest.mark.rule("W9")
def test_a_refund_whose_answer_was_lost_is_found_at_stripe_not_made_twice(two_products, withdraw):
    lamp, _mug = two_products
    order = ship_everything(stripe_paid_order([(lamp, 1)]))
    return_request = withdraw(order, (lines(order)[0], 1))
    refund = refunds.claim(return_request, actor="test")
    # The call reached Stripe, then the connection dropped before the answer (a timeout).
    refunds.gateway.refund(
        order.checkout_payment.payment_intent_id,
        refund.amount,
        refund.idempotency_key,
        {refunds.METADATA_KEY: str(refund.pk)},
    )
    Refund.objects.filter(pk=refund.pk).update(claimed_until=None, maybe_at_stripe=True, error="timeout")

    refunds.make(return_request, actor="test")

    assert refunded_at_stripe(order) == [3000 + int(order.refundable_shipping_incl_tax * 100)]
    assert Refund.objects.get().status == Refund.Status.SUCCEEDED


@pytest.mark.rule("W8")
def test_the_shop_never_refunds_more_than_was_paid_even_though_localstripe_would(two_products, withdraw):
    lamp, _mug = two_products
    order = ship_everything(stripe_paid_order([(lamp, 1)]))
    # A discount the shop gave after the order: less was paid than the lines are worth.
    type(order).objects.filter(pk=order.pk).update(total_incl_tax=Decimal("20.00"))

    return_request = withdraw(order, (lines(order)[0], 1))
    refunds.make(return_request, actor="test")

    assert Refund.objects.get().amount == Decimal("20.00")
    assert refunded_at_stripe(order) == [2000]
