"""What the after-sales admin pages share: a 403 answered by the page itself, where to go
after a change, and which orders a staff member may open in Oscar's dashboard."""

from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.defaults import permission_denied
from oscar.apps.dashboard.orders.views import queryset_orders_for_user
from oscar.views.decorators import check_permissions


def forbidden(request):
    """403. Returned, not raised: Wagtail's admin URLs turn a raised PermissionDenied into a
    redirect to the dashboard."""
    return permission_denied(request, PermissionDenied())


def safe_next(request) -> str:
    """The `next` address posted or asked for, when it stays on this site; else ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def dashboard_order_numbers(user, orders) -> set[str]:
    """The numbers of `orders` that `user` may open in Oscar's dashboard, by the dashboard's own
    checks: its permission for the order page, then staff see every order and partner users
    their partner's. One query, however many orders."""
    dashboard: Any = apps.get_app_config("orders_dashboard")  # an OscarDashboardConfig
    permissions = dashboard.permissions_map["order-detail"]
    if not check_permissions(user, permissions):
        return set()
    numbers = [order.number for order in orders]
    return set(queryset_orders_for_user(user).filter(number__in=numbers).values_list("number", flat=True))
