"""The uniqueness score in the product page editor (domain.md S5): a read-only panel.

Wagtail 7.4 has no hook to add a panel to an existing page type's editor, so the panel is
listed in ``ProductPage.content_panels`` (cms/models/products.py), right after the
description::

    from cms.uniqueness_panel import UniquenessPanel
    ...
    FieldPanel("description"),
    UniquenessPanel(heading=_("Uniciteit")),

It shows how much of the page's own text (intro + description, as saved) is the supplier's
text, computed live, and the near-duplicates found by the latest catalogue audit
(``content_audit`` command or the admin report), with when that audit ran.

Imported by ``cms.models``: it reads the page's score through ``cms.page_uniqueness`` (no model
imports) and finds the near-duplicate pages through the model it is bound to, never by
importing ``cms.models`` or ``cms.content_audit``.
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.admin.panels import Panel

from cms.page_uniqueness import latest_near_duplicates, page_containment
from cms.uniqueness import is_copied


def uniqueness_summary(page) -> dict:
    """What the panel shows, as data (also used by the tests)."""
    score = page_containment(page) if page.product_id else 0.0
    latest = latest_near_duplicates(page.product_id) if page.product_id else None
    return {
        "containment": score,
        "copied": is_copied(score),
        "near_duplicates": latest[0] if latest else [],
        "audited_at": latest[1] if latest else None,
    }


def near_duplicate_links(page_model, product_ids):
    """Links to the editors of the pages (of ``page_model``, i.e. ProductPage) of ``product_ids``."""
    pages = page_model.objects.filter(product_id__in=product_ids).order_by("product_id")
    return format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((reverse("wagtailadmin_pages:edit", args=[page.pk]), page.title) for page in pages),
    )


class UniquenessPanel(Panel):
    """Read-only: share of the own text copied from the supplier, and near-duplicate pages."""

    class BoundPanel(Panel.BoundPanel):
        def is_shown(self):
            return bool(getattr(self.instance, "product_id", None))

        def render_html(self, parent_context=None):
            summary = uniqueness_summary(self.instance)
            verdict = (
                _("Meer dan de helft is tekst van de leverancier: schrijf het in eigen woorden.")
                if summary["copied"]
                else _("Eigen tekst.")
            )
            score = format_html(
                "<p><strong>{}</strong> {}</p>",
                _("%(share)s van onze tekst komt uit de tekst van de leverancier.")
                % {"share": f"{summary['containment']:.0%}"},
                verdict,
            )
            if summary["audited_at"] is None:
                duplicates = format_html(
                    "<p>{}</p>", _("Bijna-duplicaten: de catalogus is nog niet gecontroleerd.")
                )
            elif summary["near_duplicates"]:
                duplicates = format_html(
                    "<p>{} {} <small>({})</small></p>",
                    _("Bijna-duplicaat van:"),
                    near_duplicate_links(self.panel.model, summary["near_duplicates"]),
                    _("controle van %(when)s")
                    % {"when": date_format(localtime(summary["audited_at"]), "DATETIME_FORMAT")},
                )
            else:
                duplicates = format_html(
                    "<p>{} <small>({})</small></p>",
                    _("Geen bijna-duplicaten."),
                    _("controle van %(when)s")
                    % {"when": date_format(localtime(summary["audited_at"]), "DATETIME_FORMAT")},
                )
            return format_html('<div class="help-block uniqueness-score">{}{}</div>', score, duplicates)
