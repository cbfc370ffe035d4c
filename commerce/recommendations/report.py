"""The recommendations report in the Wagtail admin, registered in commerce/recommendations/wagtail_hooks.py.

"Aanbevelingen: kliks en winkelmand" under Reports: for the last 7, 30 (default) or 90
Amsterdam days, per placement the clicks on recommended products, the basket additions made
from them and the additions per click, then the 10 most clicked products of each placement.
Its CSV/XLSX export holds every product of every placement in the period. Staff with
``recommendations.view_placementcount`` (the Order managers, home/staff_groups.py) see it.
"""

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.permission_policies import ModelPermissionPolicy

from cms.reports import Report
from commerce.recommendations.models import PlacementCount
from commerce.recommendations.performance import Period, per_placement, per_product, total
from home.clock import amsterdam_today

PERIODS = [("7", _("Laatste 7 dagen")), ("30", _("Laatste 30 dagen")), ("90", _("Laatste 90 dagen"))]
DEFAULT_PERIOD = "30"
TOP_PER_PLACEMENT = 10


class PeriodFilterSet(WagtailFilterSet):
    """The report's one filter; a missing or unknown period is the default one."""

    period = django_filters.ChoiceFilter(
        label=_("Periode"),
        choices=PERIODS,
        empty_label=None,
        initial=DEFAULT_PERIOD,
        widget=forms.RadioSelect,
        method="in_period",
    )

    class Meta:
        model = PlacementCount
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if data.get("period") not in dict(PERIODS):
            data["period"] = DEFAULT_PERIOD
        super().__init__(data, *args, **kwargs)

    @cached_property
    def chosen(self) -> Period:
        return Period(days=int(self.data["period"]), until=amsterdam_today())

    def in_period(self, queryset, name, value):
        return self.chosen.counts(queryset)


class RecommendationReportView(Report):
    page_title = _("Aanbevelingen: kliks en winkelmand")
    header_icon = "pick"
    menu_order = 1230
    results_template_name = "recommendations/report/results.html"
    permission_policy = ModelPermissionPolicy(PlacementCount)
    any_permission_required = ["view"]
    filterset_class = PeriodFilterSet
    paginate_by = None
    list_export = ["label", "product_id", "title", "clicks", "additions", "per_click"]
    export_headings = {
        "label": _("Plek"),
        "product_id": _("Product-ID"),
        "title": _("Product"),
        "clicks": _("Kliks"),
        "additions": _("In winkelmand gelegd"),
        "per_click": _("In winkelmand gelegd per klik"),
    }

    def get_queryset(self):
        return PlacementCount.objects.all()

    def get_filtered_queryset(self):
        self.counts = super().get_filtered_queryset()  # the period's rows
        return per_product(self.counts, top=None if self.is_export else TOP_PER_PLACEMENT)

    def get_filename(self):
        period = self.filters.chosen
        return f"aanbevelingen-{period.since}-{period.until}"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        placements = per_placement(self.counts)
        context.update(
            period=self.filters.chosen, placements=placements, total=total(placements), top=TOP_PER_PLACEMENT
        )
        return context
