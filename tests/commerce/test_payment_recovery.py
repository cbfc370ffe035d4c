"""ACCEPTANCE (issue 9): a crash between a Stripe call and its record is recovered, from Stripe's state.

Every Stripe call that changes something is recorded on the payment before it is made
(commerce/payments/steps.py). Here the process "dies" (`Crash`, which nothing in the shop catches)
right before or right after the call at localstripe; ten minutes later (the claim run out)
`reconcile_payments` — or the shopper pressing "pay" again — finishes or undoes the step.
localstripe ignores idempotency keys, so these tests also show the shop never relies on them:
a retry after a crash finds the intent by the key in its metadata instead of creating another.
"""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from commerce.order import statuses
from commerce.payments import gateway, preparation
from commerce.payments.models import CheckoutPayment
from commerce.payments.placement import OrderRefused, place_order
from commerce.payments.preparation import start_payment
from tests.commerce.test_checkout_flow import to_payment_page
from tests.factories import ProductFactory
from tests.stripe_support import basket_with, checkout_data, confirm_with_card, paid_checkout

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


class Crash(BaseException):
    """The process dies here: no except clause of the shop runs, nothing after it happens."""


def crash(*args, **kwargs):
    raise Crash


def crash_after(call):
    """The call is made at Stripe, then the process dies before the shop records its answer."""

    def made_then_crash(*args, **kwargs):
        call(*args, **kwargs)
        raise Crash

    return made_then_crash


def counted(monkeypatch, name):
    """Count the calls of gateway.<name> (they still go to localstripe)."""
    calls = []
    real = getattr(gateway, name)

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(gateway, name, counting)
    return calls


def ten_minutes_later(payment):
    """As the payment looks once its claim has run out and reconcile_payments comes by."""
    earlier = timezone.now() - timedelta(minutes=10)
    CheckoutPayment.objects.filter(pk=payment.pk).update(updated_at=earlier, claimed_until=earlier)


def reconcile() -> str:
    out = StringIO()
    call_command("reconcile_payments", stdout=out)
    return out.getvalue()


def intents_with_key(payment) -> list:
    """Every PaymentIntent localstripe holds for this payment (by the unique key in its metadata)."""
    listing = gateway.client().v1.payment_intents.list(params={"limit": 100})
    return [
        intent
        for intent in listing.auto_paging_iter()
        if intent.metadata and intent.metadata.to_dict().get("idempotency_key") == payment.idempotency_key
    ]


def test_pay_again_after_a_crash_reuses_the_intent_stripe_created_and_charges_once(
    client, stripe_api, monkeypatch
):
    to_payment_page(client, [(ProductFactory(price=Decimal("20.00")), 1)])
    with monkeypatch.context() as patched:
        patched.setattr(preparation, "record_created", crash)
        with pytest.raises(Crash):
            client.post(reverse("checkout-pay"), {"method": "card"})
    payment = CheckoutPayment.objects.get()
    assert (payment.pending_call, payment.payment_intent_id) == ("creating", None)
    (created,) = intents_with_key(payment)  # Stripe has it, the shop does not know
    ten_minutes_later(payment)
    creations = counted(monkeypatch, "create_intent")

    retried = client.post(reverse("checkout-pay"), {"method": "card"})

    assert retried.json()["payment_intent"] == created.id
    assert creations == []  # found by the key in its metadata, not created again
    confirm_with_card(created.id)
    paid = client.get(reverse("checkout-paid"), {"payment_intent": created.id})
    assert paid["Location"] == reverse("checkout:thank-you")
    assert Order.objects.get().total_incl_tax == Decimal("24.95")
    charged = [i.status for i in intents_with_key(payment)]
    assert charged == ["succeeded"]
    assert CheckoutPayment.objects.get().pending_call == ""


def test_reconcile_records_an_intent_that_was_created_but_never_recorded(stripe_api, monkeypatch):
    basket = basket_with([(ProductFactory(), 1)])
    with monkeypatch.context() as patched:
        patched.setattr(preparation, "record_created", crash)
        with pytest.raises(Crash):
            start_payment(basket, None, checkout_data(), "card")
    payment = CheckoutPayment.objects.get()
    ten_minutes_later(payment)

    out = reconcile()

    (created,) = intents_with_key(payment)
    payment.refresh_from_db()
    assert (payment.pending_call, payment.payment_intent_id, payment.status) == (
        "",
        created.id,
        "requires_payment_method",
    )
    assert f"payment {payment.pk} creating: {created.id} (requires_payment_method) found at Stripe" in out
    assert "1 of 1 unfinished Stripe steps finished; 0 left." in out
    assert start_payment(basket, None, checkout_data(), "card")[1].id == created.id


def test_reconcile_removes_a_payment_whose_intent_was_never_created(stripe_api, monkeypatch):
    basket = basket_with([(ProductFactory(), 2)])
    with monkeypatch.context() as patched:
        patched.setattr(gateway, "create_intent", crash)
        with pytest.raises(Crash):
            start_payment(basket, None, checkout_data(), "card")
    payment = CheckoutPayment.objects.get()
    ten_minutes_later(payment)

    out = reconcile()

    assert "no PaymentIntent at Stripe: payment removed" in out
    assert not CheckoutPayment.objects.exists()
    assert not Basket.objects.filter(pk=payment.basket_id).exists()  # the frozen copy
    assert [line.quantity for line in Basket.objects.get(pk=basket.pk).all_lines()] == [2]
    assert intents_with_key(payment) == []
    payment, intent = start_payment(basket, None, checkout_data(), "card")
    assert [i.id for i in intents_with_key(payment)] == [intent.id]


