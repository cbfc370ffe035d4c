"""Admin side of the uniqueness audit (domain.md S5): the report and the publish warning.

- "Uniciteit: gemarkeerde producten" under Reports lists every flagged product page (own
  text ≥ 50 % supplier text, or a near-duplicate of another product's own text). It shows the
  latest audit if it is under 15 minutes old, else runs the audit (streamed, one query).
- Publishing a product page whose own text is ≥ 50 % supplier text shows a warning; the
  page is published all the same (a warning, not a block).

Imported from ``CmsConfig.ready``; imports ``cms.image_licences_admin`` (S6) so that one
ready() line wires both.
"""

from datetime import timedelta

from django.contrib import messages
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

from cms import image_licences_admin  # noqa: F401  (S6 hooks: one ready() import line for both)
from cms.content_audit import AuditRow, run_audit
from cms.models import ProductPage
from cms.page_uniqueness import latest_audit, page_containment
from cms.uniqueness import is_copied

EDITOR_PERMISSIONS = ["add", "change", "publish"]
FRESH_FOR = timedelta(minutes=15)


def flagged_rows(max_age=FRESH_FOR) -> list[AuditRow]:
    latest = latest_audit()
    if latest is not None and latest["finished_at"] >= timezone.now() - max_age:
        return [AuditRow(**row) for row in latest["flagged"]]
    return run_audit().flagged


class UniquenessReportView(ReportView):
    page_title = gettext_lazy("Uniciteit: gemarkeerde producten")
    header_icon = "doc-full"
    index_url_name = "uniqueness_report"
    index_results_url_name = "uniqueness_report_results"
    permission_policy = page_permission_policy
    any_permission_required = EDITOR_PERMISSIONS
    paginate_by = 100
    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("Productpagina"),
            get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row.page_id]),
        ),
        Column("product_id", label=gettext_lazy("Product-ID")),
        Column("containment_text", label=gettext_lazy("Tekst van de leverancier")),
        Column("near_duplicates_text", label=gettext_lazy("Bijna-duplicaat van (product-ID)")),
        Column("page_url", label=gettext_lazy("URL")),
    ]
    list_export = ["product_id", "title", "page_url", "supplier_containment", "near_duplicates_text"]
    export_headings = {
        "product_id": gettext_lazy("Product-ID"),
        "title": gettext_lazy("Productpagina"),
        "page_url": gettext_lazy("URL"),
        "supplier_containment": gettext_lazy("Aandeel leverancierstekst"),
        "near_duplicates_text": gettext_lazy("Bijna-duplicaten"),
    }

    def get_queryset(self):
        rows = flagged_rows()
        for row in rows:
            row.containment_text = f"{row.supplier_containment:.0%}"
            row.near_duplicates_text = ", ".join(str(other) for other in row.near_duplicates) or "—"
        return rows


class UniquenessReportMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(request.user, EDITOR_PERMISSIONS)


@hooks.register("register_admin_urls")
def register_uniqueness_report_urls():
    return [
        path("reports/uniqueness/", UniquenessReportView.as_view(), name="uniqueness_report"),
        path(
            "reports/uniqueness/results/",
            UniquenessReportView.as_view(results_only=True),
            name="uniqueness_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_uniqueness_report_menu_item():
    return UniquenessReportMenuItem(
        gettext_lazy("Uniciteit: gemarkeerde producten"),
        reverse("uniqueness_report"),
        name="uniqueness-report",
        icon_name="doc-full",
        order=1210,
    )


@hooks.register("after_publish_page")
def warn_when_publishing_copied_text(request, page):
    page = page.specific
    if not isinstance(page, ProductPage):
        return
    score = page_containment(page)
    if is_copied(score):
        messages.warning(
            request,
            _(
                "Let op: %(share)s van de tekst van '%(title)s' is de tekst van de leverancier. "
                "De pagina is gepubliceerd, maar zoekmachines belonen eigen tekst: herschrijf de "
                "introductie en beschrijving in eigen woorden."
            )
            % {"share": f"{score:.0%}", "title": page.title},
        )
