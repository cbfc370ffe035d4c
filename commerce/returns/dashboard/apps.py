"""Returns in Oscar's dashboard ("Retouren", /dashboard/retouren/): a dashboard app of its own,
the way Oscar's own dashboard apps are built, mounted in config/urls.py and listed in
OSCAR_DASHBOARD_NAVIGATION. Oscar's permission decorator guards every URL (permissions_map):
dashboard users (staff, or partner users such as the Order managers) with the returns
permission that the view needs; anyone else logged in gets 403, anonymous visitors the login."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class


def dashboard_users_with(*codenames: str) -> tuple[list[str], list[str]]:
    """Staff or partner dashboard users, each also holding the returns permissions named."""
    permission = get_class("dashboard.permissions", "DashboardPermission")
    needed = permission.get("returns", *codenames)
    return (permission.staff + needed, permission.partner_dashboard_access + needed)


class ReturnsDashboardConfig(OscarDashboardConfig):
    label = "returns_dashboard"
    name = "commerce.returns.dashboard"
    verbose_name = _("Retouren in het dashboard")
    namespace = "returns_dashboard"

    def ready(self):
        see, change, add = (
            dashboard_users_with("view_return"),
            dashboard_users_with("view_return", "change_return"),
            dashboard_users_with("view_return", "add_return"),
        )
        self.default_permissions = change  # every action on a return
        self.permissions_map = {
            "return-list": see,
            "return-detail": see,
            "return-register": add,
            "order-cancel": add,
        }

    def get_urls(self):
        from commerce.returns.dashboard import order_views, views  # noqa: PLC0415 - views import models

        urls = [
            path("", views.return_list, name="return-list"),
            path("herroeping-registreren/", order_views.register_withdrawal, name="return-register"),
            path("bestelling/<str:number>/annuleren/", order_views.cancel_order, name="order-cancel"),
            path("<str:number>/", views.return_detail, name="return-detail"),
            path("<str:number>/goedkeuren/", views.approve, name="return-approve"),
            path("<str:number>/afwijzen/", views.reject, name="return-reject"),
            path("<str:number>/ontvangen/", views.receive, name="return-receive"),
            path("<str:number>/inhouding/", views.deduction, name="return-deduction"),
            path("<str:number>/terugbetalen/", views.refund, name="return-refund"),
            path("<str:number>/overboeking/", views.bank_transfer, name="return-bank-transfer"),
        ]
        return self.post_process_urls(urls)
