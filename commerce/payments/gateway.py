"""The shop's one door to Stripe: the real `stripe` client, pointed at localstripe in dev/test.

Every call turns Stripe's error classes into two of ours, so callers only decide between
"the shopper's bank said no" (`PaymentRefused`) and "try again later, nothing was charged by
this attempt" (`PaymentUnavailable`). Callers never hold a database transaction open while
calling (see steps.py): a call may take `longest_call()`.
"""

import logging
from datetime import timedelta
from decimal import Decimal
from functools import lru_cache

import requests
import stripe
import urllib3
from django.conf import settings

logger = logging.getLogger(__name__)

# PaymentIntent statuses after which an order may be placed: authorised (card, captured at
# placement) or paid (iDEAL, or a card captured earlier).
PLACEABLE_STATUSES = frozenset({"requires_capture", "succeeded"})
# Statuses in which a PaymentIntent is given up by cancelling it (nothing was charged).
CANCELLABLE_STATUSES = frozenset(
    {"requires_payment_method", "requires_capture", "requires_confirmation", "requires_action"}
)


# The client's retries of a failed connection (with the same idempotency key).
MAX_NETWORK_RETRIES = 2


class PaymentUnavailable(Exception):
    """Stripe could not be reached, timed out or failed on its side.

    `maybe_done` is False only when the request provably changed nothing at Stripe (the
    connection could not be made, or Stripe refused the request); after a timeout or a 5xx
    Stripe may have done the work without the shop hearing about it.
    """

    def __init__(self, message: str = "", maybe_done: bool = True):
        super().__init__(message)
        self.maybe_done = maybe_done


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
        max_network_retries=MAX_NETWORK_RETRIES,
        base_addresses={"api": api_base} if api_base else {},
    )


def client() -> stripe.StripeClient:
    return _client(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE, settings.STRIPE_TIMEOUT_SECONDS)


def longest_call() -> timedelta:
    """How long one call may take with its retries (each try up to the timeout, back-off between)."""
    return timedelta(seconds=settings.STRIPE_TIMEOUT_SECONDS * (MAX_NETWORK_RETRIES + 1) + 15)


def never_connected(error: stripe.APIConnectionError) -> bool:
    """True when the (last) try could not even open a connection, so Stripe received nothing."""
    cause = error.__cause__
    if not isinstance(cause, requests.exceptions.ConnectionError) or not cause.args:
        return False
    # urllib3's NewConnectionError (refused, no route) is a ConnectTimeoutError too.
    return isinstance(getattr(cause.args[0], "reason", None), urllib3.exceptions.ConnectTimeoutError)


def to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def call(operation, *args, **kwargs):
    """Run one Stripe call, translating its errors into ours."""
    try:
        return operation(*args, **kwargs)
    except stripe.CardError as error:
        raise PaymentRefused(error.code or "card_declined", error.user_message or "") from error
    except stripe.APIConnectionError as error:
        logger.warning("Stripe unavailable: %s", error)
        raise PaymentUnavailable(str(error), maybe_done=not never_connected(error)) from error
    except stripe.APIError as error:
        logger.warning("Stripe unavailable: %s", error)
        raise PaymentUnavailable(str(error)) from error
    except stripe.RateLimitError as error:
        logger.warning("Stripe unavailable: %s", error)
        raise PaymentUnavailable(str(error), maybe_done=False) from error
    except stripe.StripeError as error:
        # Invalid requests and authentication errors are our bugs or misconfiguration: log them
        # loudly, and tell the shopper only that paying is not possible right now.
        logger.exception("Stripe rejected a request from the shop")
        raise PaymentUnavailable(str(error), maybe_done=False) from error


def intents():
    return client().v1.payment_intents


def create_intent(params: dict, idempotency_key: str):
    return call(intents().create, params=params, options={"idempotency_key": idempotency_key})


def retrieve_intent(intent_id: str):
    return call(intents().retrieve, intent_id)


def capture_intent(intent_id: str):
    return call(intents().capture, intent_id, options={"idempotency_key": f"winkelier-capture-{intent_id}"})


def confirm_intent(intent_id: str, params: dict | None = None):
    return call(intents().confirm, intent_id, params=params or {})


def release_intent(intent):
    """Give the money back for a payment that will not become an order: cancel an authorisation
    (nothing is charged) or refund a completed payment in full. Call it once per payment and
    check `refunds_of` before calling again: Stripe stand-ins may not honour idempotency keys."""
    if intent.status == "succeeded":
        return call(
            client().v1.refunds.create,
            params={"payment_intent": intent.id},
            options={"idempotency_key": f"winkelier-refund-{intent.id}"},
        )
    if intent.status in CANCELLABLE_STATUSES:
        return call(intents().cancel, intent.id, options={"idempotency_key": f"winkelier-cancel-{intent.id}"})
    return None


def refund(intent_id: str, amount: Decimal, idempotency_key: str, metadata: dict):
    """Refund part of a payment. Stripe stand-ins may ignore the key and accept more than was
    paid: the caller records the refund first and checks the amount (commerce/returns/refunds.py)."""
    return call(
        client().v1.refunds.create,
        params={"payment_intent": intent_id, "amount": to_cents(amount), "metadata": metadata},
        options={"idempotency_key": idempotency_key},
    )


def refunds_of(intent_id: str) -> list:
    """The refunds Stripe holds for a PaymentIntent (newest first)."""
    return list(call(client().v1.refunds.list, params={"payment_intent": intent_id, "limit": 10}).data)


# At most this many PaymentIntents are read when looking for one by its metadata.
FIND_LIMIT = 2000


def find_intent(metadata_key: str, value: str, since: int):
    """The PaymentIntent whose metadata[metadata_key] is `value`, or None.

    For a create call whose answer never arrived (a timeout, a crash): the shop stores a unique
    value in the intent's metadata and looks for it here instead of relying on Stripe's
    idempotency keys. `since` (Unix time) is when the intent was asked for: Stripe lists newest
    first, so the reading stops at the first intent older than that. (localstripe lists oldest
    first and has no `created` filter; there the whole list, up to FIND_LIMIT, is read.)
    """

    def scan():
        previous = None
        for number, intent in enumerate(intents().list(params={"limit": 100}).auto_paging_iter()):
            metadata = intent.metadata.to_dict() if intent.metadata else {}
            if metadata.get(metadata_key) == value:
                return intent
            descending = previous is not None and intent.created < previous
            if (descending and intent.created < since) or number >= FIND_LIMIT:
                return None
            previous = intent.created
        return None

    return call(scan)
