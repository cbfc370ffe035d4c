"""What the after-sales admin pages share: a 403 answered by the page itself, where to go
after a change, and which orders and returns a staff member may open in Oscar's dashboard."""

from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.defaults import permission_denied
from oscar.apps.dashboard.orders.views import queryset_orders_for_user
from oscar.views.decorators import check_permissions

from commerce.returns.dashboard.access import returns_for


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


def may_open_in_dashboard(user, dashboard_label: str, view_name: str) -> bool:
    """Whether `user` passes the permission check of one of Oscar's dashboard pages."""
    dashboard: Any = apps.get_app_config(dashboard_label)  # an OscarDashboardConfig
    return check_permissions(user, dashboard.permissions_map[view_name])


def dashboard_order_numbers(user, orders) -> set[str]:
    """The numbers of `orders` that `user` may open in Oscar's dashboard, by the dashboard's own
    checks: its permission for the order page, then staff see every order and partner users
    their partner's. One query, however many orders."""
    if not may_open_in_dashboard(user, "orders_dashboard", "order-detail"):
        return set()
    numbers = [order.number for order in orders]
    return set(queryset_orders_for_user(user).filter(number__in=numbers).values_list("number", flat=True))


def dashboard_return_numbers(user, returns) -> set[str]:
    """The numbers of `returns` that `user` may open in the dashboard's "Retouren", by its own
    checks (commerce/returns/dashboard). One query, however many returns."""
    if not may_open_in_dashboard(user, "returns_dashboard", "return-detail"):
        return set()
    numbers = [return_request.number for return_request in returns]
    return set(returns_for(user).filter(number__in=numbers).values_list("number", flat=True))
