"""iDEAL through Stripe's redirect flow (issue 4 item 3), tested against RECORDED Stripe API responses.

localstripe has no iDEAL, so this path does not run against a live Stripe stand-in: the real
`stripe` library talks to a recording (`RecordedStripe`) that answers each (method, path) with a
Stripe API response stored in tests/commerce/recorded_stripe/ — PaymentIntents with
payment_method_types ["ideal"] as Stripe returns them: created and confirmed -> requires_action
with the bank's redirect URL; read back after the bank -> succeeded, or requires_payment_method
with last_payment_error when the shopper cancelled at the bank; a refund. The recording keeps
every request, so the tests check what the shop sent to Stripe. The card path is tested end to
end against localstripe elsewhere.
"""

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import stripe
from oscar.core.loading import get_model

from commerce.payments import gateway
from commerce.payments.ideal import start_ideal
from commerce.payments.models import CheckoutPayment
from commerce.payments.placement import OrderRefused, PaymentNotComplete, place_order
from tests.factories import ProductFactory
from tests.stripe_support import basket_with, checkout_data

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db(transaction=False)

RECORDINGS = Path(__file__).parent / "recorded_stripe"
INTENT_ID = "pi_3QkZr2LkdIwHu7ix0iDEAL01"
INTENT_PATH = f"/v1/payment_intents/{INTENT_ID}"
BANK_URL = (
    "https://pm-redirects.stripe.com/authorize/acct_1QkZqoLkdIwHu7ix/pa_nonce_RfA9xkW2cQ7LmYtPbVnE3uHsJd"
)
RETURN_URL = "http://testserver/checkout/paid/"

CREATED = "payment_intent_ideal_requires_action.json"
SUCCEEDED = "payment_intent_ideal_succeeded.json"
FAILED = "payment_intent_ideal_failed.json"
REFUNDED = "refund_ideal_pending.json"


@dataclass
class SentRequest:
    method: str
    path: str
    params: dict
    headers: dict


class RecordedStripe(stripe.HTTPClient):
    """Stripe's HTTP layer replaced by recorded responses; everything above it is the real library."""

    name = "recorded"

    def __init__(self):
        super().__init__()
        self.responses = {}
        self.sent = []

    def answer(self, method: str, path: str, recording: str):
        self.responses[(method, path)] = recording

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        parts = urlsplit(url)
        body = post_data.decode() if isinstance(post_data, bytes) else post_data or parts.query
        self.sent.append(SentRequest(method.upper(), parts.path, dict(parse_qsl(body)), dict(headers or {})))
        recording = self.responses.get((method.upper(), parts.path))
        if recording is None:
            return (
                json.dumps({"error": {"type": "invalid_request_error", "message": "not recorded"}}),
                404,
                {},
            )
        return (RECORDINGS / recording).read_text(), 200, {"request-id": "req_recorded"}

    def close(self):
        pass

    def calls(self):
        return [(request.method, request.path) for request in self.sent]


@pytest.fixture
def recorded(monkeypatch):
    """The shop's Stripe client with the recording as its HTTP layer (test-only)."""
    http = RecordedStripe()
    client = stripe.StripeClient("sk_test_recorded", http_client=http, max_network_retries=0)
    monkeypatch.setattr(gateway, "client", lambda: client)
    return http


def ideal_basket():
    """€ 22,50 × 2 + standard delivery € 4,95 = € 49,95: the amount in the recordings."""
    product = ProductFactory(title="Delfts blauw bord", price=Decimal("22.50"), num_in_stock=5)
    return product, basket_with([(product, 2)])


def paid_by_ideal(recorded, bank="ing"):
    """The shopper chose a bank and was sent to it; returns the shop's CheckoutPayment."""
    product, basket = ideal_basket()
    recorded.answer("POST", "/v1/payment_intents", CREATED)
    assert start_ideal(basket, None, checkout_data(), bank, RETURN_URL) == BANK_URL
    return product, CheckoutPayment.objects.get(payment_intent_id=INTENT_ID)


def test_start_ideal_sends_the_shopper_to_the_bank_with_the_right_payment(recorded):
    _product, payment = paid_by_ideal(recorded, bank="rabobank")

    (created,) = recorded.sent
    assert (created.method, created.path) == ("POST", "/v1/payment_intents")
    assert created.params["amount"] == "4995"  # € 49,95 in cents
    assert created.params["currency"] == "eur"
    assert created.params["payment_method_types[0]"] == "ideal"
    assert "payment_method_types[1]" not in created.params
    assert created.params["payment_method_data[type]"] == "ideal"
    assert created.params["payment_method_data[ideal][bank]"] == "rabobank"
    assert created.params["confirm"] == "true"
    assert created.params["return_url"] == RETURN_URL
    assert "capture_method" not in created.params  # iDEAL cannot be authorised-then-captured
    assert created.headers["Idempotency-Key"].startswith(f"winkelier-basket-{payment.source_basket_id}-")
    assert (payment.method, payment.status, payment.amount) == ("ideal", "requires_action", Decimal("49.95"))


