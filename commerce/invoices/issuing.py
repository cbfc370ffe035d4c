"""Issuing invoices and credit notes: number, snapshot and row in the caller's transaction; the
PDF is archived as a file once that transaction commits (commerce/invoices/archive.py)."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from commerce.invoices import archive, documents, numbering
from commerce.invoices.models import Invoice
from commerce.partner.vat import share


@transaction.atomic
def issue(order, kind, lines: list[dict], shipping_event=None, credits=None) -> Invoice:
    issued_on = timezone.localdate()  # the shop's calendar day (TIME_ZONE Europe/Amsterdam)
    series = numbering.series_for(kind, issued_on)
    sequence, number = numbering.next_number(series)
    invoice = Invoice(
        order=order,
        shipping_event=shipping_event,
        kind=kind,
        series=series,
        sequence=sequence,
        number=number,
        issued_on=issued_on,
        credits=credits,
    )
    invoice.snapshot = documents.snapshot(invoice, lines)
    invoice.save()
    archive.archive_after_commit(invoice)
    return invoice


def issue_shipment_invoice(order, shipping_event, line_quantities, services=()) -> Invoice:
    """The invoice for one shipment. The order's first invoice also charges what never ships:
    the delivery and the order's service lines (`services`, invoiced whole)."""
    lines = [documents.goods_line(line, quantity) for line, quantity in line_quantities]
    if not order.invoices.filter(kind=Invoice.Kind.INVOICE).exists():
        lines.extend(documents.goods_line(line, line.quantity) for line in services)
        delivery = documents.delivery_line(order)
        if delivery is not None:
            lines.append(delivery)
    return issue(order, Invoice.Kind.INVOICE, lines, shipping_event=shipping_event)


def issue_order_invoice(order) -> Invoice:
    """The one invoice of an order with nothing to ship (services only), issued at placement."""
    lines = [documents.goods_line(line, line.quantity) for line in order.lines.all()]
    return issue(order, Invoice.Kind.INVOICE, lines)


def issue_credit_note(invoice: Invoice, quantities: dict[int, int], adjustments=()) -> Invoice:
    """A credit note for part of an invoice: {index of the invoice line: quantity credited}.

    Each credited line repeats the invoiced line with a negative amount (its share of the
    invoiced total), so invoice + credit notes add up to what remains paid. `adjustments` are
    further lines as they are printed (documents.priced_line): the delivery cost given back
    (negative), a deduction for loss of value kept (positive).
    """
    lines = []
    for index, quantity in sorted(quantities.items()):
        invoiced = invoice.snapshot["lines"][index]
        if not 0 < quantity <= invoiced["quantity"]:
            raise ValueError(f"line {index}: cannot credit {quantity} of {invoiced['quantity']}")
        gross = -share(Decimal(invoiced["total_incl_tax"]), quantity, invoiced["quantity"])
        credited = documents.priced_line(
            invoiced["description"], quantity, gross, Decimal(invoiced["vat_rate"])
        )
        if "order_line" in invoiced:
            credited["order_line"] = invoiced["order_line"]
        lines.append(credited)
    lines.extend(adjustments)
    return issue(invoice.order, Invoice.Kind.CREDIT_NOTE, lines, credits=invoice)
