"""The image licence report in the Wagtail admin (domain.md S6), registered in cms/wagtail_hooks.py.

"Afbeeldingen: licenties" under Reports: every image by licence state with where it is used
(Wagtail's reference index), ``?state=expiring`` for those expiring within 30 days,
``?state=expired`` for those whose licence has run out; an expired image still on live pages
says so ("Verlopen — vervangen door placeholder op 2 pagina's"): the storefront shows the
placeholder there until the licence is renewed or the image replaced.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.images.permissions import permission_policy as image_permission_policy

from cms.image_licences import EXPIRED, EXPIRING, STATE_ORDER, UNKNOWN, VALID, licence_register, live_pages
from cms.reports import Report
from home.clock import amsterdam_today

STATE_LABELS = {
    UNKNOWN: gettext_lazy("Licentie onbekend"),
    EXPIRED: gettext_lazy("Licentie verlopen"),
    EXPIRING: gettext_lazy("Verloopt binnen 30 dagen"),
    VALID: gettext_lazy("In orde"),
}


def state_label(row) -> str:
    """The state; an expired image on live pages: how many show the placeholder instead."""
    count = live_pages(row)
    if row.state == EXPIRED and count:
        return ngettext(
            "Verlopen — vervangen door placeholder op %(count)d pagina",
            "Verlopen — vervangen door placeholder op %(count)d pagina's",
            count,
        ) % {"count": count}
    return str(STATE_LABELS[row.state])


class ImageLicenceReportView(Report):
    page_title = gettext_lazy("Afbeeldingen: licenties")
    header_icon = "image"
    menu_order = 1220
    permission_policy = image_permission_policy
    any_permission_required = ["add", "change"]
    paginate_by = 100
    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("Afbeelding"),
            accessor="image.title",
            get_url=lambda row: reverse("wagtailimages:edit", args=[row.image.pk]),
        ),
        Column("state_label", label=gettext_lazy("Status")),
        Column("licence_label", label=gettext_lazy("Licentie")),
        Column("expires", label=gettext_lazy("Verloopt op")),
        Column("credit", label=gettext_lazy("Maker / bronvermelding")),
        Column("used_on", label=gettext_lazy("Gebruikt op")),
    ]
    list_export = ["image.pk", "image.title", "state", "image.licence_type", "expires", "credit", "used_on"]
    export_headings = {
        "image.pk": gettext_lazy("ID"),
        "image.title": gettext_lazy("Afbeelding"),
        "state": gettext_lazy("Status"),
        "image.licence_type": gettext_lazy("Licentie"),
        "expires": gettext_lazy("Verloopt op"),
        "credit": gettext_lazy("Maker / bronvermelding"),
        "used_on": gettext_lazy("Gebruikt op"),
    }

    def get_queryset(self):
        rows = licence_register(amsterdam_today())
        state = self.request.GET.get("state")
        if state in STATE_ORDER:
            rows = [row for row in rows if row.state == state]
        for row in rows:
            row.state_label = state_label(row)
            row.licence_label = row.image.get_licence_type_display()
            row.expires = row.image.licence_expires_on.isoformat() if row.image.licence_expires_on else "—"
            row.credit = (
                " / ".join(part for part in (row.image.creator, row.image.credit_line) if part) or "—"
            )
            row.used_on = ", ".join(usage.label for usage in row.usages) or _("nergens")
        return rows
