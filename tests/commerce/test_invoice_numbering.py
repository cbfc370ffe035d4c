"""N3 acceptance on PostgreSQL: invoice numbers stay one gap-free sequence under concurrent
dispatch, and a dispatch rolled back after it took a number leaves no gap."""

from functools import partial

import pytest
from django.utils import timezone

from commerce.invoices import numbering
from commerce.invoices.models import Invoice, InvoiceCounter
from commerce.order import shipments
from tests.commerce.fulfilment_support import invoice_mails, mixed_vat_products, paid_order
from tests.concurrency import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.usefixtures("default_site"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.rule("N3"),
]

DISPATCHES = 50


def ship_all(order):
    return shipments.dispatch(order, [(line, line.quantity) for line in order.lines.all()])


def test_n3_fifty_concurrent_dispatches_get_one_gap_free_sequence():
    lamp, _chocolate = mixed_vat_products()
    lamp.stockrecords.update(num_in_stock=DISPATCHES)
    orders = [paid_order([(lamp, 1)]) for _ in range(DISPATCHES)]
    outcomes = run_together(*[partial(ship_all, order) for order in orders])

    assert [repr(outcome) for outcome in outcomes if isinstance(outcome, Exception)] == []
    series = str(timezone.localdate().year)
    sequences = sorted(Invoice.objects.filter(series=series).values_list("sequence", flat=True))
    assert sequences == list(range(1, DISPATCHES + 1))
    assert set(Invoice.objects.values_list("number", flat=True)) == {
        numbering.format_number(series, n) for n in range(1, DISPATCHES + 1)
    }
    assert InvoiceCounter.objects.get(series=series).last_sequence == DISPATCHES
    assert all(order.invoices.count() == 1 for order in orders)
    assert len(invoice_mails()) == DISPATCHES  # each invoice e-mailed once, after its commit


def test_n3_a_dispatch_rolled_back_after_numbering_leaves_no_gap(monkeypatch):
    lamp, _chocolate = mixed_vat_products()
    first, failing, third = (paid_order([(lamp, 1)]) for _ in range(3))
    ship_all(first)

    def status_update_fails(order):
        raise RuntimeError("database went away after the invoice was numbered")

    monkeypatch.setattr(shipments, "settle_status", status_update_fails)
    with pytest.raises(RuntimeError):
        ship_all(failing)
    monkeypatch.undo()

    assert not failing.invoices.exists()
    assert not failing.shipping_events.exists()
    assert lamp.stockrecords.get().num_allocated == 2  # the failed dispatch consumed nothing
    _shipment, invoice = ship_all(third)
    series = str(timezone.localdate().year)
    assert invoice.number == numbering.format_number(series, 2)
    assert sorted(Invoice.objects.values_list("sequence", flat=True)) == [1, 2]
