"""A segment's customers (A5; issue 13, item 2): the filters and sort orders staff choose,
checked by a form, and the customers that answer them, for the page and for the CSV export.

Everything the list shows is on the customer's score row (aftersales/segmenting.py keeps it),
so a page is one query for its rows and one to count them, whatever the segment's size, and
the export streams the same query in chunks.
"""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from aftersales.models import CustomerScore

YES, NO = "yes", "no"
YES_NO = [("", _("Alle")), (YES, _("Ja")), (NO, _("Nee"))]

# Each sort order by its name in the query string; the customer's id keeps pages stable.
SORTS = {
    "revenue": ("-monetary", "customer_id"),
    "recent": ("recency_days", "customer_id"),
    "orders": ("-frequency", "-monetary", "customer_id"),
    "email": ("customer__email",),
}
SORT_CHOICES = [
    ("revenue", _("Meeste omzet eerst")),
    ("recent", _("Laatst besteld eerst")),
    ("orders", _("Meeste bestellingen eerst")),
    ("email", _("E-mailadres (a–z)")),
]
DEFAULT_SORT = "revenue"
SCORE_CHOICES = [("", _("Alle")), *((str(score), str(score)) for score in range(1, 6))]


class CustomerFilterForm(forms.Form):
    """The list's filters from the query string; every field may be left out."""

    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_("Op e-mailadres of naam"),
    )
    consent = forms.ChoiceField(label=_("Marketingmail"), required=False, choices=YES_NO)
    key_account = forms.ChoiceField(label=_("Sleutelklant"), required=False, choices=YES_NO)
    min_monetary_score = forms.TypedChoiceField(
        label=_("M-score minstens"), required=False, coerce=int, empty_value=None, choices=SCORE_CHOICES
    )
    min_orders = forms.IntegerField(
        label=_("Bestellingen minstens"),
        required=False,
        min_value=1,
        max_value=100_000,
        widget=forms.NumberInput(attrs={"min": 1}),
    )
    sort = forms.ChoiceField(label=_("Volgorde"), required=False, choices=SORT_CHOICES)


def valid_filters(form: CustomerFilterForm) -> dict:
    """The filters that passed their checks, without the empty ones: a wrong filter is left
    out and the others still apply (the form shows why)."""
    form.is_valid()
    return {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}


def yes_no(value: str) -> bool:
    return value == YES


def customers_in(segment: str, chosen: dict) -> QuerySet[CustomerScore]:
    """The score rows of `segment`'s customers that answer the `chosen` filters, in the chosen
    order, each with its customer and account."""
    scores = CustomerScore.objects.filter(segment=segment).select_related("customer__user")
    if "q" in chosen:
        words = chosen["q"].strip()
        scores = scores.filter(
            Q(customer__email__icontains=words)
            | Q(customer__user__first_name__icontains=words)
            | Q(customer__user__last_name__icontains=words)
        )
    if "consent" in chosen:
        scores = scores.filter(customer__marketing_consent=yes_no(chosen["consent"]))
    if "key_account" in chosen:
        scores = scores.filter(customer__key_account=yes_no(chosen["key_account"]))
    if "min_monetary_score" in chosen:
        scores = scores.filter(monetary_score__gte=chosen["min_monetary_score"])
    if "min_orders" in chosen:
        scores = scores.filter(frequency__gte=chosen["min_orders"])
    return scores.order_by(*SORTS[chosen.get("sort", DEFAULT_SORT)])
