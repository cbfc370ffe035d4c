"""A correctly signed Stripe webhook whose body is not an event the shop can read is answered
400 with the reason, stores nothing and starts no task (issue 9); before, a JSON list, `data` as
a string or `created` as text ended in a 500. No localstripe needed: nothing reaches Stripe."""

import json
import time

import pytest
from django.urls import reverse

from commerce.payments import event_shape
from commerce.payments.models import StripeEvent
from tests.stripe_support import WEBHOOK_SECRET, signature

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET


def event(**overrides):
    """A well-formed event of a type the shop ignores (handling it needs no Stripe call)."""
    body = {
        "id": "evt_shape_1",
        "object": "event",
        "created": int(time.time()),
        "type": "customer.created",
        "data": {"object": {"id": "cus_1", "object": "customer"}},
    }
    return json.dumps(body | overrides)


def post_signed(client, payload: str, header: str | None = None):
    return client.post(
        reverse("stripe-webhook"),
        payload,
        content_type="application/json",
        headers={"Stripe-Signature": signature(payload) if header is None else header},
    )


def nested(depth: int) -> str:
    """An event whose data.object holds a list nested `depth` levels deep."""
    deep = "[" * depth + "]" * depth
    return event().replace('"object": "customer"}', f'"object": "customer", "deep": {deep}}}')


MALFORMED = {
    "a JSON list": ("[]", "a Stripe event is a JSON object"),
    "a JSON string": ('"evt_1"', "a Stripe event is a JSON object"),
    "not JSON": ("{not json", "not JSON"),
    "NaN": (event(created=0).replace('"created": 0', '"created": NaN'), "NaN is not a JSON number"),
    "data as a string": (event(data="payment_intent"), "'data.object' must be a JSON object"),
    "data.object as a list": (event(data={"object": []}), "'data.object' must be a JSON object"),
    "data.object.id as a number": (event(data={"object": {"id": 7}}), "'data.object.id'"),
    "created as text": (event(created="gisteren"), "'created' must be a Unix time"),
    "created as a float": (event(created=1.5), "'created' must be a Unix time"),
    "created as true": (event(created=True), "'created' must be a Unix time"),
    "created far beyond year 9999": (event(created=10**20), "'created' must be a Unix time"),
    "created negative": (event(created=-1), "'created' must be a Unix time"),
    "no id": (event(id=None), "'id' must be a text"),
    "id as an object": (event(id={"evt": 1}), "'id' must be a text"),
    "id too long": (event(id="evt_" + "x" * 300), "'id' must be a text"),
    "no type": (event(type=None), "'type' must be a text"),
    "type too long": (event(type="t" * 101), "'type' must be a text"),
    "NUL in a string": (event(type="payment_intent.\u0000succeeded"), "NUL character"),
    "NUL in a key": (event(data={"object": {"id": "pi_1", "\u0000": 1}}), "NUL character"),
    "a lone surrogate": (event(type="payment_intent.succeeded").replace("succeeded", "\\ud800"), "surrogate"),
    "a number out of range": (
        event(data={"object": {"amount": 1}}).replace('"amount": 1', '"amount": 1e999'),
        "out of range",
    ),
    "nested 100 levels": (nested(100), "nested deeper than"),
    "nested 100,000 levels": (nested(100_000), "nested deeper than"),
}


@pytest.mark.parametrize("case", MALFORMED.keys())
def test_a_signed_but_malformed_event_is_a_bad_request_and_stores_nothing(client, case):
    payload, reason = MALFORMED[case]
    response = post_signed(client, payload)
    assert response.status_code == 400, response.content
    assert reason in response.content.decode()
    assert not StripeEvent.objects.exists()


def test_a_well_formed_event_is_still_stored(client):
    response = post_signed(client, event())
    assert response.status_code == 200
    stored = StripeEvent.objects.get()
    assert stored.type == "customer.created"
    assert stored.object_id == "cus_1"


def test_a_body_over_the_limit_is_refused_before_reading(client):
    payload = event(data={"object": {"id": "pi_1", "padding": "x" * event_shape.MAX_BODY_BYTES}})
    response = post_signed(client, payload)
    assert response.status_code == 413
    assert not StripeEvent.objects.exists()


@pytest.mark.parametrize(
    "header",
    [
        "t=1,v1=é",  # non-ASCII: Stripe's comparison raised TypeError (500)
        "é" * 200,
        "t=١٧٠٠٠٠٠٠٠٠,v1=" + "0" * 64,
        "t=,v1=",
        "v1=abc",
        ",,,,",
        "t=" + "9" * 400 + ",v1=" + "0" * 64,
        "\x00",
    ],
)
def test_any_wrong_signature_header_is_a_bad_request(client, header):
    response = post_signed(client, event(), header)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_an_old_signature_is_refused(client):
    payload = event()
    old = signature(payload, timestamp=int(time.time()) - 3600)
    assert post_signed(client, payload, old).status_code == 400
    assert not StripeEvent.objects.exists()
