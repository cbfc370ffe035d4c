"""The segments in the Wagtail admin (A5; issue 13, item 2): the overview of all segments, one
segment's customers a page at a time with filters, and for managers the same list as CSV.

The After-sales groups see segments and lists (aftersales.view_segments); exporting e-mail
addresses is for the After-sales managers only (aftersales.export_customers; GDPR: a file of
addresses leaves the shop). Each page's queries do not grow with the number of customers.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.admin.paginator import WagtailPaginator

from aftersales import csv_export, segments
from aftersales.models import CustomerScore, SegmentChoice
from aftersales.segment_customers import CustomerFilterForm, customers_in, valid_filters
from aftersales.staff_access import forbidden
from home.clock import amsterdam_today

VIEW = "aftersales.view_segments"
EXPORT = "aftersales.export_customers"
PER_PAGE = 50


@require_safe
def overview(request):
    if not request.user.has_perm(VIEW):
        return forbidden(request)
    return overview_page(request)


def overview_page(request, status: int = 200):
    context = {"page_title": _("Segmenten"), "overview": segments.overview()}
    return TemplateResponse(request, "aftersales/segments.html", context, status=status)


def unknown_segment(request, name: str):
    """404 on the overview, which lists the segments there are."""
    messages.error(request, _("Er is geen segment “%(name)s”. Kies er hieronder een.") % {"name": name})
    return overview_page(request, status=404)


@require_safe
def customer_list(request, segment: str):
    if not request.user.has_perm(VIEW):
        return forbidden(request)
    if segment not in SegmentChoice.values:
        return unknown_segment(request, segment)
    chosen = SegmentChoice(segment)
    form = CustomerFilterForm(request.GET)
    filters = valid_filters(form)
    paginator = WagtailPaginator(customers_in(chosen, filters), PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    may_export = request.user.has_perm(EXPORT)
    context = {
        "page_title": chosen.label,
        "segment": chosen,
        "advice": segments.ADVICE[chosen],
        "form": form,
        "page": page,
        "elided_page_range": paginator.get_elided_page_range(page.number),
        "export_url": export_url(chosen, filters) if may_export else "",
        "breadcrumbs_items": [
            {"url": reverse("aftersales:segments"), "label": _("Segmenten")},
            {"url": "", "label": chosen.label},
        ],
    }
    return TemplateResponse(request, "aftersales/segment_customers.html", context)


def export_url(segment: str, filters: dict) -> str:
    """The export of exactly the filters that apply on the page (a wrong one is left out there)."""
    url = reverse("aftersales:segment-export", args=[segment])
    return f"{url}?{urlencode(filters)}" if filters else url


@require_safe
def export(request, segment: str) -> HttpResponse | StreamingHttpResponse:
    """Every customer of the filtered list, not only one page, as CSV (csv_export.py)."""
    if not (request.user.has_perm(VIEW) and request.user.has_perm(EXPORT)):
        return forbidden(request)
    if segment not in SegmentChoice.values:
        return HttpResponse(_("Er is geen segment “%(name)s”.") % {"name": segment}, status=404)
    form = CustomerFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            _("Niets geëxporteerd: niet elk filter klopt. Kies de filters opnieuw op de lijst.")
        )
    chosen = SegmentChoice(segment)
    scores = customers_in(chosen, valid_filters(form))
    filename = f"klanten-{chosen.value}-{amsterdam_today().isoformat()}.csv"
    return csv_export.csv_download(filename, csv_header(), csv_rows(scores, str(chosen.label)))


def csv_header() -> list[str]:
    return [
        _("E-mailadres"),
        _("Naam"),
        _("Segment"),
        "R",
        "F",
        "M",
        _("Bestellingen"),
        _("Besteed (incl. btw, min terugbetalingen)"),
        _("Dagen sinds laatste bestelling"),
        _("Marketingmail"),
        _("Sleutelklant"),
    ]


def csv_rows(scores, segment_label: str):
    """One row per customer; the words are translated now, as the rows are written after the
    view has returned."""
    yes, no = _("ja"), _("nee")

    def row(score: CustomerScore) -> list:
        customer = score.customer
        return [
            customer.email,
            customer.user.get_full_name() if customer.user else "",
            segment_label,
            score.recency_score,
            score.frequency_score,
            score.monetary_score,
            score.frequency,
            csv_export.decimal_nl(score.monetary),
            score.recency_days,
            yes if customer.marketing_consent else no,
            yes if customer.key_account else no,
        ]

    return (row(score) for score in scores.iterator(chunk_size=2000))
