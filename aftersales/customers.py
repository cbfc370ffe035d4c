"""Who an order's customer is for after-sales: one Customer per e-mail address, guest or not."""

from aftersales.models import Customer
from commerce.order import statuses
from commerce.order.customers import orders_placed_with


def orders_of(email: str):
    """The customer's orders that count for after-sales: all but the cancelled ones."""
    return orders_placed_with(email).exclude(status=statuses.CANCELLED)


def customer_with_email(email: str, user_id: int | None = None) -> Customer:
    """The customer with this address, created when new; linked to the account once known."""
    customer, _created = Customer.objects.get_or_create(email=email.strip().lower())
    if user_id and customer.user_id is None:
        Customer.objects.filter(pk=customer.pk).update(user_id=user_id)
        customer.user_id = user_id
    return customer


def customer_for(order) -> Customer:
    """The order's customer, created at their first order; linked to their account once known."""
    return customer_with_email(order.email, order.user_id)
