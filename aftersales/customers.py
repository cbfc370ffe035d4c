"""Who an order's customer is for after-sales: one Customer per e-mail address, guest or not."""

from django.db.models import Q
from oscar.core.loading import get_model

from aftersales.models import Customer
from commerce.order import statuses

Order = get_model("order", "Order")


def orders_of(email: str):
    """Every order placed with this e-mail address: as a guest, or by the account that has it."""
    return Order.objects.filter(
        Q(user__isnull=True, guest_email__iexact=email) | Q(user__email__iexact=email)
    ).exclude(status=statuses.CANCELLED)


def customer_for(order) -> Customer:
    """The order's customer, created at their first order; linked to their account once known."""
    customer, _created = Customer.objects.get_or_create(email=order.email.strip().lower())
    if order.user_id and customer.user_id is None:
        Customer.objects.filter(pk=customer.pk).update(user=order.user)
        customer.user_id = order.user_id
    return customer
