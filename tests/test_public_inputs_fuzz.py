"""FUZZ TEST (marked `fuzz`; runs in `make test`'s SQLite pass): hostile input to every public
endpoint that takes some is answered, never with a 5xx (issue 9).

Hypothesis posts random and hostile inputs (any Unicode, NUL and other control characters,
FTS operators, strings of thousands of characters, wrong types, JSON junk, bytes that are not
UTF-8, validly signed junk) through Django's test client to the site search, Oscar's search,
basket add and update, the checkout's e-mail, address and billing address forms, the consent
boxes of the pay endpoint, the carrier callback, the Stripe webhook, and the newsletter sign-up
with its confirmation and unsubscribe links. An unhandled exception
in a view is raised by the test client and fails the example with its traceback; a handled 5xx
fails the status assertion. Each endpoint gets EXAMPLES random examples plus the explicit ones
that were 500s before; the whole module runs in 15-30 s on SQLite (after migrating). No example
database is written (database=None): a failure prints the falsifying example to reproduce it.
"""

import hashlib
import hmac
import json
import os
import time
from decimal import Decimal
from urllib.parse import quote, quote_from_bytes

import pytest
from django.core import signing
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from aftersales import marketing_mail, newsletter
from commerce.order import shipments
from commerce.order.guest_links import order_token
from commerce.returns import withdrawing
from tests.commerce.carrier_support import CARRIER_SECRET, CARRIER_URL, carrier_signature
from tests.commerce.fulfilment_support import mixed_vat_products, paid_order
from tests.factories import ProductClassFactory, ProductFactory
from tests.stripe_support import WEBHOOK_SECRET, dutch_address

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

# Examples per test; `FUZZ_EXAMPLES=1000 pytest -m fuzz` searches deeper by hand.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))

fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    # One client and shop per test, shared by its examples: state left by one example (a
    # fuller basket, a seen signature) is more input for the next, not a reason to reset.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE_STRINGS = [
    '"',
    "\x00",
    "a\x00b",
    "'",
    "\\",
    "%",
    "%s%n%d",
    "*",
    "-",
    ":",
    "(",
    ")",
    "NEAR(a b)",
    "a AND OR NOT b",
    "title:a",
    "x" * 1000,
    "é" * 5000,
    "\u202e\ufeff\u200b",
    "\U0001d54f🙂",
    "<script>alert(1)</script>",
    "{{ 7*7 }}{% now %}",
    "\r\nSet-Cookie: x=1",
    "١٢٣",
    "-1",
    "1e999",
    "NaN",
    "99999999999999999999999999",
    "0",
    "",
    " ",
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE_STRINGS),
    st.text(max_size=40),
    st.text(max_size=3000),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Zp"]), max_size=20),
    st.integers().map(str),
    st.floats().map(str),
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | hostile_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(hostile_text, children, max_size=4),
    max_leaves=12,
)

form_values = st.one_of(hostile_text, st.lists(hostile_text, max_size=3))


def answered(response):
    assert response.status_code < 500, (response.status_code, response.content[:500])


# -- search -----------------------------------------------------------------------------------


@fuzz_settings
@given(query=hostile_text, page=hostile_text)
@example(query='"', page="1")
@example(query="\x00", page="\x00")
def test_site_search_never_fails(client, home, query, page):
    answered(client.get("/zoeken/", {"q": query, "page": page}))
    answered(client.get("/search/", {"q": query, "page": page}))


@fuzz_settings
@given(raw=st.binary(max_size=300))
@example(raw=b"\xff\xfe\xed\xa0\x80")
def test_site_search_with_any_bytes_in_the_query_string_never_fails(client, home, raw):
    answered(client.get("/zoeken/", QUERY_STRING="q=" + quote_from_bytes(raw)))
    answered(client.get("/zoeken/", QUERY_STRING=raw.decode("latin-1")))


# -- basket -----------------------------------------------------------------------------------


