"""Oscar's order-processing hook: the dashboard's "create shipping event" and "change status"
go through here."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.order.processing import EventHandler as OscarEventHandler
from oscar.apps.payment.exceptions import PaymentError

from commerce.order import shipments, statuses
from commerce.returns.cancelling import cancel_order
from commerce.returns.transitions import ReturnRefused


class EventHandler(OscarEventHandler):
    def handle_order_status_change(self, order, new_status, note_msg=None):
        """Setting a paid order to "Geannuleerd" cancels it the one way that refunds everything,
        releases the stock and tells the customer (commerce/returns/cancelling.py)."""
        if not (new_status == statuses.CANCELLED and order.status == statuses.PAID):
            return super().handle_order_status_change(order, new_status, note_msg)
        try:
            cancel_order(order, self.user)
        except ReturnRefused as refused:
            raise PaymentError(str(refused)) from refused
        if note_msg:
            self.create_note(order, note_msg)
        return None

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
