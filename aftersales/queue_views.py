"""The after-sales queue in the Wagtail admin (A3): the tasks to do, filtered and a page at a
time (queue_filters.py), with "Op mij" per task (answered by the task page) and the cards of a
selection printed as one PDF (printing.py)."""

from urllib.parse import urlsplit

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required
from wagtail.admin.paginator import WagtailPaginator

from aftersales import cards, printing
from aftersales.queue_filters import (
    PAGE_SIZES,
    QueueFilterForm,
    Row,
    after_sales_staff,
    filtered,
    listed,
    visible_tasks,
)
from home.clock import amsterdam_today

VIEW = "aftersales.view_task"
WORK = "aftersales.change_task"
LAYOUTS = [
    (cards.Layout.POSTCARD.value, gettext_lazy("A6-kaart, één per vel")),
    (cards.Layout.FOUR_ON_A4.value, gettext_lazy("4 kaarten op A4")),
]


class PrintForm(forms.Form):
    """The print selection: tasks ticked on the list and the paper their cards go on."""

    tasks = forms.ModelMultipleChoiceField(
        queryset=visible_tasks(),
        error_messages={
            "required": gettext_lazy("Kies eerst een of meer kaartjes om te printen."),
            "invalid_choice": gettext_lazy("Er is geen taak %(value)s."),
            "invalid_pk_value": gettext_lazy("Er is geen taak %(pk)s."),
        },
    )
    layout = forms.TypedChoiceField(
        choices=LAYOUTS,
        coerce=cards.Layout,
        error_messages={
            "required": gettext_lazy("Kies hoe de kaartjes op papier komen."),
            "invalid_choice": gettext_lazy("Kies A6-kaart of 4 kaarten op A4."),
        },
    )


@permission_required(VIEW)
def queue(request):
    today = amsterdam_today()
    form = QueueFilterForm(request.GET, staff=after_sales_staff())
    form.is_valid()  # a wrong filter is shown with its message; the right ones still apply
    chosen = form.cleaned_data
    tasks = listed(filtered(visible_tasks(), chosen, request.user, today))
    paginator = WagtailPaginator(tasks, chosen.get("per_page", PAGE_SIZES[0]))
    page = paginator.get_page(request.GET.get("p"))
    return render(
        request,
        "aftersales/queue.html",
        {
            "form": form,
            "page": page,
            "rows": [Row.of(task, today) for task in page],
            "elided_page_range": paginator.get_elided_page_range(page.number),
            "layouts": LAYOUTS,
            "can_work": request.user.has_perm(WORK),
        },
    )


@permission_required(WORK)
@require_POST
def print_cards(request):
    """The selection's cards as a PDF download; what could not be printed is said on the list."""
    back = back_to_queue(request)
    form = PrintForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    task_ids = [task.pk for task in form.cleaned_data["tasks"]]
    pdf, refused = printing.print_cards(task_ids, request.user, form.cleaned_data["layout"])
    if pdf is None:
        messages.error(request, _("Er is niets geprint."))
    for refusal in refused:
        messages.warning(request, _("Niet geprint: %(reason)s") % {"reason": refusal})
    return redirect(back) if pdf is None else download(pdf)


def download(pdf: bytes) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="kaartjes-{amsterdam_today().isoformat()}.pdf"'
    return response


def back_to_queue(request) -> str:
    """The list the print form was sent from, with its filters; else the open list."""
    queue_url = reverse("aftersales:queue")
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and urlsplit(target).path == queue_url else queue_url