@pytest.fixture
def products(db):
    service = ProductFactory(
        title="Cloudback-up 1 TB", price=Decimal("119.00"), product_class=ProductClassFactory(service=True)
    )
    return [service, ProductFactory(title="Kabelbinder", price=Decimal("1.99"), num_in_stock=10_000)]


@fuzz_settings
@given(
    which=st.integers(min_value=0, max_value=1),
    fields=st.dictionaries(
        st.sampled_from(["quantity", "child_id", "next", "csrfmiddlewaretoken"]) | hostile_text,
        form_values,
        max_size=4,
    ),
)
@example(which=0, fields={"quantity": "10000"})
@example(which=1, fields={"quantity": "99999999999999999999"})
def test_basket_add_never_fails(client, products, which, fields):
    answered(client.post(reverse("basket:add", kwargs={"pk": products[which].pk}), fields))


@fuzz_settings
@given(
    body=st.binary(max_size=500),
    content_type=st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "multipart/form-data",
            "text/plain",
        ]
    ),
)
def test_basket_add_with_a_raw_body_never_fails(client, products, body, content_type):
    answered(
        client.post(reverse("basket:add", kwargs={"pk": products[1].pk}), body, content_type=content_type)
    )


@fuzz_settings
@given(
    total=form_values,
    initial=form_values,
    line_id=form_values,
    quantity=form_values,
    extra=st.dictionaries(hostile_text, form_values, max_size=3),
)
@example(total="1", initial="1", line_id="1", quantity="100", extra={})
@example(total="100000000", initial="0", line_id="x", quantity="1", extra={})
def test_basket_update_never_fails(client, products, total, initial, line_id, quantity, extra):
    client.post(reverse("basket:add", kwargs={"pk": products[1].pk}), {"quantity": "1"})
    data = {
        "form-TOTAL_FORMS": total,
        "form-INITIAL_FORMS": initial,
        "form-0-id": line_id,
        "form-0-quantity": quantity,
    } | extra
    answered(client.post(reverse("basket:summary"), data))


# -- checkout forms ---------------------------------------------------------------------------


@pytest.fixture
def guest_at_address_step(client, products):
    goods = ProductFactory(title="Bureaulamp", price=Decimal("12.10"))
    client.post(reverse("basket:add", kwargs={"pk": goods.pk}), {"quantity": "1"})
    client.post(reverse("checkout:index"), {"username": "sanne@example.test", "options": "anonymous"})
    dutch_address()  # the Netherlands exists as a shipping country
    return client


ADDRESS_FIELDS = [
    "first_name",
    "last_name",
    "line1",
    "line2",
    "line4",
    "postcode",
    "country",
    "phone_number",
    "notes",
]


@fuzz_settings
@given(
    overrides=st.dictionaries(st.sampled_from(ADDRESS_FIELDS) | hostile_text, form_values, max_size=5),
    email=hostile_text,
    options=form_values,
)
@example(overrides={"postcode": "\x00", "country": "XX"}, email="\x00", options="anonymous")
def test_checkout_email_and_address_forms_never_fail(guest_at_address_step, overrides, email, options):
    client = guest_at_address_step
    answered(client.post(reverse("checkout:index"), {"username": email, "options": options}))
    client.post(reverse("checkout:index"), {"username": "sanne@example.test", "options": "anonymous"})
    answered(client.post(reverse("checkout:shipping-address"), {**dutch_address(), **overrides}))


# -- the withdrawal function (W18) ------------------------------------------------------------


@fuzz_settings
@given(fields=st.dictionaries(st.sampled_from(["number", "email"]) | hostile_text, form_values, max_size=3))
@example(fields={"number": "\x00", "email": "a@b.nl"})
@example(fields={"number": "9" * 3000, "email": "a@b.nl"})
def test_withdrawal_lookup_never_fails(client, home, fields):
    answered(client.post(reverse("returns:lookup"), fields))


