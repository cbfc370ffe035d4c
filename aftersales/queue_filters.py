"""What the after-sales queue lists (A3): the filters staff choose, checked by a form, and the
tasks that answer them, one row each.

Hold-out tasks are never listed (A8: staff never see them). Without filters the queue is the
open list (working.ACTIVE), due date first. A row costs no query of its own: the page's tasks
come with their order, customer, assignee and question in one query and the lines of their
orders in one more, whatever the page size.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from aftersales import printing, working
from aftersales.models import Task, TierChoice
from home.staff_groups import AFTER_SALES, AFTER_SALES_MANAGERS

Line = get_model("order", "Line")
Status = Task.Status

PAGE_SIZES = (25, 50, 100)
DONE_SHOWN = (Status.SENT, Status.SKIPPED)  # done, and not a hold-out

# Status choices beyond the task's own statuses; the empty choice is the open list.
OPEN_LIST, DONE, ALL = "", "done", "all"
STATUS_CHOICES = [
    (OPEN_LIST, _("Nog te doen")),
    *((status.value, status.label) for status in working.ACTIVE if status != Status.PRINTED),
    (Status.PRINTED.value, _("Geprint, nog niet verstuurd")),
    *((status.value, status.label) for status in DONE_SHOWN),
    (DONE, _("Afgerond (verstuurd of overgeslagen)")),
    (ALL, _("Alle")),
]

OVERDUE, TODAY, THIS_WEEK = "overdue", "today", "week"
DUE_CHOICES = [
    ("", _("Wanneer dan ook")),
    (OVERDUE, _("Te laat")),
    (TODAY, _("Vandaag")),
    (THIS_WEEK, _("Deze week (ma–zo)")),
]

ME, NOBODY = "me", "nobody"
DATE_PICKER = forms.DateInput(attrs={"type": "date"})  # the browser's, in ISO dates


def after_sales_staff():
    """The members of the After-sales groups, by name: whose tasks one can ask for."""
    return (
        get_user_model()
        .objects.filter(groups__name__in=[AFTER_SALES, AFTER_SALES_MANAGERS])
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


class QueueFilterForm(forms.Form):
    """The queue's filters from the query string; every field may be left out."""

    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *Task.Kind.choices]
    )
    tier = forms.TypedChoiceField(
        label=_("Bedankje"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Alle bedankjes")), *TierChoice.choices],
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    due = forms.ChoiceField(label=_("Uiterlijk"), required=False, choices=DUE_CHOICES)
    due_from = forms.DateField(label=_("Uiterlijk vanaf"), required=False, widget=DATE_PICKER)
    due_until = forms.DateField(label=_("Uiterlijk tot en met"), required=False, widget=DATE_PICKER)
    assignee = forms.ChoiceField(label=_("Opgepakt door"), required=False)
    per_page = forms.TypedChoiceField(
        label=_("Per pagina"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(size, size) for size in PAGE_SIZES],
    )

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("", _("Iedereen")),
            (ME, _("Ik")),
            (NOBODY, _("Niemand")),
            *((str(user.pk), working.staff_name(user)) for user in staff),
        ]

    def clean_per_page(self):
        return self.cleaned_data["per_page"] or PAGE_SIZES[0]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("due_from"), cleaned.get("due_until")
        if start and end and start > end:
            self.add_error("due_until", _("Deze datum ligt voor de datum bij 'Uiterlijk vanaf'."))
        return cleaned


def overdue(today: date) -> Q:
    """A2 as a filter: what working.is_overdue says of one task, for the database."""
    return Q(status__in=working.ACTIVE, due_on__lt=today)


def visible_tasks() -> QuerySet[Task]:
    """Every task staff may see: all but the hold-outs (A8)."""
    return Task.objects.exclude(status=Status.HELD_OUT)


def listed(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """`tasks` with what a row shows, in two queries for a whole page, due date first."""
    lines = Line.objects.only("id", "order_id", "title", "line_price_incl_tax")
    return (
        tasks.select_related("order__shipping_address", "customer", "assignee", "question")
        .prefetch_related(Prefetch("order__lines", queryset=lines))
        .order_by("due_on", "pk")
    )


def filtered(tasks: QuerySet[Task], chosen: dict, user, today: date) -> QuerySet[Task]:
    """`tasks` narrowed by the cleaned filters in `chosen` (missing ones: no filter, except the
    status, which defaults to the open list)."""
    if chosen.get("kind"):
        tasks = tasks.filter(kind=chosen["kind"])
    if chosen.get("tier") is not None:
        tasks = tasks.filter(tier=chosen["tier"])
    tasks = by_status(tasks, chosen.get("status", OPEN_LIST))
    tasks = by_due(tasks, chosen.get("due", ""), today)
    if chosen.get("due_from"):
        tasks = tasks.filter(due_on__gte=chosen["due_from"])
    if chosen.get("due_until"):
        tasks = tasks.filter(due_on__lte=chosen["due_until"])
    return by_assignee(tasks, chosen.get("assignee", ""), user)


def by_status(tasks: QuerySet[Task], status: str) -> QuerySet[Task]:
    if status == OPEN_LIST:
        return tasks.filter(status__in=working.ACTIVE)
    if status == DONE:
        return tasks.filter(status__in=DONE_SHOWN)
    if status == ALL:
        return tasks
    return tasks.filter(status=status)


def by_due(tasks: QuerySet[Task], due: str, today: date) -> QuerySet[Task]:
    if due == OVERDUE:
        return tasks.filter(overdue(today))
    if due == TODAY:
        return tasks.filter(due_on=today)
    if due == THIS_WEEK:
        monday = today - timedelta(days=today.weekday())
        return tasks.filter(due_on__range=(monday, monday + timedelta(days=6)))
    return tasks


def by_assignee(tasks: QuerySet[Task], assignee: str, user) -> QuerySet[Task]:
    if assignee == ME:
        return tasks.filter(assignee=user)
    if assignee == NOBODY:
        return tasks.filter(assignee__isnull=True)
    if assignee:
        return tasks.filter(assignee_id=int(assignee))
    return tasks


@dataclass(frozen=True)
class Figure:
    """A count of the queue's work for the admin home, with the query string that lists it."""

    label: str | Promise
    count: int
    query: str
    alarming: bool = False


def home_figures(today: date) -> list[Figure]:
    """The open list, what is overdue (A2), the printed cards not yet sent and the open
    questions, counted in one query."""
    counts = visible_tasks().aggregate(
        open=Count("pk", filter=Q(status__in=working.ACTIVE)),
        overdue=Count("pk", filter=overdue(today)),
        printed=Count("pk", filter=Q(status=Status.PRINTED)),
        questions=Count("pk", filter=Q(kind=Task.Kind.QUESTION, status__in=working.ACTIVE)),
    )
    return [
        Figure(_("Nog te doen"), counts["open"], ""),
        Figure(_("Te laat"), counts["overdue"], f"?due={OVERDUE}", alarming=counts["overdue"] > 0),
        Figure(_("Geprint, nog niet verstuurd"), counts["printed"], f"?status={Status.PRINTED.value}"),
        Figure(_("Open vragen"), counts["questions"], f"?kind={Task.Kind.QUESTION.value}"),
    ]


@dataclass(frozen=True)
class Row:
    """One task as the queue shows it."""

    task: Task
    overdue: bool
    about: str  # the thank-you's main product, or the question's subject
    claimable: bool  # free to take: the "Op mij" button
    printable: bool  # a card that may go into the print selection

    @classmethod
    def of(cls, task: Task, today: date) -> "Row":
        workable = task.status in working.ACTIVE and task.status != Status.AWAITING_APPROVAL
        thank_you = task.kind == Task.Kind.THANK_YOU
        return cls(
            task=task,
            overdue=working.is_overdue(task, today),
            about=printing.main_product(task.order) if thank_you else task.question.get_subject_display(),
            claimable=workable and task.assignee_id is None,
            printable=workable and thank_you,
        )
