"""What every admin report of the shop shares: its two URLs, its menu item under Reports, a 403.

A report is a subclass of :class:`Report` (Wagtail's ``ReportView``) that declares what is
its own: ``page_title`` (also the menu label), ``header_icon`` (also the menu icon),
``menu_order``, ``permission_policy`` with ``any_permission_required`` (who may open it and
see it in the menu), ``columns`` or a results template, ``list_export``/``export_headings``
and ``get_queryset``. Someone it does not allow gets 403 on its URLs (Wagtail's own views
would redirect to the admin's dashboard instead).

Where it lives is said once, where it is registered (cms/wagtail_hooks.py; an app's own report
in that app's wagtail_hooks.py)::

    register_report(SeoReportView, url_path="seo", url_name="seo_report")

gives /admin/reports/seo/ (URL name "seo_report"), /admin/reports/seo/results/
("seo_report_results": the part Wagtail reloads when filtering or paging) and the menu item
"seo-report".
"""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.views.defaults import permission_denied
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView

# Page permissions that make someone an editor, for the reports on pages.
PAGE_EDITOR_PERMISSIONS = ["add", "change", "publish"]


class Report(ReportView):
    menu_order = 1000

    def dispatch(self, request, *args, **kwargs):
        # Checked before Wagtail's own check, whose PermissionDenied its admin URLs turn into a
        # redirect.
        if not self.user_may_open(request.user):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        # Oscar's context processor gives every template the storefront's search form, which
        # Wagtail's header would show as the report's own search.
        context["search_form"] = self.search_form
        return context

    @classmethod
    def admin_urls(cls, url_path, url_name):
        """The report and its results under /admin/reports/<url_path>/."""
        url_names = {"index_url_name": url_name, "index_results_url_name": f"{url_name}_results"}
        return [
            path(f"reports/{url_path}/", cls.as_view(**url_names), name=url_name),
            path(
                f"reports/{url_path}/results/",
                cls.as_view(results_only=True, **url_names),
                name=url_names["index_results_url_name"],
            ),
        ]

    @classmethod
    def menu_item(cls, url_name):
        return ReportMenuItem(cls, url_name)

    @classmethod
    def user_may_open(cls, user):
        return cls.permission_policy.user_has_any_permission(user, cls.any_permission_required)


class ReportMenuItem(MenuItem):
    """A report's entry under Reports, shown only to those who may open the report."""

    def __init__(self, report, url_name):
        self.report = report
        super().__init__(
            report.page_title,
            reverse(url_name),
            name=url_name.replace("_", "-"),
            icon_name=report.header_icon,
            order=report.menu_order,
        )

    def is_shown(self, request):
        return self.report.user_may_open(request.user)


def register_report(report, url_path, url_name):
    """Add ``report`` (a Report subclass) to the admin: its two URLs and its menu item."""
    hooks.register("register_admin_urls", partial(report.admin_urls, url_path, url_name))
    hooks.register("register_reports_menu_item", partial(report.menu_item, url_name))