@pytest.fixture
def withdrawal(client, home):
    """A delivered guest order, opened through its signed link, with one return of a mug."""
    order = paid_order([(ProductFactory(title="Mok"), 2)])
    shipment, _invoice = shipments.dispatch(order, [(order.lines.get(), 2)])
    shipments.record_delivery(shipment, shipment.date_created.date())
    line = order.lines.get()
    return_request = withdrawing.withdraw(
        order, [withdrawing.LineChoice(line, 1)], name="Sanne", email=order.email
    )
    ref = order_token(order)
    return {"ref": ref, "line": line, "number": return_request.number}


@fuzz_settings
@given(data=st.data())
@example(data=None)
def test_withdrawal_form_confirm_and_return_actions_never_fail(client, withdrawal, data):
    line = withdrawal["line"].pk
    names = [
        "name",
        "email",
        "reason",
        "pickup_on",
        "exchange_for",
        "wijzigen",
        f"line-{line}-quantity",
        f"line-{line}-seal",
        "line-99999999999999999999-quantity",
    ]
    fields = (
        {f"line-{line}-quantity": "1", "name": "Sanne", "email": "sanne@example.test", "exchange_for": "x"}
        if data is None
        else data.draw(st.dictionaries(st.sampled_from(names) | hostile_text, form_values, max_size=6))
    )
    ref, number = withdrawal["ref"], withdrawal["number"]
    for url in (reverse("returns:withdraw", args=[ref]), reverse("returns:confirm", args=[ref])):
        answered(client.post(url, fields))
    for view in ("returns:mark-sent", "returns:cancel"):
        answered(client.post(reverse(view, args=[ref, number]), fields))


@pytest.fixture
def guest_buying_a_service(client, products):
    """A basket that ships nothing: the checkout asks the billing address and the consent to
    start at once (W13 a)."""
    services = ProductClassFactory(service=True, name="Installatie", withdrawal_exception="a")
    service = ProductFactory(title="Zonnepaneel installeren", price=Decimal("120.00"), product_class=services)
    client.post(reverse("basket:add", kwargs={"pk": service.pk}), {"quantity": "1"})
    client.post(reverse("checkout:index"), {"username": "sanne@example.test", "options": "anonymous"})
    dutch_address()
    return client


@fuzz_settings
@given(
    overrides=st.dictionaries(st.sampled_from(ADDRESS_FIELDS) | hostile_text, form_values, max_size=5),
    consent=st.lists(hostile_text, max_size=3),
)
@example(overrides={"postcode": "\x00", "country": "XX"}, consent=["\x00"])
def test_billing_address_and_consent_never_fail(guest_buying_a_service, overrides, consent):
    client = guest_buying_a_service
    answered(client.post(reverse("checkout:billing-address"), {**dutch_address(), **overrides}))
    client.post(reverse("checkout:billing-address"), dutch_address(), follow=True)
    # A junk reference among the ticked boxes: refused with a message, Stripe never asked.
    response = client.post(
        reverse("checkout-pay"), {"method": "card", "performance_consent": [*consent, "\x00"]}
    )
    assert response.status_code == 400, response.content[:500]
    assert response.json()["error"]


# -- carrier callback -------------------------------------------------------------------------


@pytest.fixture
def carrier(settings, db):
    settings.CARRIER_CALLBACK_SECRET = CARRIER_SECRET
    lamp, chocolate = mixed_vat_products()
    order = paid_order([(lamp, 1), (chocolate, 1)])
    shipments.dispatch(order, [(line, 1) for line in order.lines.all()], tracking_code="3SWKL0300")


delivery_reports = st.fixed_dictionaries(
    {},
    optional={
        "tracking_code": st.sampled_from(["3SWKL0300"]) | json_values,
        "delivered_on": st.dates().map(lambda day: day.isoformat()) | json_values,
    },
)


