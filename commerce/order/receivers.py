"""Side effects of order events; connected in OrderConfig.ready()."""

from django.db import transaction
from django.dispatch import receiver
from oscar.apps.order.signals import order_placed

from commerce.order.shipments import invoice_if_nothing_ships
from commerce.order.tasks import send_order_confirmation


@receiver(order_placed, dispatch_uid="commerce.order.confirmation")
def queue_order_confirmation(sender, order, **kwargs):
    # order_placed fires inside the placement transaction: queue only once the order is committed.
    transaction.on_commit(lambda: send_order_confirmation.enqueue(str(order.number)))


@receiver(order_placed, dispatch_uid="commerce.order.service-invoice")
def invoice_service_order(sender, order, **kwargs):
    invoice_if_nothing_ships(order)
