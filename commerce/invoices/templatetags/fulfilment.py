"""Dashboard order page: what is left to ship, the shipments with their invoices, and W2."""

from django import template

from commerce.order import shipments
from commerce.returns.windows import withdrawal_starts_on

register = template.Library()


@register.simple_tag
def fulfilment(order):
    invoices = {}
    for invoice in order.invoices.all():
        invoices.setdefault(invoice.shipping_event_id, []).append(invoice)
    return {
        "left_to_ship": [(line, left) for line, left in shipments.left_to_ship(order).items() if left],
        "shipments": [
            (shipment, invoices.get(shipment.pk, []))
            for shipment in shipments.dispatches(order).prefetch_related("line_quantities__line")
        ],
        "invoices": order.invoices.all(),
        "withdrawal_starts_on": withdrawal_starts_on(order),
    }
