"""A real localstripe for tests, and a server-side shopper who pays through it.

`localstripe_server` starts localstripe once per test session on a free port (its own data
directory, so runs never share state). `stripe_api` points the shop's Stripe client at it.
`paid_checkout(...)` does what the browser does in checkout: builds a basket, starts the
payment through the shop's own code, and confirms the PaymentIntent with a test card at
localstripe, leaving it authorised (card payments are captured when the order is placed).
"""

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest
from django.contrib.auth.models import AnonymousUser
from oscar.core.loading import get_class, get_model

from commerce.payments import gateway
from commerce.payments.preparation import start_payment

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
Selector = get_class("partner.strategy", "Selector")

SECRET_KEY = "sk_test_winkelier_tests"
PUBLISHABLE_KEY = "pk_test_winkelier_tests"
WEBHOOK_SECRET = "whsec_winkelier_tests"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(url: str, seconds: float = 20):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1):  # noqa: S310 - local test server
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


class LocalStripe:
    """One localstripe process; `stop()`/`start()` let a test take Stripe away and back."""

    def __init__(self):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workdir = tempfile.mkdtemp(prefix="localstripe-")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv
            [sys.executable, "-m", "localstripe", "--port", str(self.port), "--from-scratch"],
            cwd=self.workdir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_answering(f"{self.base}/js.stripe.com/v3/")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture(scope="session")
def localstripe_server():
    server = LocalStripe()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def stripe_api(settings, localstripe_server):
    """The shop talks to the session's localstripe with the test keys."""
    if localstripe_server.process is None:
        localstripe_server.start()
    settings.STRIPE_API_BASE = localstripe_server.base
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_TIMEOUT_SECONDS = 5
    return localstripe_server


# A Dutch address as the checkout's address form takes it: house number in line2, "1234 AB".
DUTCH_ADDRESS = {
    "first_name": "Sanne",
    "last_name": "de Vries",
    "line1": "Oudegracht",
    "line2": "12",
    "line4": "Utrecht",
    "postcode": "3511 AB",
    "country": "NL",
}


def dutch_address(**overrides) -> dict:
    Country.objects.get_or_create(
        iso_3166_1_a2="NL",
        defaults={"name": "Nederland", "printable_name": "Nederland", "is_shipping_country": True},
    )
    return {**DUTCH_ADDRESS, **overrides}


def checkout_data(email="sanne@example.test", shipping_method="standaard", language="nl") -> dict:
    return {
        "email": email,
        "shipping_address": dutch_address(),
        "billing_address": None,
        "shipping_method": shipping_method,
        "language": language,
    }


def basket_with(items, user=None):
    """An open basket holding [(product, quantity), ...], priced like a request would."""
    owner = user if user is not None and user.is_authenticated else None
    basket = Basket.objects.create(owner=owner)
    basket.strategy = Selector().strategy(user=user or AnonymousUser())
    for product, quantity in items:
        basket.add_product(product, quantity)
    return basket


def confirm_with_card(intent_id: str, payment_method: str = "pm_card_visa"):
    """What Stripe.js does after the shopper typed a card: attach it and confirm."""
    intents = gateway.client().v1.payment_intents
    intents.update(intent_id, params={"payment_method": payment_method})
    return intents.confirm(intent_id)


def paid_checkout(items, user=None, data=None, payment_method="pm_card_visa"):
    """Basket -> CheckoutPayment -> authorised PaymentIntent. Returns (payment, intent)."""
    basket = basket_with(items, user)
    payment, _intent = start_payment(basket, user, data or checkout_data(), "card")
    intent = confirm_with_card(payment.payment_intent_id, payment_method)
    return payment, intent
