"""A customer as after-sales staff see them (issue 12, item 8; issue 13, item 2): their segment
with its R/F/M scores and history (A5), orders, returns, thank-yous and questions, the notes
staff keep ("houdt van pure chocola"), the key-account flag, whether they are in the hold-out
group (A8), their consent for marketing e-mail with its history and their follow-up plan: each
step planned, sent, skipped or ended and why (A6). The page's queries do not grow with their
orders, returns, tasks or follow-ups.
"""

from django import forms
from django.contrib import messages
from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from aftersales import consent, segment_views, segments
from aftersales.customers import orders_of
from aftersales.models import Answer, Customer, CustomerNote, Question, Task
from aftersales.staff_access import dashboard_order_numbers, dashboard_return_numbers, forbidden, safe_next
from aftersales.staff_forms import KeyAccountForm, MarketingConsentForm, NoteForm
from commerce.returns.models import Return

VIEW = "aftersales.view_customer"
# Each change: the permission it needs and its form.
ACTIONS: dict[str, tuple[str, type[forms.BaseForm]]] = {
    "key_account": ("aftersales.change_customer", KeyAccountForm),
    "note": ("aftersales.add_customernote", NoteForm),
    "marketing_consent": ("aftersales.change_customer", MarketingConsentForm),
}


@require_http_methods(["GET", "POST"])
def customer(request, pk: int):
    if not request.user.has_perm(VIEW):
        return forbidden(request)
    customer = get_object_or_404(Customer.objects.select_related("user", "score"), pk=pk)
    if request.method == "POST":
        return act(request, customer)
    return page(request, customer)


def act(request, customer: Customer):
    name = request.POST.get("action", "")
    if name not in ACTIONS:
        messages.error(request, _("Deze actie bestaat niet."))
        return page(request, customer, status=400)
    permission, form_class = ACTIONS[name]
    if not request.user.has_perm(permission):
        return forbidden(request)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("Controleer wat je hebt ingevuld."))
        return page(request, customer, note_form=form if name == "note" else None)
    if name == "key_account":
        key_account = form.cleaned_data["key_account"]
        Customer.objects.filter(pk=customer.pk).update(key_account=key_account)
        messages.success(
            request, _("Gemarkeerd als sleutelklant.") if key_account else _("Niet langer een sleutelklant.")
        )
    elif name == "marketing_consent":
        record_consent(request, customer, form.cleaned_data["marketing_consent"])
    else:
        CustomerNote.objects.create(customer=customer, author=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Je notitie is opgeslagen."))
    return redirect(safe_next(request) or reverse("aftersales:customer", args=[customer.pk]))


def record_consent(request, customer: Customer, given: bool):
    """A6: the customer's own word, passed on by staff; the button shows the other state, so a
    double click records nothing twice."""
    if given != customer.marketing_consent:
        consent.record(customer, given, consent.Source.STAFF)
    if given:
        messages.success(request, _("Toestemming voor marketingmail vastgelegd."))
    else:
        messages.success(request, _("Afgemeld voor marketingmail; mails over bestellingen blijven komen."))


def page(request, customer: Customer, note_form=None, status: int = 200):
    user = request.user
    orders = list(orders_of(customer.email).order_by("-date_placed", "-pk"))
    returns = list(Return.objects.filter(order__in=orders).select_related("order", "refund"))
    consents = list(customer.consents.all())
    score = getattr(customer, "score", None)  # None until compute_segments has run
    answers = Answer.objects.select_related("author")
    context = {
        "customer": customer,
        "page_title": customer.email,
        "breadcrumbs_items": [
            {"url": reverse("aftersales:queue"), "label": _("Taken")},
            {"url": "", "label": customer.email},
        ],
        "orders": orders,
        "dashboard_numbers": dashboard_order_numbers(user, orders),
        "score": score,
        "segment_advice": segments.ADVICE[score.segment] if score else "",
        "segment_changes": customer.segment_changes.all(),
        "may_see_segments": user.has_perm(segment_views.VIEW),
        "returns": returns,
        "dashboard_returns": dashboard_return_numbers(user, returns),
        "consents": consents,
        "tasks": customer.tasks.select_related("order", "assignee").order_by("-created_at", "-pk"),
        "held_out": Task.Status.HELD_OUT,
        "follow_ups": customer.follow_ups.select_related("order").order_by(
            "-order__date_placed", F("due_on").asc(nulls_last=True), "pk"
        ),
        "questions": (
            Question.objects.filter(task__customer=customer)
            .select_related("task__order")
            .prefetch_related(Prefetch("answers", queryset=answers))
            .order_by("-created_at", "-pk")
        ),
        "notes": customer.notes.select_related("author"),
        "last_consent": consents[0] if consents else None,
        "may_flag": user.has_perm(ACTIONS["key_account"][0]),
        "note_form": note_form or (NoteForm() if user.has_perm(ACTIONS["note"][0]) else None),
        "next": safe_next(request),
    }
    return TemplateResponse(request, "aftersales/customer.html", context, status=status)
