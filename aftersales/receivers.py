"""A placed order gets its thank-you decided (A1) and the checkout's marketing consent recorded
(A6) once the order is committed."""

from django.db import transaction
from django.dispatch import receiver
from oscar.apps.order.signals import order_placed

from aftersales.tasks import decide_thank_you, record_checkout_consent


@receiver(order_placed, dispatch_uid="aftersales.thank-you")
def queue_thank_you(sender, order, **kwargs):
    order_id = order.pk
    transaction.on_commit(lambda: decide_thank_you.enqueue(order_id))


@receiver(order_placed, dispatch_uid="aftersales.checkout-consent")
def queue_checkout_consent(sender, order, **kwargs):
    # After the commit: only then is the payment, which holds the consent box, linked to the order.
    order_id = order.pk
    transaction.on_commit(lambda: record_checkout_consent.enqueue(order_id))
