"""Posting carrier delivery callbacks signed as the carrier signs them (README, "Dispatch and
delivery"): X-Carrier-Timestamp = Unix seconds, X-Carrier-Signature = hex HMAC-SHA256 of
`<timestamp>.<body>` with CARRIER_CALLBACK_SECRET."""

import hashlib
import hmac
import json
import time

CARRIER_SECRET = "carrier-test-secret"
CARRIER_URL = "/carrier/delivered/"


def carrier_signature(body: bytes, timestamp: str, secret: str = CARRIER_SECRET) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def carrier_post(client, payload, secret=CARRIER_SECRET, signed_ago=0, body=None, headers=None):
    """POST `payload` as JSON (or raw `body` bytes) signed `signed_ago` seconds ago; `headers`
    replaces or adds headers after signing."""
    body = json.dumps(payload).encode() if body is None else body
    timestamp = str(int(time.time()) - signed_ago)
    signed = {
        "X-Carrier-Timestamp": timestamp,
        "X-Carrier-Signature": carrier_signature(body, timestamp, secret),
    }
    return client.post(CARRIER_URL, body, content_type="application/json", headers=signed | (headers or {}))
