"""ACCEPTANCE (issue 9): no database lock is held while the shop waits for Stripe.

A `StallingStripe` (tests/stripe_support.py) stands between the shop and localstripe: it accepts
the connection and reads the request, but never answers one chosen call — shopper A's "create
PaymentIntent", or the capture of A's card — so with STRIPE_TIMEOUT_SECONDS = 3 that call takes
3 tries of 3 s (about 10 s) before the shop gives up. While A waits in a thread, shopper B does
the whole checkout on the main thread (basket, address, delivery, pay at localstripe, order
placed, card captured) and must be done before A's call gives up.

On SQLite the test database is copied into a file, opened by every thread on its own connection
with a busy timeout of 2 s (the in-memory test database cannot show lock contention between
connections): a write lock held across A's call would make B's first write fail with "database is
locked". On PostgreSQL B also checks with NOWAIT that none of A's rows (basket, payment, stock,
order) is locked while A waits.
"""

import sqlite3
import threading
import time
from contextlib import closing
from decimal import Decimal

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from commerce.order import statuses
from commerce.payments import gateway
from commerce.payments.models import CheckoutPayment
from commerce.payments.placement import place_order
from commerce.payments.preparation import start_payment
from tests.commerce.test_checkout_flow import pay_by_card, to_payment_page
from tests.factories import ProductFactory
from tests.stripe_support import StallingStripe, basket_with, checkout_data, paid_checkout

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

# serialized_rollback: an earlier transactional test ends by emptying every table, the sites
# and pages that migrations create included; this brings them back first.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STRIPE_TIMEOUT = 3
BUSY_TIMEOUT = 2
DATABASES = [pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture
def shop_database(request, transactional_db, tmp_path):
    """SQLite: the test database copied into a file that each thread opens on its own connection
    (this thread too) with a busy timeout of BUSY_TIMEOUT seconds. PostgreSQL: as it is."""
    if connection.vendor != request.param:
        pytest.skip(f"a {request.param} case, and the database is {connection.vendor}")
    if connection.vendor != "sqlite":
        yield connection.vendor
        return
    connection.ensure_connection()
    path = str(tmp_path / "shop.sqlite3")
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)
    memory_settings, memory_connection = connections.settings[DEFAULT_DB_ALIAS], connections[DEFAULT_DB_ALIAS]
    options = {**memory_settings["OPTIONS"], "timeout": BUSY_TIMEOUT}
    connections.settings[DEFAULT_DB_ALIAS] = {**memory_settings, "NAME": path, "OPTIONS": options}
    connections[DEFAULT_DB_ALIAS] = connections.create_connection(DEFAULT_DB_ALIAS)
    yield connection.vendor
    connections[DEFAULT_DB_ALIAS].close()
    connections.settings[DEFAULT_DB_ALIAS] = memory_settings
    connections[DEFAULT_DB_ALIAS] = memory_connection


@pytest.fixture
def stalling_stripe(stripe_api, settings):
    """The shop talks to localstripe through a StallingStripe that stalls nothing until told."""
    stand_in = StallingStripe(stripe_api.base, lambda method, path, form: False)
    settings.STRIPE_API_BASE = stand_in.base
    settings.STRIPE_TIMEOUT_SECONDS = STRIPE_TIMEOUT
    yield stand_in
    stand_in.stop()


class Background(threading.Thread):
    """A call in a thread with its own database connection; `outcome` is its result or error."""

    def __init__(self, call):
        super().__init__(daemon=True)
        self.call = call
        self.outcome = None

    def run(self):
        try:
            self.outcome = self.call()
        except Exception as error:  # noqa: BLE001 - the test inspects the outcome
            self.outcome = error
        finally:
            connection.close()


def assert_not_locked(*querysets):
    """PostgreSQL: each row can be locked at once (NOWAIT raises if another transaction holds it)."""
    if connection.vendor != "postgresql":
        return
    with transaction.atomic():
        for queryset in querysets:
            assert list(queryset.select_for_update(nowait=True))


def checkout_of_b(product):
    """Shopper B, start to finish: returns (the last response, seconds taken)."""
    started = time.monotonic()
    client = Client()
    to_payment_page(client, [(product, 2)], email="b@example.test")
    response = pay_by_card(client)
    return response, time.monotonic() - started


