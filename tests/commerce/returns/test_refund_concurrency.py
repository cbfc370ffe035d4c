"""Two staff members on the same return at the same moment (ACCEPTANCE, issue 11), on PostgreSQL:
both press "Ontvangen" -> stock back once; both press "Terugbetalen" -> one Stripe refund at
localstripe, one credit note. Each in a thread with its own database connection and its own
logged-in browser, released together by a barrier (tests/commerce/test_placement_concurrency.py)."""

from decimal import Decimal
from functools import partial

import pytest
from django.test import Client
from oscar.core.loading import get_model

from commerce.invoices.models import Invoice
from commerce.returns.models import Refund, State
from tests.commerce.returns.returns_support import refunded_at_stripe, ship_everything, stripe_paid_order
from tests.commerce.returns.staff_support import order_manager, receive_data, return_url, withdraw
from tests.commerce.test_placement_concurrency import run_together
from tests.factories import ProductFactory

StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def two_staff(shop):
    """Two Order managers, each logged in in a browser of their own. The shop refunds on
    request only, so both refund clicks meet (with refund-on-receipt the receipt would)."""
    shop.refund_on_receipt = False
    shop.save()
    first, second = Client(), Client()
    order_manager(first, "anna@winkelier.test")
    order_manager(second, "bram@winkelier.test")
    return first, second


def both_post(clients, url, data=None):
    return run_together(*[partial(client.post, url, data or {}) for client in clients])


@pytest.mark.rule("W9", "W17")
def test_two_staff_receiving_and_refunding_one_return_at_once_do_it_once(stripe_api, two_staff):
    mug = ProductFactory(title="Mok", price=Decimal("12.50"), num_in_stock=20)
    for _repetition in range(3):
        order = ship_everything(stripe_paid_order([(mug, 2)]))
        return_request = withdraw(order, (order.lines.get(), 1))
        in_stock = StockRecord.objects.get(product=mug).num_in_stock

        received = both_post(two_staff, return_url(return_request, "receive"), receive_data(return_request))

        assert sorted(response.status_code for response in received) == [302, 400], received
        assert StockRecord.objects.get(product=mug).num_in_stock == in_stock + 1

        refunded = both_post(two_staff, return_url(return_request, "refund"))

        assert not any(isinstance(outcome, Exception) for outcome in refunded), refunded
        # The second finds the refund being made (409) or made already (302, nothing new).
        assert {response.status_code for response in refunded} <= {302, 409}, refunded
        assert refunded_at_stripe(order) == [1250]
        refund = Refund.objects.get(return_request=return_request)
        assert refund.status == Refund.Status.SUCCEEDED
        assert Invoice.objects.filter(kind=Invoice.Kind.CREDIT_NOTE, credits__order=order).count() == 1
        return_request.refresh_from_db()
        assert return_request.state == State.CLOSED
        assert [event.to_state for event in return_request.events.all()].count(State.REFUNDED) == 1
