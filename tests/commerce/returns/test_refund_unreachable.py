"""ACCEPTANCE (issue 11): Stripe unreachable while staff refund a return -> the refund stays due with
the error on the page and a retry button; with Stripe back, the retry refunds exactly once.

Stripe is taken away by closing the shop's route to it (a relay of the test's own in front of
localstripe, closed and reopened on the same port): a stopped localstripe restarts empty, so the
PaymentIntent to refund would be gone."""

from decimal import Decimal

import pytest
from django.core import mail

from commerce.returns.models import Refund, State
from tests.commerce.returns.returns_support import refunded_at_stripe, ship_everything, stripe_paid_order
from tests.commerce.returns.staff_support import order_manager, receive_data, return_url, withdraw
from tests.factories import ProductFactory
from tests.stripe_support import StallingStripe, free_port

pytestmark = pytest.mark.django_db


def never(method, path, form) -> bool:
    return False


class StripeRoute:
    """The shop's way to Stripe (settings.STRIPE_API_BASE), which the test cuts and restores."""

    def __init__(self, localstripe_base: str):
        self.localstripe_base = localstripe_base
        self.port = free_port()
        self.relay = StallingStripe(localstripe_base, never, port=self.port)
        self.base = self.relay.base

    def cut(self):
        self.relay.stop()

    def restore(self):
        self.relay = StallingStripe(self.localstripe_base, never, port=self.port)


@pytest.fixture
def stripe_route(settings, stripe_api):
    route = StripeRoute(stripe_api.base)
    settings.STRIPE_API_BASE = route.base
    settings.STRIPE_TIMEOUT_SECONDS = 2
    yield route
    route.relay.stop()


@pytest.mark.rule("W9")
def test_stripe_unreachable_leaves_the_refund_due_with_the_error_and_retry_refunds_once(
    client, shop, stripe_route, committed
):
    order_manager(client)
    mug = ProductFactory(title="Mok", price=Decimal("12.50"), num_in_stock=5)
    order = ship_everything(stripe_paid_order([(mug, 2)]))
    return_request = withdraw(order, (order.lines.get(), 1))
    client.post(return_url(return_request, "receive"), receive_data(return_request, "not_resellable"))
    stripe_route.cut()

    failed = client.post(return_url(return_request, "refund"))

    assert failed.status_code == 503
    page = failed.content.decode()
    assert "Stripe gaf geen akkoord; de terugbetaling staat nog open" in page
    assert "Opnieuw proberen" in page
    refund = Refund.objects.get(return_request=return_request)
    assert refund.status == Refund.Status.DUE
    assert "Connection refused" in refund.error
    assert "Unexpected error communicating with Stripe" in page  # the error as Stripe's library put it
    return_request.refresh_from_db()
    assert return_request.state == State.RECEIVED
    assert not refund.credit_notes.exists()

    stripe_route.restore()
    with committed():
        retried = client.post(return_url(return_request, "refund"))

    assert retried.status_code == 302
    refund.refresh_from_db()
    assert (refund.status, refund.error, refund.attempts) == (Refund.Status.SUCCEEDED, "", 2)
    assert refunded_at_stripe(order) == [1250]
    assert refund.credit_notes.count() == 1
    assert order.email in mail.outbox[-1].to
    page = client.get(return_url(return_request)).content.decode()
    assert "Opnieuw proberen" not in page
    assert refund.stripe_refund_id in page
