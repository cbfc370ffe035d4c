"""A placed order gets its thank-you decided (A1) and the checkout's marketing consent recorded
(A6) once the order is committed. The follow-up plan (A6) is made when an order is delivered and
ended when its customer orders again, cancels or returns."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.apps.order.signals import order_placed, order_status_changed

from aftersales.tasks import (
    decide_thank_you,
    end_follow_ups,
    plan_follow_ups,
    record_checkout_consent,
)
from commerce.order import statuses
from commerce.returns.models import Return


@receiver(order_placed, dispatch_uid="aftersales.thank-you")
def queue_thank_you(sender, order, **kwargs):
    order_id = order.pk
    transaction.on_commit(lambda: decide_thank_you.enqueue(order_id))


@receiver(order_placed, dispatch_uid="aftersales.checkout-consent")
def queue_checkout_consent(sender, order, **kwargs):
    # After the commit: only then is the payment, which holds the consent box, linked to the order.
    order_id = order.pk
    transaction.on_commit(lambda: record_checkout_consent.enqueue(order_id))


@receiver(order_placed, dispatch_uid="aftersales.follow-ups-reorder")
def follow_ups_on_order(sender, order, **kwargs):
    """A new order ends the plans of the customer's earlier orders; an order of services only is
    delivered as it is placed, so its own plan starts now."""
    order_id, email = order.pk, order.email
    transaction.on_commit(lambda: end_follow_ups.enqueue(email))
    transaction.on_commit(lambda: plan_follow_ups.enqueue(order_id))


@receiver(order_status_changed, dispatch_uid="aftersales.follow-ups-status")
def follow_ups_on_status(sender, order, new_status, **kwargs):
    order_id, email = order.pk, order.email
    if new_status == statuses.DELIVERED:
        transaction.on_commit(lambda: plan_follow_ups.enqueue(order_id))
    elif new_status == statuses.CANCELLED:
        transaction.on_commit(lambda: end_follow_ups.enqueue(email))


@receiver(post_save, sender=Return, dispatch_uid="aftersales.follow-ups-return")
def follow_ups_on_return(sender, instance, created, **kwargs):
    if created:
        email = instance.order.email
        transaction.on_commit(lambda: end_follow_ups.enqueue(email))
