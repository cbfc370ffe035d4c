"""A placed order gets its thank-you decided once the order is committed (A1)."""

from django.db import transaction
from django.dispatch import receiver
from oscar.apps.order.signals import order_placed

from aftersales.tasks import decide_thank_you


@receiver(order_placed, dispatch_uid="aftersales.thank-you")
def queue_thank_you(sender, order, **kwargs):
    order_id = order.pk
    transaction.on_commit(lambda: decide_thank_you.enqueue(order_id))
