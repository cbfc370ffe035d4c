"""The page of one after-sales task in the Wagtail admin (A3, A4, A7): the order it is about, its
card text with a live preview or the customer's question, what the customer was e-mailed, and
the actions as small POST forms that call the domain (working.py, questions.py).

A refused action (TaskRefused) or bad input shows the page again with the message and what was
typed; nothing is written. A held-out task (A8) is never shown.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from oscar.core.loading import get_model

from aftersales import cards, printing, questions, working
from aftersales.messages import field_values
from aftersales.models import Answer, Question, Task
from aftersales.staff_access import dashboard_order_numbers, forbidden, safe_next
from aftersales.staff_forms import AnswerForm, ApproveForm, MessageForm, NoFieldsForm, SentForm, SkipForm
from commerce.order.emails import shop_settings
from home.clock import amsterdam_today

Email = get_model("communication", "Email")

VIEW = "aftersales.view_task"
CHANGE = "aftersales.change_task"
VIEW_CUSTOMER = "aftersales.view_customer"
Status = Task.Status
# The newest e-mails to the customer's address shown with the task.
EMAILS_SHOWN = 25


def save_message(task: Task, user, data: dict) -> Task:
    text = data["message"]
    if text.strip() == printing.template_text(task).strip():
        text = ""  # saved as the template pre-filled it: keep following the template
    return working.set_message(task.pk, user, text)


@dataclass(frozen=True)
class Action:
    """One action of the page: the form that checks what was typed, the domain call that does
    it, the message when it worked, and the permissions it needs (403 without them)."""

    form: type[forms.Form]
    run: Callable[[Task, Any, dict], object]
    done: str | Promise
    permissions: tuple[str, ...] = (CHANGE,)


ACTIONS = {
    "claim": Action(
        NoFieldsForm,
        lambda task, user, data: working.claim(task.pk, user),
        gettext_lazy("Je hebt deze taak opgepakt."),
    ),
    "unassign": Action(
        NoFieldsForm,
        lambda task, user, data: working.unassign(task.pk, user),
        gettext_lazy("De taak staat weer in de wachtrij."),
    ),
    "start": Action(
        NoFieldsForm,
        lambda task, user, data: working.start(task.pk, user),
        gettext_lazy("Je bent met deze taak bezig."),
    ),
    "sent": Action(
        SentForm,
        lambda task, user, data: working.mark_sent(task.pk, user, data["what"], data["cost"]),
        gettext_lazy("Gemarkeerd als verstuurd."),
    ),
    "skip": Action(
        SkipForm,
        lambda task, user, data: working.skip(task.pk, user, data["reason"]),
        gettext_lazy("De taak is overgeslagen."),
    ),
    "approve": Action(
        ApproveForm,
        lambda task, user, data: working.approve(task.pk, user, data["budget"]),
        gettext_lazy("Het persoonlijke cadeau is goedgekeurd."),
        permissions=(CHANGE, working.APPROVE_PERMISSION),
    ),
    "message": Action(MessageForm, save_message, gettext_lazy("De tekst van het kaartje is opgeslagen.")),
    "answer": Action(
        AnswerForm,
        lambda task, user, data: questions.answer(task.pk, user, data["body"]),
        gettext_lazy("Je antwoord is opgeslagen en wordt per e-mail verstuurd."),
    ),
}


def offered_actions(task: Task, user) -> set[str]:
    """The actions the page offers this user for this task; the domain still decides on each."""
    if not user.has_perm(CHANGE):
        return set()
    manager = user.has_perm(working.APPROVE_PERMISSION)
    question = task.kind == Task.Kind.QUESTION
    if task.status == Status.AWAITING_APPROVAL:
        return {"approve", "skip"} if manager else set()
    if task.status in working.DONE:  # an answered question may get a follow-up answer
        return {"answer"} if question and task.status == Status.SENT else set()
    offered = set()
    if task.assignee_id is None:
        offered.add("claim")
    elif task.assignee_id == user.pk or manager:
        offered.add("unassign")
    if task.assignee_id in (None, user.pk):
        if task.status in (Status.OPEN, Status.CLAIMED):
            offered.add("start")
        offered |= {"skip", "answer"} if question else {"skip", "sent", "message"}
    return offered


def shown_tasks():
    """Every task but the held-out ones (A8: staff never see those), with what the page shows."""
    return (
        Task.objects.exclude(status=Status.HELD_OUT)
        .select_related(
            "customer",
            "assignee",
            "approved_by",
            "order__user",
            "order__shipping_address__country",
            "order__billing_address__country",
        )
        .prefetch_related("order__lines")
    )


@require_http_methods(["GET", "POST"])
def task(request, pk: int):
    if not request.user.has_perm(VIEW):
        return forbidden(request)
    task = get_object_or_404(shown_tasks(), pk=pk)
    if request.method == "POST":
        return act(request, task)
    return page(request, task)


def act(request, task: Task):
    name = request.POST.get("action", "")
    action = ACTIONS.get(name)
    if action is None:
        messages.error(request, _("Deze actie bestaat niet."))
        return page(request, task, status=400)
    if not request.user.has_perms(action.permissions):
        return forbidden(request)
    form = action.form(request.POST)
    if not form.is_valid():
        messages.error(request, _("Controleer wat je hebt ingevuld."))
        return page(request, task, bound={name: form})
    try:
        action.run(task, request.user, form.cleaned_data)
    except working.TaskRefused as refusal:
        messages.error(request, str(refusal))
        return page(request, task, bound={name: form})
    messages.success(request, str(action.done))
    return redirect(safe_next(request) or reverse("aftersales:task", args=[task.pk]))


def page(request, task: Task, bound=None, status: int = 200):
    user = request.user
    order = task.order
    address = order.shipping_address or order.billing_address
    offered = offered_actions(task, user)
    initial = {"message": task.message or printing.template_text(task)} if "message" in offered else {}
    bound = bound or {}
    may_open_order = bool(dashboard_order_numbers(user, [order]))
    emails = Email.objects.filter(email__iexact=order.email).order_by("-date_sent", "-pk")
    context = {
        "task": task,
        "order": order,
        "page_title": str(task),
        "breadcrumbs_items": [
            {"url": reverse("aftersales:queue"), "label": _("Taken")},
            {"url": "", "label": str(task)},
        ],
        "order_url": reverse("dashboard:order-detail", kwargs={"number": order.number})
        if may_open_order
        else "",
        "customer_url": reverse("aftersales:customer", args=[task.customer_id])
        if user.has_perm(VIEW_CUSTOMER)
        else "",
        "assignee_name": working.staff_name(task.assignee),
        "approver_name": working.staff_name(task.approved_by),
        "budget": working.budget_of(task),
        "overdue": working.is_overdue(task, amsterdam_today()),
        "recipient": address.name if address else "",
        "address_lines": cards.card_address_lines(address) if address else [],
        "lines": order.lines.all(),
        "forms": {name: bound.get(name) or ACTIONS[name].form(initial=initial) for name in offered},
        "next": safe_next(request),
        "emails": emails[:EMAILS_SHOWN],
        "events": order.communication_events.select_related("event_type").order_by("-date_created", "-pk"),
    }
    if task.kind == Task.Kind.THANK_YOU:
        context.update(card_context(task, user), message_changed="message" in bound)
    else:
        context["question"] = Question.objects.get(task=task)
        answers = Answer.objects.filter(question__task__order=order)
        context["answers"] = answers.select_related("question", "author")
    return TemplateResponse(request, "aftersales/task.html", context, status=status)


def card_context(task: Task, user) -> dict:
    """The card as `user` would print it now (printing.card_for) and its merge fields' values."""
    shop = shop_settings()
    values = printing.merge_values(task, user, shop)
    return {
        "card_message": printing.message_for(task, user, shop=shop),
        "signature": values.staff_first_name,
        "merge_fields": field_values(values, printing.language_of(task)),
    }


@require_POST
def preview(request, pk: int):
    """The card's message as it would be printed with the text typed so far (A3); saves nothing."""
    if not request.user.has_perm(VIEW):
        return forbidden(request)
    task = get_object_or_404(shown_tasks(), pk=pk, kind=Task.Kind.THANK_YOU)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": " ".join(str(error) for error in form.errors["message"])}, status=400)
    text = form.cleaned_data["message"] or printing.template_text(task)
    return JsonResponse({"message": printing.message_for(task, request.user, text=text)})
