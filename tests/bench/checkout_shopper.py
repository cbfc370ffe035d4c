"""A shopper who walks the whole checkout over HTTP the way a browser does.

Every step reads the page the server sent, fills in the form found there (hidden fields and the
CSRF token included, defaults kept for fields a person would leave alone: lxml's form_values()
follows the browser's rules) and submits it. The one step that does not go through the shop is
confirming the card: Stripe.js sends it to Stripe directly, so the shopper does the same against
localstripe with the Stripe client.
"""

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
import requests
import stripe

from tests.stripe_support import DUTCH_ADDRESS

TIMEOUT = 30


class CheckoutFailed(Exception):
    """A step did not answer as a browser expects; the message says which and what came back."""


@dataclass
class Checkout:
    """Timings of one finished checkout, in seconds."""

    order_placing: float = 0.0
    total: float = 0.0
    requests: int = 0  # to the shop, redirects included
    steps: dict = field(default_factory=dict)


def find_form(response, values: dict, having: dict | None = None):
    """The form on the page with a field for every key of `values` (and, where several forms look
    alike, the preset values `having`), as a person picks it by what it asks."""
    page = lxml.html.fromstring(response.content, base_url=response.url)
    for form in page.forms:
        if not set(values) <= set(form.inputs.keys()):
            continue
        if having and not set(having.items()) <= set(form.form_values()):
            continue
        return form
    raise CheckoutFailed(f"no form with fields {sorted(values)} {having or ''} on {response.url}")


ERROR_CLASSES = ("errorlist", "invalid-feedback", "error-block", "alert-danger", "alert-error")


def page_errors(response) -> str:
    """The messages a person would read on a page that refused what they sent."""
    if "json" in response.headers.get("Content-Type", "") or not response.content:
        return response.text[:300]
    page = lxml.html.fromstring(response.content)
    found = page.xpath(
        " | ".join(
            f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]" for name in ERROR_CLASSES
        )
    )
    messages = " | ".join(" ".join(element.text_content().split()) for element in found)
    return messages or " ".join(page.text_content().split())[:300]


class Shopper:
    """One browser: its own cookies and basket, one checkout after another."""

    def __init__(self, base: str, stripe_client: stripe.StripeClient, number: int):
        self.base = base
        self.stripe = stripe_client
        self.number = number
        self.session = requests.Session()
        self.checkouts = 0
        self.requests = 0

    def check(self, response, expect: int, what: str):
        self.requests += 1 + len(response.history)
        if response.status_code != expect:
            raise CheckoutFailed(
                f"{what}: {response.status_code}, expected {expect}: {page_errors(response)}"
            )
        return response

    def get(self, path: str, expect: int = 200):
        response = self.session.get(urljoin(self.base, path), allow_redirects=expect == 200, timeout=TIMEOUT)
        return self.check(response, expect, f"GET {path}")

    def post(self, url: str, data: dict, referer: str, expect: int):
        response = self.session.post(
            url, data=data, headers={"Referer": referer}, allow_redirects=False, timeout=TIMEOUT
        )
        return self.check(response, expect, f"POST {url}")

    def submit(self, response, values: dict, having: dict | None = None, expect: int = 302):
        """Fill in a form on the page and press its button; returns the (redirect) answer."""
        form = find_form(response, values, having)
        data = {**dict(form.form_values()), **values}
        return self.post(form.action or response.url, data, response.url, expect)

    def follow(self, response):
        return self.get(response.headers["Location"])

    def pay_by_card(self, payment_page):
        """What checkout-payment.js does: post the payment form with method=card to /checkout/pay/,
        then confirm the PaymentIntent with a test card at Stripe (localstripe)."""
        answer = self.submit(payment_page, {"method": "card"}, expect=200).json()
        if "error" in answer or not answer.get("client_secret", "").startswith(answer["payment_intent"]):
            raise CheckoutFailed(f"/checkout/pay/ answered {answer}")
        intents = self.stripe.v1.payment_intents
        intents.update(answer["payment_intent"], params={"payment_method": "pm_card_visa"})
        intent = intents.confirm(answer["payment_intent"])
        if intent.status != "requires_capture":
            raise CheckoutFailed(f"card confirmation left {intent.id} in {intent.status}")
        return answer

    def checkout(self, product_paths: list[str], delivery: str) -> Checkout:
        """Basket -> e-mail -> address -> delivery -> pay -> back at the shop -> thank-you page."""
        done = Checkout()
        self.requests = 0
        started = mark = time.perf_counter()

        def lap(name):
            nonlocal mark
            now = time.perf_counter()
            done.steps[name] = now - mark
            mark = now

        for path in product_paths:
            self.submit(self.get(path), {"quantity": "1"})
        lap("basket")
        email = f"shopper{self.number}-{self.checkouts}@bench.example.test"
        address_page = self.follow(
            self.submit(self.get("/checkout/"), {"username": email, "options": "anonymous"})
        )
        delivery_page = self.follow(self.submit(address_page, DUTCH_ADDRESS))
        payment_page = self.follow(self.submit(delivery_page, {}, having={"method_code": delivery}))
        lap("details")
        answer = self.pay_by_card(payment_page)
        lap("payment")
        placing = time.perf_counter()
        returned = self.get(f"{answer['return_url']}?payment_intent={answer['payment_intent']}", expect=302)
        done.order_placing = time.perf_counter() - placing
        thank_you = self.follow(returned)
        if "/checkout/thank-you/" not in thank_you.url:
            raise CheckoutFailed(f"the return from paying led to {thank_you.url}, not the thank-you page")
        lap("order")
        done.total = time.perf_counter() - started
        done.requests = self.requests
        self.checkouts += 1
        return done