def test_without_a_bank_stripe_lets_the_shopper_choose_one(recorded):
    _product, basket = ideal_basket()
    recorded.answer("POST", "/v1/payment_intents", CREATED)
    start_ideal(basket, None, checkout_data(), "", RETURN_URL)
    params = recorded.sent[0].params
    assert params["payment_method_data[type]"] == "ideal"
    assert "payment_method_data[ideal][bank]" not in params


def test_unknown_bank_is_refused_before_anything_reaches_stripe(recorded):
    _product, basket = ideal_basket()
    with pytest.raises(ValueError, match="Unknown iDEAL bank 'fortis'"):
        start_ideal(basket, None, checkout_data(), "fortis", RETURN_URL)
    assert recorded.sent == []
    assert not CheckoutPayment.objects.exists()


def test_pressing_pay_again_while_at_the_bank_returns_the_same_bank_page(recorded):
    _product, basket = ideal_basket()
    recorded.answer("POST", "/v1/payment_intents", CREATED)
    recorded.answer("GET", INTENT_PATH, CREATED)
    first = start_ideal(basket, None, checkout_data(), "ing", RETURN_URL)
    second = start_ideal(basket, None, checkout_data(), "ing", RETURN_URL)
    assert first == second == BANK_URL
    assert recorded.calls() == [("POST", "/v1/payment_intents"), ("GET", INTENT_PATH)]  # no second intent
    assert CheckoutPayment.objects.count() == 1


def test_after_cancelling_at_the_bank_the_same_intent_is_confirmed_again(recorded):
    _product, basket = ideal_basket()
    recorded.answer("POST", "/v1/payment_intents", CREATED)
    start_ideal(basket, None, checkout_data(), "ing", RETURN_URL)
    recorded.answer("GET", INTENT_PATH, FAILED)
    recorded.answer("POST", f"{INTENT_PATH}/confirm", CREATED)

    assert start_ideal(basket, None, checkout_data(), "abn_amro", RETURN_URL) == BANK_URL

    confirm = recorded.sent[-1]
    assert (confirm.method, confirm.path) == ("POST", f"{INTENT_PATH}/confirm")
    assert confirm.params["payment_method_data[ideal][bank]"] == "abn_amro"
    assert confirm.params["return_url"] == RETURN_URL
    assert CheckoutPayment.objects.get().status == "requires_action"


def test_return_from_the_bank_with_a_paid_intent_places_the_order_without_capture(recorded):
    product, payment = paid_by_ideal(recorded)
    recorded.answer("GET", INTENT_PATH, SUCCEEDED)

    placed = place_order(INTENT_ID)

    assert placed.created
    assert placed.order.status == "Betaald"
    assert placed.order.total_incl_tax == Decimal("49.95")
    assert placed.order.sources.get().label == "iDEAL"
    assert not any(path.endswith("/capture") for _method, path in recorded.calls())
    assert StockRecord.objects.get(product=product).num_allocated == 2


def test_failed_ideal_payment_places_nothing(recorded):
    product, payment = paid_by_ideal(recorded)
    recorded.answer("GET", INTENT_PATH, FAILED)

    with pytest.raises(PaymentNotComplete) as incomplete:
        place_order(INTENT_ID)

    assert incomplete.value.status == "requires_payment_method"
    assert not Order.objects.exists()
    payment.refresh_from_db()
    assert (payment.order, payment.status) == (None, "requires_payment_method")
    assert not StockRecord.objects.get(product=product).num_allocated  # nothing reserved


def test_sold_out_after_an_ideal_payment_is_refunded_automatically(recorded):
    """Issue 4 item 6: the loser of the last units gets a clear refusal and the money back."""
    product, payment = paid_by_ideal(recorded)
    StockRecord.objects.filter(product=product).update(num_allocated=4)  # sold in the meantime
    recorded.answer("GET", INTENT_PATH, SUCCEEDED)
    recorded.answer("POST", "/v1/refunds", REFUNDED)

    with pytest.raises(OrderRefused) as refused:
        place_order(INTENT_ID)

    assert (refused.value.reason, refused.value.titles) == ("sold_out", ["Delfts blauw bord"])
    refund = recorded.sent[-1]
    assert (refund.method, refund.path, refund.params) == (
        "POST",
        "/v1/refunds",
        {"payment_intent": INTENT_ID},
    )
    assert not Order.objects.exists()
    payment.refresh_from_db()
    assert payment.refused_reason == "sold_out"
    assert StockRecord.objects.get(product=product).num_allocated == 4  # nothing oversold
