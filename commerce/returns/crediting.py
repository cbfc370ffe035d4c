"""Credit notes for a refund (N3): per invoice, the withdrawn lines it billed, the delivery cost
given back and a deduction kept, each as a line referring to that invoice."""

from collections import defaultdict
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext

from commerce.invoices import documents
from commerce.invoices.issuing import issue_credit_note
from commerce.invoices.models import Invoice


def credited_so_far(order) -> dict[int, int]:
    """{order line id: quantity} on the order's credit notes already issued."""
    credited: dict[int, int] = defaultdict(int)
    for note in order.invoices.filter(kind=Invoice.Kind.CREDIT_NOTE):
        for line in note.snapshot["lines"]:
            if "order_line" in line:
                credited[line["order_line"]] += line["quantity"]
    return credited


def delivery_rate(invoice: Invoice) -> Decimal | None:
    for line in invoice.snapshot["lines"]:
        if line.get("delivery"):
            return Decimal(line["vat_rate"])
    return None


def issue_for_refund(refund) -> list[Invoice]:
    """The credit notes of a refund, in the caller's transaction; none when nothing of it was
    invoiced (an order cancelled before its first dispatch)."""
    return_request = refund.return_request
    order = return_request.order
    invoices = list(order.invoices.filter(kind=Invoice.Kind.INVOICE).order_by("series", "sequence"))
    to_credit = {line.order_line_id: line.quantity for line in return_request.lines.all()}
    already = credited_so_far(order)
    notes = []
    delivery_left = refund.delivery_amount
    deduction_left = refund.deduction
    for invoice in invoices:
        quantities = {}
        for index, invoiced in enumerate(invoice.snapshot["lines"]):
            line_id = invoiced.get("order_line")
            if not to_credit.get(line_id):
                continue
            # Skip what earlier credit notes took of this line, invoice by invoice.
            skip = min(already.get(line_id, 0), invoiced["quantity"])
            already[line_id] = already.get(line_id, 0) - skip
            quantity = min(to_credit[line_id], invoiced["quantity"] - skip)
            if quantity > 0:
                quantities[index] = quantity
                to_credit[line_id] -= quantity
        adjustments = []
        rate = delivery_rate(invoice)
        if delivery_left and rate is not None:
            adjustments.append(documents.priced_line(delivery_description(order), 1, -delivery_left, rate))
            delivery_left = Decimal("0.00")
        if deduction_left and quantities:
            first = invoice.snapshot["lines"][min(quantities)]
            adjustments.append(
                documents.priced_line(
                    deduction_description(order, return_request.deduction_reason),
                    1,
                    deduction_left,
                    Decimal(first["vat_rate"]),
                )
            )
            deduction_left = Decimal("0.00")
        if quantities or adjustments:
            notes.append(issue_credit_note(invoice, quantities, adjustments))
    return notes


def delivery_description(order) -> str:
    with translation.override(order.language):
        return gettext("Verzendkosten terug")


def deduction_description(order, reason: str) -> str:
    with translation.override(order.language):
        return gettext("Waardevermindering: %(reason)s") % {"reason": reason}
