"""The carrier's signed delivery callback (POST /carrier/delivered/): verify, refuse replays, read.

A callback carries two headers:

- ``X-Carrier-Timestamp``: the Unix time (whole seconds) at which the carrier signed it;
- ``X-Carrier-Signature``: hex HMAC-SHA256, keyed with ``CARRIER_CALLBACK_SECRET``, of
  ``<timestamp> + "." + <body bytes>``.

It is refused when the signature does not match (compared in constant time, on bytes, so any
header content is a plain "no"), when the signed time is older than
``CARRIER_CALLBACK_MAX_AGE_SECONDS`` (5 minutes) or further ahead than
``CARRIER_CALLBACK_MAX_FUTURE_SECONDS``, and when the same signed message was received before.
Without the timestamp an old signed body could be sent again and move a delivery date, and with
it the start of the withdrawal window (W2).

Seen signatures are kept in the database (``CarrierCallback``), not the cache: the embedded
shop runs two web processes with a per-process memory cache, and at scale a Redis outage is
ignored by design (the cache then forgets), so only the database is one shared, durable list.
A row is needed only while its message could still pass the age check; older rows are deleted
whenever a callback is accepted, so the table stays at a few minutes of callbacks.
"""

import datetime
import hashlib
import hmac
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from commerce.order.models import CarrierCallback

TIMESTAMP_HEADER = "X-Carrier-Timestamp"
SIGNATURE_HEADER = "X-Carrier-Signature"
TRACKING_CODE_MAX = 64  # ShippingEvent.tracking_code


class CallbackRefused(Exception):
    """The callback is not acted upon; ``status`` and ``message`` are the answer to the carrier."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class SignedMessage:
    signature: str  # lowercase hex, as computed here
    signed_at: datetime.datetime


@dataclass(frozen=True)
class DeliveryReport:
    tracking_code: str
    delivered_on: datetime.date


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature a carrier sends for ``body`` signed at ``timestamp`` (Unix seconds, as text)."""
    message = timestamp.encode("ascii") + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def parse_timestamp(value: str) -> int:
    if not (value.isascii() and value.isdigit() and len(value) <= 12):
        raise CallbackRefused(400, f"{TIMESTAMP_HEADER} must be the Unix time in whole seconds")
    return int(value)


def verify(secret: str, body: bytes, timestamp_header: str, signature_header: str) -> SignedMessage:
    """The verified message, or CallbackRefused (400 no usable timestamp, 403 wrong or stale)."""
    timestamp = parse_timestamp(timestamp_header)
    expected = sign(secret, timestamp_header, body)
    # Bytes on both sides: compare_digest refuses str with non-ASCII characters (a 500 before).
    given = signature_header.strip().lower().encode("utf-8", "replace")
    if not hmac.compare_digest(expected.encode("ascii"), given):
        raise CallbackRefused(403, "invalid signature")
    age = timezone.now().timestamp() - timestamp
    if age > settings.CARRIER_CALLBACK_MAX_AGE_SECONDS:
        raise CallbackRefused(
            403,
            f"signed more than {settings.CARRIER_CALLBACK_MAX_AGE_SECONDS} seconds ago; "
            "sign again with the current time",
        )
    if -age > settings.CARRIER_CALLBACK_MAX_FUTURE_SECONDS:
        raise CallbackRefused(403, f"{TIMESTAMP_HEADER} lies in the future; check the sender's clock")
    return SignedMessage(expected, datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC))


def remember(message: SignedMessage) -> None:
    """Record the message as received (call inside the transaction that acts on it), or refuse
    it with 409 when it was received before. Forgets messages too old to pass ``verify``."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.CARRIER_CALLBACK_MAX_AGE_SECONDS)
    CarrierCallback.objects.filter(signed_at__lt=cutoff).delete()
    try:
        with transaction.atomic():
            CarrierCallback.objects.create(signature=message.signature, signed_at=message.signed_at)
    except IntegrityError:
        raise CallbackRefused(409, "this signed message was received before; sign a new one") from None


def read_report(body: bytes) -> DeliveryReport:
    """The JSON body ``{"tracking_code": "...", "delivered_on": "YYYY-MM-DD"}``, or 400."""
    problem = CallbackRefused(400, "expected JSON with tracking_code and delivered_on (YYYY-MM-DD)")
    try:
        payload = json.loads(body)
        tracking_code = payload["tracking_code"]
        delivered_on = datetime.date.fromisoformat(payload["delivered_on"])
    except (ValueError, KeyError, TypeError, RecursionError):
        raise problem from None
    if isinstance(tracking_code, int) and not isinstance(tracking_code, bool):
        tracking_code = str(tracking_code)
    if not isinstance(tracking_code, str):
        raise problem
    tracking_code = tracking_code.strip()
    if not tracking_code or len(tracking_code) > TRACKING_CODE_MAX or not tracking_code.isprintable():
        raise CallbackRefused(400, f"tracking_code must be 1 to {TRACKING_CODE_MAX} printable characters")
    return DeliveryReport(tracking_code, delivered_on)
