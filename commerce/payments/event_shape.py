"""The shape a Stripe webhook event must have before anything reads or stores it.

A correctly signed body is still only bytes: a test sent from the Stripe dashboard, a future
API version or a bug can deliver a JSON list, ``data`` as a string or ``created`` as text.
`parse_event` turns the body into the event dict `events.record` expects, or raises
`MalformedEvent` with a message for the 400 answer; nothing is stored then.

Besides the fields the shop reads (``id``, ``type``, ``created``, ``data.object``), the whole
payload is stored as JSON, so it must be storable on SQLite and PostgreSQL alike: no NUL
characters or lone surrogates in any string (PostgreSQL's jsonb and UTF-8 refuse them), no
NaN or infinite numbers, and a bounded nesting depth.
"""

import json
import math
from typing import Any

MAX_BODY_BYTES = 512 * 1024  # Stripe's events are a few kB; the view refuses larger bodies (413).
MAX_DEPTH = 32  # a PaymentIntent event nests about six levels deep
MAX_CREATED = 2**37  # seconds since 1970: far beyond any real date, within datetime's range
FIELD_LENGTHS = {"id": 255, "type": 100}  # StripeEvent.event_id and .type
OBJECT_ID_LENGTH = 255  # StripeEvent.object_id


class MalformedEvent(ValueError):
    """The body is not a Stripe event this shop can read; str() says what is wrong."""


def _reject_constant(name: str) -> Any:
    raise MalformedEvent(f"invalid payload: {name} is not a JSON number")


def _storable_string(text: str) -> bool:
    return "\x00" not in text and not any("\ud800" <= char <= "\udfff" for char in text)


def _check_storable(payload: Any) -> None:
    """Every string storable, every float finite, nesting at most MAX_DEPTH (iteratively: a
    hostile depth must not exhaust the stack)."""
    pending: list[tuple[Any, int]] = [(payload, 0)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise MalformedEvent(f"invalid payload: nested deeper than {MAX_DEPTH} levels")
        if isinstance(value, str) and not _storable_string(value):
            raise MalformedEvent("invalid payload: a string holds a NUL character or a lone surrogate")
        if isinstance(value, float) and not math.isfinite(value):
            raise MalformedEvent("invalid payload: a number is out of range")
        if isinstance(value, dict):
            pending.extend((key, depth + 1) for key in value)
            pending.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)


def _check_fields(event: dict) -> None:
    for name, max_length in FIELD_LENGTHS.items():
        value = event.get(name)
        if not isinstance(value, str) or not value.strip() or len(value) > max_length:
            raise MalformedEvent(f"invalid event: '{name}' must be a text of 1 to {max_length} characters")
    created = event.get("created")
    if isinstance(created, bool) or not isinstance(created, int) or not 0 <= created < MAX_CREATED:
        raise MalformedEvent("invalid event: 'created' must be a Unix time in whole seconds")
    data = event.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        raise MalformedEvent("invalid event: 'data.object' must be a JSON object")
    object_id = data["object"].get("id", "")
    if not isinstance(object_id, str) or len(object_id) > OBJECT_ID_LENGTH:
        raise MalformedEvent(
            f"invalid event: 'data.object.id' must be a text of at most {OBJECT_ID_LENGTH} characters"
        )


def parse_event(payload: str) -> dict:
    """The event in ``payload`` (the verified body, decoded), checked; or MalformedEvent."""
    try:
        event = json.loads(payload, parse_constant=_reject_constant)
    except RecursionError:
        raise MalformedEvent(f"invalid payload: nested deeper than {MAX_DEPTH} levels") from None
    except MalformedEvent:
        raise
    except ValueError as error:
        raise MalformedEvent(f"invalid payload: not JSON ({error})") from None
    if not isinstance(event, dict):
        raise MalformedEvent("invalid payload: a Stripe event is a JSON object")
    _check_storable(event)
    _check_fields(event)
    return event