@pytest.mark.parametrize("shop_database", DATABASES, indirect=True)
def test_another_shopper_checks_out_while_pay_waits_on_a_silent_stripe(shop_database, stalling_stripe):
    lamp = ProductFactory(title="Lamp Nova", price=Decimal("20.00"), num_in_stock=10)
    basket_a = basket_with([(lamp, 1)])
    stalling_stripe.stalls = lambda method, path, form: (
        (method, path) == ("POST", "/v1/payment_intents")
        and form.get("metadata[basket]") == [str(basket_a.pk)]
    )
    paying_a = Background(
        lambda: start_payment(basket_a, None, checkout_data(email="a@example.test"), "card")
    )
    paying_a.start()
    assert stalling_stripe.stalled.wait(30), "A's create call never reached the stand-in"
    assert_not_locked(
        Basket.objects.filter(pk=basket_a.pk), CheckoutPayment.objects.filter(source_basket_id=basket_a.pk)
    )

    response, seconds = checkout_of_b(lamp)

    a_still_waiting = paying_a.is_alive()
    paying_a.join(60)
    assert response["Location"] == reverse("checkout:thank-you")
    order_b = Order.objects.get()
    assert (order_b.guest_email, order_b.status) == ("b@example.test", statuses.PAID)
    assert a_still_waiting, f"B took {seconds:.1f} s: longer than A's stalled call, which proves nothing"
    # A's call gave up; its outcome is unknown, so the step stays "creating", free for a retry.
    assert isinstance(paying_a.outcome, gateway.PaymentUnavailable), paying_a.outcome
    payment_a = CheckoutPayment.objects.get(source_basket_id=basket_a.pk)
    assert (payment_a.pending_call, payment_a.payment_intent_id, payment_a.claimed_until) == (
        "creating",
        None,
        None,
    )
    # Stripe answers again: A presses "pay" again, takes the creation over and gets one intent.
    stalling_stripe.stalls = lambda method, path, form: False
    payment, intent = start_payment(basket_a, None, checkout_data(email="a@example.test"), "card")
    assert (payment.pk, payment.pending_call, intent.status) == (payment_a.pk, "", "requires_payment_method")
    assert len(stalling_stripe.held) == 3  # the shop's client tried three times, then gave up


@pytest.mark.parametrize("shop_database", DATABASES, indirect=True)
def test_another_shopper_buys_the_same_product_while_a_capture_waits(shop_database, stalling_stripe):
    lamp = ProductFactory(title="Lamp Nova", price=Decimal("20.00"), num_in_stock=3)
    payment_a, intent_a = paid_checkout([(lamp, 1)], data=checkout_data(email="a@example.test"))
    stalling_stripe.stalls = lambda method, path, form: path == f"/v1/payment_intents/{intent_a.id}/capture"
    placing_a = Background(lambda: place_order(intent_a.id))
    placing_a.start()
    assert stalling_stripe.stalled.wait(30), "A's capture never reached the stand-in"
    payment_a.refresh_from_db()
    assert_not_locked(
        CheckoutPayment.objects.filter(pk=payment_a.pk),
        Order.objects.filter(pk=payment_a.order_id),
        StockRecord.objects.filter(product=lamp),
    )

    response, seconds = checkout_of_b(lamp)

    a_still_waiting = placing_a.is_alive()
    placing_a.join(60)
    assert response["Location"] == reverse("checkout:thank-you")
    assert Order.objects.get(guest_email="b@example.test").status == statuses.PAID
    assert a_still_waiting, f"B took {seconds:.1f} s: longer than A's stalled capture, which proves nothing"
    # A's order stands, not yet paid (it cannot be dispatched), its capture left for a retry.
    assert isinstance(placing_a.outcome, gateway.PaymentUnavailable), placing_a.outcome
    payment_a.refresh_from_db()
    assert (payment_a.pending_call, payment_a.order.status) == ("capturing", statuses.NEW)
    assert StockRecord.objects.get(product=lamp).num_allocated == 3
    # Stripe answers again: A's waiting page asks again and the capture is finished.
    stalling_stripe.stalls = lambda method, path, form: False
    placed = place_order(intent_a.id)
    assert (placed.created, placed.order.pk, placed.order.status) == (
        False,
        payment_a.order_id,
        statuses.PAID,
    )
    assert gateway.retrieve_intent(intent_a.id).status == "succeeded"
