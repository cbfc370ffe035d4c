"""Whose orders are these: a customer is known by e-mail address, as a guest or by the account
that has it (the guest withdrawal lookup, after-sales)."""

from django.db.models import Q
from oscar.core.loading import get_model

Order = get_model("order", "Order")


def orders_placed_with(email: str):
    """Every order placed with this e-mail address (any case): as a guest, or by the account
    that has it."""
    return Order.objects.filter(
        Q(user__isnull=True, guest_email__iexact=email) | Q(user__email__iexact=email)
    )
