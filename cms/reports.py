"""What every admin report of the shop shares: its two URLs and its menu item under Reports.

A report is a subclass of :class:`Report` (Wagtail's ``ReportView``) that declares what is
its own: ``page_title`` (also the menu label), ``header_icon`` (also the menu icon),
``menu_order``, ``permission_policy`` with ``any_permission_required`` (who may open it and
see it in the menu), ``columns`` or a results template, ``list_export``/``export_headings``
and ``get_queryset``; and where it lives: ``url_path`` ("seo" → /admin/reports/seo/ and
/admin/reports/seo/results/, the part Wagtail reloads when filtering or paging) and
``index_url_name`` ("seo_report"; the results URL is named "seo_report_results", the menu
item "seo-report").

``register_report(SeoReportView)`` in cms/wagtail_hooks.py registers both hooks.
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView

# Page permissions that make someone an editor, for the reports on pages.
PAGE_EDITOR_PERMISSIONS = ["add", "change", "publish"]


class Report(ReportView):
    url_path = ""
    menu_order = 1000

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.index_url_name:
            cls.index_results_url_name = f"{cls.index_url_name}_results"

    @classmethod
    def admin_urls(cls):
        """The report and its results (what Wagtail's listing reloads) under /admin/reports/."""
        return [
            path(f"reports/{cls.url_path}/", cls.as_view(), name=cls.index_url_name),
            path(
                f"reports/{cls.url_path}/results/",
                cls.as_view(results_only=True),
                name=cls.index_results_url_name,
            ),
        ]

    @classmethod
    def menu_item(cls):
        return ReportMenuItem(cls)

    @classmethod
    def user_may_open(cls, user):
        return cls.permission_policy.user_has_any_permission(user, cls.any_permission_required)


class ReportMenuItem(MenuItem):
    """A report's entry under Reports, shown only to those who may open the report."""

    def __init__(self, report):
        self.report = report
        super().__init__(
            report.page_title,
            reverse(report.index_url_name),
            name=report.index_url_name.replace("_", "-"),
            icon_name=report.header_icon,
            order=report.menu_order,
        )

    def is_shown(self, request):
        return self.report.user_may_open(request.user)


def register_report(report):
    """Add ``report`` (a Report subclass) to the admin: its URLs and its menu item."""
    hooks.register("register_admin_urls", report.admin_urls)
    hooks.register("register_reports_menu_item", report.menu_item)