@fuzz_settings
@given(
    body=st.binary(max_size=400) | delivery_reports.map(lambda report: json.dumps(report).encode()),
    timestamp=hostile_text
    | st.integers(min_value=-(10**6), max_value=10**6).map(lambda ago: str(int(time.time()) - ago)),
    signature=hostile_text,
    sign=st.booleans(),
)
@example(body=b"{}", timestamp="1", signature="é" * 64, sign=False)
def test_carrier_callback_never_fails(client, carrier, body, timestamp, signature, sign):
    if sign and timestamp.isascii():
        signature = carrier_signature(body, timestamp)
    headers = {"X-Carrier-Timestamp": timestamp, "X-Carrier-Signature": signature}
    answered(client.post(CARRIER_URL, body, content_type="application/json", headers=headers))


@fuzz_settings
@given(report=delivery_reports | json_values)
def test_validly_signed_carrier_junk_never_fails(client, carrier, report):
    body = json.dumps(report).encode()
    timestamp = str(int(time.time()))
    headers = {"X-Carrier-Timestamp": timestamp, "X-Carrier-Signature": carrier_signature(body, timestamp)}
    answered(client.post(CARRIER_URL, body, content_type="application/json", headers=headers))


# -- Stripe webhook ---------------------------------------------------------------------------


def stripe_signature(payload: str) -> str:
    timestamp = int(time.time())
    digest = hmac.new(WEBHOOK_SECRET.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


event_like = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=30) | json_values,
        "object": st.just("event") | json_values,
        "type": st.sampled_from(["customer.created", "charge.refunded"]) | json_values,
        "created": st.integers() | json_values,
        "data": json_values | st.fixed_dictionaries({"object": json_values}),
    },
)


@fuzz_settings
@given(event=event_like | json_values)
@example(event=[])
@example(event={"id": "evt_1", "type": "x", "created": "gisteren", "data": "pi_1"})
@example(event={"id": "evt_2", "type": "x", "created": 1, "data": {"object": {"id": "\x00"}}})
def test_validly_signed_stripe_junk_never_fails(client, settings, event):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    payload = json.dumps(event)
    headers = {"Stripe-Signature": stripe_signature(payload)}
    answered(
        client.post(reverse("stripe-webhook"), payload, content_type="application/json", headers=headers)
    )


@fuzz_settings
@given(body=st.binary(max_size=400), signature=hostile_text)
@example(body=b"{}", signature="t=1,v1=é")
def test_stripe_webhook_with_any_body_and_header_never_fails(client, settings, body, signature):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    headers = {"Stripe-Signature": signature} if signature else {}
    answered(client.post(reverse("stripe-webhook"), body, content_type="application/json", headers=headers))


# -- newsletter sign-up, its confirmation link and the unsubscribe link (A6) --------------------


@fuzz_settings
@given(fields=st.dictionaries(st.sampled_from(["email"]) | hostile_text, form_values, max_size=3))
@example(fields={"email": "sanne@example.test\x00"})
@example(fields={"email": ["a@b.nl", "c@d.nl"]})
def test_newsletter_sign_up_never_fails(client, home, fields):
    cache.clear()  # sign-ups are counted: without this most examples would only meet the limit
    answered(client.post(reverse("newsletter"), fields))


@fuzz_settings
@given(token=hostile_text, signed=json_values)
@example(token="x:y:z", signed="\x00")
@example(token="1:abc", signed=10**30)
def test_newsletter_and_unsubscribe_links_never_fail(client, home, token, signed):
    confirmations = (token, signing.dumps(signed, salt=newsletter.SALT))
    unsubscribes = (token, signing.Signer(salt=marketing_mail.SALT).sign(str(signed)))
    links = [f"/nieuwsbrief/bevestigen/{quote(value, safe='')}/" for value in confirmations]
    links += [f"/afmelden/{quote(value, safe='')}/" for value in unsubscribes]
    for link in links:
        answered(client.get(link))
        answered(client.post(link))