def placed_with_crash(monkeypatch, make_capture, stock=5):
    """An authorised card payment whose placement dies around the capture; returns (payment, product)."""
    product = ProductFactory(price=Decimal("30.00"), num_in_stock=stock)
    payment, intent = paid_checkout([(product, 1)])
    with monkeypatch.context() as patched:
        patched.setattr(gateway, "capture_intent", make_capture)
        with pytest.raises(Crash):
            place_order(intent.id)
    payment.refresh_from_db()
    assert (payment.pending_call, payment.order.status) == ("capturing", statuses.NEW)
    ten_minutes_later(payment)
    return payment, product


def test_reconcile_captures_an_order_whose_capture_never_ran(stripe_api, monkeypatch):
    payment, product = placed_with_crash(monkeypatch, crash)
    assert gateway.retrieve_intent(payment.payment_intent_id).status == "requires_capture"

    out = reconcile()

    payment.refresh_from_db()
    assert (payment.pending_call, payment.order.status, payment.status) == ("", statuses.PAID, "succeeded")
    assert gateway.retrieve_intent(payment.payment_intent_id).status == "succeeded"
    assert f"order {payment.order.number}: capture done" in out
    assert Basket.objects.get(pk=payment.source_basket_id).status == Basket.SUBMITTED
    assert StockRecord.objects.get(product=product).num_allocated == 1


def test_reconcile_records_a_capture_that_was_made_but_not_recorded(stripe_api, monkeypatch):
    payment, _product = placed_with_crash(monkeypatch, crash_after(gateway.capture_intent))
    captures = counted(monkeypatch, "capture_intent")

    out = reconcile()

    payment.refresh_from_db()
    assert (payment.pending_call, payment.order.status) == ("", statuses.PAID)
    assert captures == []  # Stripe said it was captured: not captured twice
    assert f"order {payment.order.number}: capture recorded" in out


def test_reconcile_cancels_the_order_when_the_authorisation_is_gone(client, stripe_api, monkeypatch):
    payment, product = placed_with_crash(monkeypatch, crash)
    gateway.client().v1.payment_intents.cancel(payment.payment_intent_id)  # expired meanwhile

    out = reconcile()

    payment.refresh_from_db()
    assert (payment.pending_call, payment.refused_reason, payment.order.status) == (
        "",
        "capture_failed",
        statuses.CANCELLED,
    )
    assert StockRecord.objects.get(product=product).num_allocated == 0
    assert "not captured (capture_failed): order cancelled" in out
    with pytest.raises(OrderRefused) as refused:
        place_order(payment.payment_intent_id)
    assert refused.value.reason == "capture_failed"
    # The shopper coming back is told, and keeps the basket.
    back = client.get(reverse("checkout-paid"), {"payment_intent": payment.payment_intent_id}, follow=True)
    assert back.redirect_chain[-1][0] == reverse("basket:summary")
    message = " ".join(str(m) for m in back.context["messages"])
    assert message.startswith(
        "Uw bank heeft de betaling niet doorgezet, dus we hebben de bestelling geannuleerd."
    )
    assert Basket.objects.get(pk=payment.source_basket_id).status == Basket.OPEN


def sold_out_with_crash(monkeypatch, make_release, captured_before=False):
    """The last unit went to someone else; the placement dies around returning the money."""
    product = ProductFactory(price=Decimal("15.00"), num_in_stock=1)
    payment, intent = paid_checkout([(product, 1)])
    if captured_before:
        gateway.capture_intent(intent.id)  # paid already, as iDEAL is: the money is refunded
    place_order(paid_checkout([(product, 1)])[0].payment_intent_id)
    with monkeypatch.context() as patched:
        patched.setattr(gateway, "release_intent", make_release)
        with pytest.raises(Crash):
            place_order(intent.id)
    payment.refresh_from_db()
    assert (payment.pending_call, payment.refused_reason, payment.order) == ("releasing", "sold_out", None)
    ten_minutes_later(payment)
    return payment


def test_reconcile_cancels_the_authorisation_of_a_refused_order(stripe_api, monkeypatch):
    payment = sold_out_with_crash(monkeypatch, crash)
    assert gateway.retrieve_intent(payment.payment_intent_id).status == "requires_capture"

    out = reconcile()

    payment.refresh_from_db()
    assert payment.pending_call == ""
    assert gateway.retrieve_intent(payment.payment_intent_id).status == "canceled"
    assert f"payment {payment.pk} releasing: cancelled" in out


def test_reconcile_refunds_a_paid_refused_order_once(stripe_api, monkeypatch):
    payment = sold_out_with_crash(monkeypatch, crash, captured_before=True)
    assert gateway.refunds_of(payment.payment_intent_id) == []

    out = reconcile()

    payment.refresh_from_db()
    assert payment.pending_call == ""
    assert len(gateway.refunds_of(payment.payment_intent_id)) == 1
    assert f"payment {payment.pk} releasing: refunded" in out


def test_reconcile_records_a_refund_that_was_made_but_not_recorded(stripe_api, monkeypatch):
    payment = sold_out_with_crash(monkeypatch, crash_after(gateway.release_intent), captured_before=True)

    out = reconcile()

    payment.refresh_from_db()
    assert payment.pending_call == ""
    assert len(gateway.refunds_of(payment.payment_intent_id)) == 1  # not refunded twice
    assert "already refunded at Stripe: recorded" in out


def test_reconcile_leaves_a_step_whose_process_may_still_be_running(stripe_api, monkeypatch):
    payment, _product = placed_with_crash(monkeypatch, crash)
    CheckoutPayment.objects.filter(pk=payment.pk).update(claimed_until=timezone.now() + timedelta(seconds=30))

    out = reconcile()

    payment.refresh_from_db()
    assert (payment.pending_call, payment.order.status) == ("capturing", statuses.NEW)
    assert "0 of 0 unfinished Stripe steps finished; 0 left." in out
