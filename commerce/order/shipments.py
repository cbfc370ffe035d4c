"""Shipments: what is left to ship, dispatch, delivery per parcel, and the day the last arrived.

A "dispatched" ShippingEvent is one parcel; its `delivered_on` is the day that parcel reached
the customer. The withdrawal window starts the day after the LAST parcel arrived (W2,
commerce.returns.policy), so an order shipped in parts has no last delivery until everything
shipped has been delivered.
Every function that changes an order locks the order row first: two staff members (or staff
and a carrier callback) acting on one order at once are applied one after the other.
"""

from datetime import date

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.exceptions import InvalidShippingEvent
from oscar.apps.partner.exceptions import InvalidStockAdjustment
from oscar.core.loading import get_class, get_model

from commerce.invoices.issuing import issue_order_invoice, issue_shipment_invoice
from commerce.invoices.tasks import send_invoice_email
from commerce.order import statuses
from commerce.returns.models import ReturnLine

Order = get_model("order", "Order")
ShippingEvent = get_model("order", "ShippingEvent")
ShippingEventType = get_model("order", "ShippingEventType")
ShippingEventQuantity = get_model("order", "ShippingEventQuantity")

DISPATCHED = "dispatched"
DELIVERED = "delivered"
EVENT_TYPE_NAMES = {DISPATCHED: "Verzonden", DELIVERED: "Afgeleverd"}


class ShipmentRefused(InvalidShippingEvent):
    """Staff asked for something that cannot be; nothing was written. str() is the reason."""


def event_type(code: str):
    event_type, _created = ShippingEventType.objects.get_or_create(
        code=code, defaults={"name": EVENT_TYPE_NAMES[code]}
    )
    return event_type


def requires_shipping(line) -> bool:
    return line.product is None or line.product.is_shipping_required


def left_to_ship(order) -> dict:
    """{line: quantity not yet dispatched} for every line that ships (services never do)."""
    shipped = dict(
        ShippingEventQuantity.objects.filter(event__order=order, event__event_type__code=DISPATCHED)
        .values_list("line_id")
        .annotate(total=Sum("quantity"))
    )
    # Withdrawn before dispatch (commerce/returns): never shipped.
    withdrawn = dict(
        ReturnLine.objects.filter(order_line__order=order, unshipped_quantity__gt=0)
        .values_list("order_line_id")
        .annotate(total=Sum("unshipped_quantity"))
    )
    return {
        line: line.quantity - shipped.get(line.pk, 0) - withdrawn.get(line.pk, 0)
        for line in order.lines.all()
        if requires_shipping(line)
    }


def dispatches(order):
    return order.shipping_events.filter(event_type__code=DISPATCHED).order_by("date_created", "pk")


def refuse_quantities(order, line_quantities) -> list[str]:
    remaining = {line.pk: left for line, left in left_to_ship(order).items()}
    errors = []
    for line, quantity in line_quantities:
        if line.pk not in remaining:
            errors.append(_("“%(title)s” wordt niet verzonden (dienst).") % {"title": line.title})
        elif not 0 < quantity <= remaining[line.pk]:
            errors.append(
                _("“%(title)s”: nog %(left)d te verzenden, niet %(quantity)d.")
                % {"title": line.title, "left": remaining[line.pk], "quantity": quantity}
            )
    return errors


def settle_status(order):
    """Betaald → Verzonden once everything shipped; Verzonden → Afgeleverd once all arrived."""
    if order.status == statuses.PAID and not any(left_to_ship(order).values()):
        order.set_status(statuses.SHIPPED)
    if order.status == statuses.SHIPPED and not dispatches(order).filter(delivered_on__isnull=True).exists():
        order.set_status(statuses.DELIVERED)


def dispatch(order, line_quantities, tracking_code: str = "", user=None):
    """Ship [(line, quantity), ...] as one parcel; returns (shipping event, invoice).

    In one transaction: the shipping event, the stock allocation consumed, the invoice with
    its gap-free number and the order status. The invoice e-mail goes out after commit.
    """
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        errors = refuse_quantities(order, line_quantities)
        if not line_quantities or errors:
            raise ShipmentRefused(" ".join(errors) or _("Kies de regels die in deze zending zitten."))
        if order.status != statuses.PAID:
            raise ShipmentRefused(
                _("Alleen betaalde bestellingen worden verzonden (status: %s).") % order.status
            )
        shipment = order.shipping_events.create(
            event_type=event_type(DISPATCHED),
            tracking_code=tracking_code.strip(),
            notes=tracking_code.strip(),
        )
        for line, quantity in line_quantities:
            shipment.line_quantities.create(line=line, quantity=quantity)
        lines, quantities = zip(*line_quantities, strict=True)
        try:
            get_class("order.processing", "EventHandler")(user).consume_stock_allocations(
                order, list(lines), list(quantities)
            )
        except InvalidStockAdjustment as error:
            raise ShipmentRefused(_("De voorraadreservering klopt niet: %s") % error) from error
        services = [line for line in order.lines.all() if not requires_shipping(line)]
        invoice = issue_shipment_invoice(order, shipment, line_quantities, services)
        settle_status(order)
        transaction.on_commit(lambda: send_invoice_email.enqueue(invoice.pk))
    return shipment, invoice


def invoice_if_nothing_ships(order):
    """An order of services only is never dispatched: it is invoiced when placed (N3), in the
    placement transaction, and the invoice is e-mailed after commit. Returns the invoice or None."""
    lines = list(order.lines.all())
    if not lines or any(requires_shipping(line) for line in lines):
        return None
    invoice = issue_order_invoice(order)
    transaction.on_commit(lambda: send_invoice_email.enqueue(invoice.pk))
    return invoice


def record_delivery(shipment, delivered_on: date, today: date | None = None):
    """Store the day a parcel arrived (a correction replaces it) and mark its lines delivered."""
    today = today or timezone.localdate()
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=shipment.order_id)
        shipment = ShippingEvent.objects.select_for_update().get(pk=shipment.pk)
        dispatched_on = timezone.localdate(shipment.date_created)
        if shipment.event_type.code != DISPATCHED:
            raise ShipmentRefused(_("Alleen een zending kan worden afgeleverd."))
        if delivered_on > today:
            raise ShipmentRefused(_("De leverdatum %s ligt in de toekomst.") % delivered_on.isoformat())
        if delivered_on < dispatched_on:
            raise ShipmentRefused(
                _("De leverdatum %(delivered)s ligt vóór de verzenddatum %(dispatched)s.")
                % {"delivered": delivered_on.isoformat(), "dispatched": dispatched_on.isoformat()}
            )
        first_report = shipment.delivered_on is None
        shipment.delivered_on = delivered_on
        shipment.save(update_fields=["delivered_on"])
        if first_report:
            delivery = order.shipping_events.create(
                event_type=event_type(DELIVERED), notes=shipment.tracking_code or f"#{shipment.pk}"
            )
            for part in shipment.line_quantities.all():
                delivery.line_quantities.create(line=part.line, quantity=part.quantity)
        settle_status(order)
    return shipment


def ships_goods(order) -> bool:
    return any(requires_shipping(line) for line in order.lines.all())


def last_delivery_on(order) -> date | None:
    """The day the last parcel arrived, once everything that ships was dispatched and delivered;
    None until then (and for an order of services only)."""
    if any(left_to_ship(order).values()):
        return None
    delivered = [shipment.delivered_on for shipment in dispatches(order)]
    if not delivered or None in delivered:
        return None
    return max(delivered)
