"""What the shop recommends next to a product, and why, in its page editor: a read-only panel.

Wagtail 7.4 has no hook to add a panel to an existing page type's editor, so the panel is
listed in ``ProductPage.content_panels`` (cms/models/products.py), followed by the editor's
exclusions::

    RecommendationsPanel(heading=_("Aanbevelingen")),
    InlinePanel("recommendation_exclusions", label=_("Niet aanbevelen naast dit product"), ...),

It lists the owner's hand-picked products first (Oscar's ``ProductRecommendation``, edited in
the dashboard's product form), then the computed list (``Recommendation``: rank, score, the
evidence and when it was computed), marking the products excluded now (published) and those
excluded in the editor's draft only. It reads only, in a fixed number of queries whatever the
list's length (the recommended products' pages come with them): the published exclusions, the
hand-picked and the computed list, and one more when there is no computed list (to tell
"never computed" from "no pairs for this product"). The draft's exclusions come with its
revision in the editor.
"""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from wagtail.admin.panels import Panel

from commerce.recommendations.models import Exclusion, Recommendation

ProductRecommendation = get_model("catalogue", "ProductRecommendation")


@dataclass(frozen=True)
class Row:
    """One recommended product as the editor sees it; ``computed`` is None for a hand-picked one."""

    product: object
    url: str
    exclusion: str
    computed: Recommendation | None = None


def editor_url(product) -> str:
    """The recommended product's page editor, or its dashboard form while it has no page."""
    try:
        return reverse("wagtailadmin_pages:edit", args=[product.page.pk])
    except ObjectDoesNotExist:
        return reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})


def exclusion_labels(page) -> dict[int, str]:
    """{product id: how it is excluded} for the page's product: published exclusions are what
    the shop honours now (recommendations_for), the draft's take effect when it is published."""
    published = set(
        Exclusion.objects.filter(page__product_id=page.product_id).values_list("product_id", flat=True)
    )
    drafted = {exclusion.product_id for exclusion in page.recommendation_exclusions.all()}
    labels = dict.fromkeys(drafted - published, _("uitgesloten na publiceren"))
    labels.update(dict.fromkeys(published, _("uitgesloten")))
    return labels


def recommendations_summary(page) -> dict:
    """What the panel shows, as data (also used by the tests)."""
    excluded = exclusion_labels(page)
    picked = (
        ProductRecommendation.objects.filter(primary_id=page.product_id)
        .select_related("recommendation__page")
        .order_by("-ranking", "pk")
    )
    computed = (
        Recommendation.objects.filter(product_id=page.product_id)
        .select_related("recommended__page")
        .order_by("rank")
    )
    hand_picked = [
        Row(row.recommendation, editor_url(row.recommendation), excluded.get(row.recommendation_id, ""))
        for row in picked
    ]
    computed_rows = list(computed)
    rows = [
        Row(row.recommended, editor_url(row.recommended), excluded.get(row.recommended_id, ""), row)
        for row in computed_rows
    ]
    return {
        "hand_picked": hand_picked,
        "computed": rows,
        "computed_at": computed_rows[0].computed_at if computed_rows else None,
        "ever_computed": bool(rows) or Recommendation.objects.exists(),
        "dashboard_url": reverse("dashboard:catalogue-product", kwargs={"pk": page.product_id}),
    }


class RecommendationsPanel(Panel):
    """Read-only: the hand-picked and computed recommendations of the page's product."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "recommendations/editor_panel.html"

        def is_shown(self):
            return bool(getattr(self.instance, "product_id", None))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(recommendations_summary(self.instance))
            return context
