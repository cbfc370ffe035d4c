"""Which returns a dashboard user sees: those of the orders Oscar's dashboard lets them manage
(staff: all; a partner user: orders with a line of their partner)."""

from oscar.apps.dashboard.orders.views import queryset_orders_for_user

from commerce.returns.models import Return


def returns_for(user):
    if user.is_staff:
        return Return.objects.all()
    return Return.objects.filter(order__in=queryset_orders_for_user(user).values("pk"))
