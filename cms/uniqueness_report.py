"""The uniqueness report in the Wagtail admin (domain.md S5), registered in cms/wagtail_hooks.py.

"Uniciteit: gemarkeerde producten" under Reports lists every flagged product page (own text
≥ 50 % supplier text, or a near-duplicate of another product's own text). It shows the latest
audit if it is under 15 minutes old, else runs the audit (streamed, one query).
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.permissions import page_permission_policy

from cms.content_audit import AuditRow, run_audit
from cms.page_uniqueness import latest_audit
from cms.reports import PAGE_EDITOR_PERMISSIONS, Report

FRESH_FOR = timedelta(minutes=15)


def flagged_rows(max_age=FRESH_FOR) -> list[AuditRow]:
    latest = latest_audit()
    if latest is not None and latest["finished_at"] >= timezone.now() - max_age:
        return [AuditRow(**row) for row in latest["flagged"]]
    return run_audit().flagged


class UniquenessReportView(Report):
    page_title = gettext_lazy("Uniciteit: gemarkeerde producten")
    header_icon = "doc-full"
    menu_order = 1210
    permission_policy = page_permission_policy
    any_permission_required = PAGE_EDITOR_PERMISSIONS
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
