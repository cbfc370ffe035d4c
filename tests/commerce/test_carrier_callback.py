"""The carrier's delivery callback answers any input with 4xx, never 500, and acts on a signed
message once and only while it is fresh (issue 9): signed with a timestamp, refused when older
than 5 minutes or replayed, so an old report cannot move a delivery date (and W2's window)."""

import datetime
import json
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from commerce.order import shipments
from commerce.order.models import CarrierCallback
from commerce.returns import windows
from tests.commerce.carrier_support import CARRIER_SECRET, CARRIER_URL, carrier_post, carrier_signature
from tests.commerce.fulfilment_support import mixed_vat_products, paid_order
from tests.commerce.test_dispatch_delivery import dispatched_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipment(settings):
    """A parcel with tracking code 3SWKL0300, dispatched five days ago, not yet delivered."""
    settings.CARRIER_CALLBACK_SECRET = CARRIER_SECRET
    lamp, chocolate = mixed_vat_products()
    order = paid_order([(lamp, 1), (chocolate, 1)])
    lamp_line, chocolate_line = order.lines.order_by("pk")
    parcel, _ = shipments.dispatch(order, [(lamp_line, 1), (chocolate_line, 1)], tracking_code="3SWKL0300")
    dispatched_on(parcel, timezone.localdate() - timedelta(days=5))
    return parcel


def days_ago(days: int) -> str:
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def delivered_on(parcel):
    parcel.refresh_from_db()
    return parcel.delivered_on


@pytest.mark.rule("W2")
def test_a_replayed_callback_is_refused_and_cannot_move_the_delivery_date(client, shipment):
    report = {"tracking_code": "3SWKL0300", "delivered_on": days_ago(3)}
    body = json.dumps(report).encode()
    timestamp = str(int(time.time()) - 10)
    signed = {"X-Carrier-Timestamp": timestamp, "X-Carrier-Signature": carrier_signature(body, timestamp)}

    first = client.post(CARRIER_URL, body, content_type="application/json", headers=signed)
    assert first.status_code == 200
    # The carrier corrects the date with a new message...
    correction = carrier_post(client, {"tracking_code": "3SWKL0300", "delivered_on": days_ago(1)})
    assert correction.status_code == 200
    assert delivered_on(shipment) == timezone.localdate() - timedelta(days=1)

    # ...and someone who kept the first message sends it again: refused, nothing moves.
    replay = client.post(CARRIER_URL, body, content_type="application/json", headers=signed)
    assert replay.status_code == 409
    assert "received before" in replay.json()["error"]
    assert delivered_on(shipment) == timezone.localdate() - timedelta(days=1)
    assert windows.withdrawal_starts_on(shipment.order) == timezone.localdate()
    # Upper-case hex is the same signature, not a new message.
    shouted = signed | {"X-Carrier-Signature": signed["X-Carrier-Signature"].upper()}
    assert client.post(CARRIER_URL, body, content_type="application/json", headers=shouted).status_code == 409


def test_a_callback_signed_more_than_five_minutes_ago_is_refused(client, shipment):
    report = {"tracking_code": "3SWKL0300", "delivered_on": days_ago(2)}
    stale = carrier_post(client, report, signed_ago=301)
    assert stale.status_code == 403
    assert "signed more than 300 seconds ago" in stale.json()["error"]
    assert delivered_on(shipment) is None
    assert not CarrierCallback.objects.exists()

    assert carrier_post(client, report, signed_ago=290).status_code == 200  # inside the window
    assert delivered_on(shipment) == timezone.localdate() - timedelta(days=2)


