"""The shop's one door to Stripe: the real `stripe` client, pointed at localstripe in dev/test.

Every call turns Stripe's error classes into two of ours, so callers only decide between
"the shopper's bank said no" (`PaymentRefused`) and "try again later, nothing was charged by
this attempt" (`PaymentUnavailable`).
"""

import logging
from decimal import Decimal
from functools import lru_cache

import stripe
from django.conf import settings

logger = logging.getLogger(__name__)

# PaymentIntent statuses after which an order may be placed: authorised (card, captured at
# placement) or paid (iDEAL, or a card captured earlier).
PLACEABLE_STATUSES = frozenset({"requires_capture", "succeeded"})


class PaymentUnavailable(Exception):
    """Stripe could not be reached, timed out or failed on its side."""


class PaymentRefused(Exception):
    """The payment itself was refused (card declined, authentication failed)."""

    def __init__(self, code: str, message: str = ""):
        super().__init__(message or code)
        self.code = code


@lru_cache(maxsize=4)
def _client(api_key: str, api_base: str, timeout: float) -> stripe.StripeClient:
    return stripe.StripeClient(
        api_key,
        http_client=stripe.RequestsClient(timeout=timeout),
        # The library retries connection errors with the same idempotency key.
        max_network_retries=2,
        base_addresses={"api": api_base} if api_base else {},
    )


def client() -> stripe.StripeClient:
    return _client(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE, settings.STRIPE_TIMEOUT_SECONDS)


def to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def call(operation, *args, **kwargs):
    """Run one Stripe call, translating its errors into ours."""
    try:
        return operation(*args, **kwargs)
    except stripe.CardError as error:
        raise PaymentRefused(error.code or "card_declined", error.user_message or "") from error
    except (stripe.APIConnectionError, stripe.APIError, stripe.RateLimitError) as error:
        logger.warning("Stripe unavailable: %s", error)
        raise PaymentUnavailable(str(error)) from error
    except stripe.StripeError as error:
        # Invalid requests and authentication errors are our bugs or misconfiguration: log them
        # loudly, and tell the shopper only that paying is not possible right now.
        logger.exception("Stripe rejected a request from the shop")
        raise PaymentUnavailable(str(error)) from error


def intents():
    return client().v1.payment_intents


def create_intent(params: dict, idempotency_key: str):
    return call(intents().create, params=params, options={"idempotency_key": idempotency_key})


def retrieve_intent(intent_id: str):
    return call(intents().retrieve, intent_id)


def capture_intent(intent_id: str):
    return call(intents().capture, intent_id)


def confirm_intent(intent_id: str, params: dict | None = None):
    return call(intents().confirm, intent_id, params=params or {})


def release_intent(intent):
    """Give the money back for a payment that will not become an order: cancel an authorisation
    (nothing is charged) or refund a completed payment in full."""
    if intent.status == "succeeded":
        return call(client().v1.refunds.create, params={"payment_intent": intent.id})
    if intent.status in (
        "requires_payment_method",
        "requires_capture",
        "requires_confirmation",
        "requires_action",
    ):
        return call(intents().cancel, intent.id)
    return None
