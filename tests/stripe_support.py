"""A real localstripe for tests, and a server-side shopper who pays through it.

`localstripe_server` starts localstripe once per test session on a free port (its own data
directory, so runs never share state). `stripe_api` points the shop's Stripe client at it.
`paid_checkout(...)` does what the browser does in checkout: builds a basket, starts the
payment through the shop's own code, and confirms the PaymentIntent with a test card at
localstripe, leaving it authorised (card payments are captured when the order is placed).
`StallingStripe` stands between the shop and localstripe and never answers chosen requests.
"""

import hashlib
import hmac
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
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


class StallingStripe:
    """A Stripe that accepts the connection and reads the request, but never answers the requests
    for which `stalls(method, path, form)` is true (form: the parsed body); every other request is
    passed on to localstripe and answered. `stalled` is set once a request was held; `stop()`
    drops the held connections and closes the port; a new one on the same `port` opens it again."""

    def __init__(self, forward_to: str, stalls, port: int = 0):
        self.forward_to = forward_to
        self.stalls = stalls
        self.stalled = threading.Event()
        self.held: list[tuple[str, str]] = []
        self._stopping = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handler(self):
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def relay(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                form = parse_qs(body.decode() or self.path.partition("?")[2])
                if stand_in.stalls(self.command, self.path.partition("?")[0], form):
                    stand_in.held.append((self.command, self.path))
                    stand_in.stalled.set()
                    stand_in._stopping.wait()  # read, never answered
                    return
                status, content_type, payload = stand_in.forward(self.command, self.path, self.headers, body)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_DELETE = relay

            def log_message(self, *args):
                pass

        return Handler

    def forward(self, method, path, headers, body):
        passed = {k: v for k, v in headers.items() if k.lower() in ("authorization", "content-type")}
        request = urllib.request.Request(  # noqa: S310 - the local localstripe
            self.forward_to + path, data=body or None, method=method, headers=passed
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, response.headers["Content-Type"], response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers["Content-Type"] or "application/json", error.read()

    def stop(self):
        self._stopping.set()
        self.server.shutdown()
        self.server.server_close()


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


def stripe_event(event_type: str, intent, event_id: str | None = None) -> str:
    """An event body as Stripe sends it, about a PaymentIntent as Stripe returned it."""
    return json.dumps(
        {
            "id": event_id or f"evt_{uuid.uuid4().hex}",
            "object": "event",
            "api_version": "2024-06-20",
            "created": int(time.time()),
            "livemode": False,
            "type": event_type,
            "data": {"object": intent.to_dict()},
        }
    )


def signature(payload: str, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    timestamp = timestamp or int(time.time())
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def post_event(client, payload: str, signature_header: str | None = "sign"):
    headers = {}
    if signature_header == "sign":
        headers["HTTP_STRIPE_SIGNATURE"] = signature(payload)
    elif signature_header is not None:
        headers["HTTP_STRIPE_SIGNATURE"] = signature_header
    return client.post(reverse("stripe-webhook"), payload, content_type="application/json", **headers)