def test_a_callback_signed_in_the_future_is_refused(client, shipment):
    report = {"tracking_code": "3SWKL0300", "delivered_on": days_ago(2)}
    assert carrier_post(client, report, signed_ago=-120).status_code == 403
    assert carrier_post(client, report, signed_ago=-30).status_code == 200  # a little clock skew is fine


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Carrier-Timestamp": ""},
        {"X-Carrier-Timestamp": "gisteren"},
        {"X-Carrier-Timestamp": "1.5e9"},
        {"X-Carrier-Timestamp": "-1"},
        {"X-Carrier-Timestamp": "١٧٠٠٠٠٠٠٠٠"},  # Arabic-Indic digits: int() would take them
        {"X-Carrier-Timestamp": "9" * 40},
    ],
)
def test_a_callback_without_a_usable_timestamp_is_a_bad_request(client, shipment, headers):
    response = carrier_post(
        client, {"tracking_code": "3SWKL0300", "delivered_on": days_ago(2)}, headers=headers
    )
    assert response.status_code == 400
    assert "X-Carrier-Timestamp" in response.json()["error"]
    assert delivered_on(shipment) is None


@pytest.mark.parametrize(
    "signature",
    [
        "é" * 64,  # non-ASCII: a 500 before
        "\x00" * 64,
        "",
        "00" * 32,
        "zz",
        "ø" * 10_000,
    ],
)
def test_any_wrong_signature_is_forbidden(client, shipment, signature):
    response = carrier_post(
        client,
        {"tracking_code": "3SWKL0300", "delivered_on": days_ago(2)},
        headers={"X-Carrier-Signature": signature},
    )
    assert response.status_code == 403
    assert delivered_on(shipment) is None


def test_the_old_signature_over_the_body_alone_no_longer_counts(client, shipment):
    body = json.dumps({"tracking_code": "3SWKL0300", "delivered_on": days_ago(2)}).encode()
    old_style = carrier_signature(body, "", CARRIER_SECRET)  # HMAC of "." + body: not the body alone
    headers = {"X-Carrier-Timestamp": str(int(time.time())), "X-Carrier-Signature": old_style}
    assert client.post(CARRIER_URL, body, content_type="application/json", headers=headers).status_code == 403


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b'"3SWKL0300"',
        b"42",
        b"null",
        b"{}",
        b"\xff\xfe not utf-8",
        b"[" * 100_000,  # deeper than json can parse: RecursionError
        b'{"tracking_code": ["3SWKL0300"], "delivered_on": "2026-01-01"}',
        b'{"tracking_code": "3SWKL0300", "delivered_on": 20260101}',
        b'{"tracking_code": "3SWKL0300", "delivered_on": "gisteren"}',
        b'{"tracking_code": "3SWKL\\u0000", "delivered_on": "2026-01-01"}',
        b'{"tracking_code": "' + b"x" * 65 + b'", "delivered_on": "2026-01-01"}',
        b'{"tracking_code": "", "delivered_on": "2026-01-01"}',
        b'{"tracking_code": true, "delivered_on": "2026-01-01"}',
        b'{"tracking_code": 1' + b"0" * 5000 + b', "delivered_on": "2026-01-01"}',
    ],
)
def test_a_signed_body_that_is_no_delivery_report_is_a_bad_request(client, shipment, body):
    response = carrier_post(client, None, body=body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert delivered_on(shipment) is None
    assert not CarrierCallback.objects.exists()  # only messages acted upon count as received


def test_remembered_signatures_are_forgotten_once_too_old_to_pass(client, shipment):
    old = CarrierCallback.objects.create(
        signature="a" * 64, signed_at=timezone.now() - datetime.timedelta(minutes=6)
    )
    recent = CarrierCallback.objects.create(
        signature="b" * 64, signed_at=timezone.now() - datetime.timedelta(minutes=4)
    )
    assert (
        carrier_post(client, {"tracking_code": "3SWKL0300", "delivered_on": days_ago(2)}).status_code == 200
    )
    assert not CarrierCallback.objects.filter(pk=old.pk).exists()
    assert CarrierCallback.objects.filter(pk=recent.pk).exists()
    assert CarrierCallback.objects.count() == 2
