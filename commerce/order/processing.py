"""Oscar's order-processing hook: the dashboard's "create shipping event" goes through here."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.order.processing import EventHandler as OscarEventHandler

from commerce.order import shipments


class EventHandler(OscarEventHandler):
    def handle_shipping_event(self, order, event_type, lines, line_quantities, **kwargs):
        """A dispatch is one parcel: event, stock, invoice and status in one transaction.

        A delivery needs the parcel and its date, so it is entered per shipment (the delivery
        form on the order page, or the carrier's callback), not as a bare line event.
        """
        if event_type.code == shipments.DISPATCHED:
            tracking_code = kwargs.get("reference") or ""
            shipment, _invoice = shipments.dispatch(
                order, list(zip(lines, line_quantities, strict=True)), tracking_code, user=self.user
            )
            return shipment
        if event_type.code == shipments.DELIVERED:
            raise shipments.ShipmentRefused(_("Vul de leverdatum in bij de zending onder “Zendingen”."))
        return super().handle_shipping_event(order, event_type, lines, line_quantities, **kwargs)
