"""Link the Oscar dashboard (orders, stock, returns) from the Wagtail admin menu: one staff login."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_staff or user.has_perm("partner.dashboard_access")


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(
        _("Bestellingen en voorraad"), reverse("dashboard:index"), icon_name="list-ul", order=250
    )
