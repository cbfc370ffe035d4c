"""What a placed order amounts to, as the confirmation e-mail and the order pages show it (N2, W2)."""

from decimal import Decimal

from commerce.partner.vat import totals_by_rate
from commerce.shipping.charges import delivery_vat_rate


def delivery_rate(order, lines) -> Decimal:
    """The VAT rate charged on delivery: stored on the order, else the rule that set it."""
    if order.shipping_tax_code:
        return Decimal(order.shipping_tax_code)
    return delivery_vat_rate(line.vat_rate for line in lines)


def vat_by_rate(order) -> list[dict]:
    """VAT per rate over the lines (after discounts) and the delivery cost, highest rate first."""
    lines = list(order.lines.all())
    amounts = [(line.line_price_incl_tax, line.vat_rate) for line in lines]
    if order.shipping_incl_tax:
        amounts.append((order.shipping_incl_tax, delivery_rate(order, lines)))
    return [{"rate": rate, **totals} for rate, totals in totals_by_rate(amounts).items()]


def shipments(order) -> list[dict]:
    """Each dispatch event is one parcel: when it left, what was in it, its tracking and delivery date."""
    events = order.shipping_events.filter(event_type__code="dispatched").prefetch_related(
        "line_quantities__line"
    )
    return [
        {
            "shipped_on": event.date_created,
            "tracking_code": event.tracking_code,
            "delivered_on": event.delivered_on,
            "lines": [(quantity.line, quantity.quantity) for quantity in event.line_quantities.all()],
        }
        for event in events.order_by("date_created")
    ]
