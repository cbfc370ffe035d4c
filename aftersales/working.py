"""What staff do with a task in the queue (A3): claim it, give it back, start it, mark it sent
with what was sent and its cost, skip it with a reason; a manager approves a personal gift
within its budget.

Each change locks the task's row, checks, and writes in one short transaction, so two people
acting on the same task at once are served one after the other: the first wins, the second is
told why not (TaskRefused, whose str() is the message for them). Nothing is written on refusal.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales.models import Task, TierChoice

Status = Task.Status

# Waiting for someone: the queue's open list. Sent, skipped and held-out tasks are done.
ACTIVE = (Status.OPEN, Status.AWAITING_APPROVAL, Status.CLAIMED, Status.STARTED, Status.PRINTED)
DONE = (Status.SENT, Status.SKIPPED, Status.HELD_OUT)
GIFTS = (TierChoice.SMALL_GIFT, TierChoice.PERSONAL_GIFT)
APPROVE_PERMISSION = "aftersales.approve_gift"


class TaskRefused(Exception):
    """What was asked cannot be done; nothing was written. str() is the message for the user."""


def is_overdue(task: Task, today: date) -> bool:
    """A2: still waiting after its due day."""
    return task.status in ACTIVE and task.due_on < today


def staff_name(user) -> str:
    return user.get_full_name() or user.email if user else ""


def locked(task_id: int) -> Task:
    """The task re-read with its row locked (inside a transaction).

    Its assignee is not joined: when the row was locked by someone else first, PostgreSQL hands
    over the row as they left it but a joined row as it was before, so the refusal would not
    know who took the task. The assignee is read when needed, after the lock.
    """
    return Task.objects.select_for_update().get(pk=task_id)


def ensure_workable(task: Task, user) -> None:
    """The task may be worked on by `user`: not done, approved if it needed that, not someone else's."""
    if task.status in DONE:
        raise TaskRefused(_("Deze taak is al afgerond (%(status)s).") % {"status": task.get_status_display()})
    if task.status == Status.AWAITING_APPROVAL:
        raise TaskRefused(_("Dit persoonlijke cadeau wacht nog op het akkoord van een manager."))
    if task.assignee_id not in (None, user.pk):
        raise TaskRefused(_("%(name)s heeft deze taak al opgepakt.") % {"name": staff_name(task.assignee)})


def take(task: Task, user) -> None:
    """`user` becomes the assignee (unsaved); an open task becomes claimed."""
    if task.assignee_id is None:
        task.assignee = user
        task.claimed_at = timezone.now()
    if task.status == Status.OPEN:
        task.status = Status.CLAIMED


def claim(task_id: int, user) -> Task:
    """A3 "op mij": the task is `user`'s. Claiming one's own task again changes nothing."""
    with transaction.atomic():
        task = locked(task_id)
        ensure_workable(task, user)
        take(task, user)
        task.save(update_fields=["assignee", "claimed_at", "status"])
    return task


def unassign(task_id: int, user) -> Task:
    """Give the task back to the queue: by its assignee, or by a manager for anyone."""
    with transaction.atomic():
        task = locked(task_id)
        if task.status in DONE or task.assignee_id is None:
            raise TaskRefused(_("Deze taak is van niemand."))
        if task.assignee_id != user.pk and not user.has_perm(APPROVE_PERMISSION):
            raise TaskRefused(
                _("Alleen %(name)s of een manager kan deze taak teruggeven.")
                % {"name": staff_name(task.assignee)}
            )
        task.assignee, task.claimed_at = None, None
        if task.status in (Status.CLAIMED, Status.STARTED):
            task.status = Status.OPEN  # a printed card stays printed
        task.save(update_fields=["assignee", "claimed_at", "status"])
    return task


def start(task_id: int, user) -> Task:
    """The assignee is working on it (writing the note, buying the gift); claims it if free."""
    with transaction.atomic():
        task = locked(task_id)
        ensure_workable(task, user)
        take(task, user)
        if task.status == Status.CLAIMED:
            task.status = Status.STARTED
        task.save(update_fields=["assignee", "claimed_at", "status"])
    return task


def budget_of(task: Task) -> Decimal | None:
    """What a gift may cost: the manager's approved budget, else the tier's."""
    return task.approved_budget if task.approved_budget is not None else task.budget


def mark_sent(task_id: int, user, what: str, cost: Decimal, sent_on: date | None = None) -> Task:
    """The thank-you went out: what it was and what it cost (incl. VAT), within a gift's budget."""
    what = what.strip()
    if not what:
        raise TaskRefused(_("Vul in wat je hebt verstuurd."))
    if cost is None or cost < 0:
        raise TaskRefused(_("Vul de kosten in (0 of meer)."))
    with transaction.atomic():
        task = locked(task_id)
        if task.kind != Task.Kind.THANK_YOU:
            raise TaskRefused(_("Een vraag beantwoord je met een antwoord, niet als verstuurd."))
        ensure_workable(task, user)
        budget = budget_of(task)
        if task.tier in GIFTS and budget is not None and cost > budget:
            raise TaskRefused(
                _("€ %(cost)s is meer dan het budget van € %(budget)s.") % {"cost": cost, "budget": budget}
            )
        take(task, user)
        task.status = Status.SENT
        task.sent_on = sent_on or timezone.localdate()
        task.sent_what, task.cost = what, cost
        task.save(update_fields=["assignee", "claimed_at", "status", "sent_on", "sent_what", "cost"])
    return task


def skip(task_id: int, user, reason: str) -> Task:
    """No thank-you for this order, and why (e.g. "klant wil geen post")."""
    reason = reason.strip()
    if not reason:
        raise TaskRefused(_("Geef een reden op waarom je deze taak overslaat."))
    with transaction.atomic():
        task = locked(task_id)
        if task.status != Status.AWAITING_APPROVAL:  # a manager may turn down a gift by skipping it
            ensure_workable(task, user)
        elif not user.has_perm(APPROVE_PERMISSION):
            raise TaskRefused(_("Alleen een manager kan een persoonlijk cadeau afwijzen."))
        task.status, task.skip_reason = Status.SKIPPED, reason
        task.save(update_fields=["status", "skip_reason"])
    return task


def approve(task_id: int, user, budget: Decimal) -> Task:
    """A manager's go for a personal gift, with a budget up to the tier's."""
    if not user.has_perm(APPROVE_PERMISSION):
        raise TaskRefused(_("Alleen een manager kan een persoonlijk cadeau goedkeuren."))
    if budget is None or budget <= 0:
        raise TaskRefused(_("Vul een budget in van meer dan € 0."))
    with transaction.atomic():
        task = locked(task_id)
        if task.status != Status.AWAITING_APPROVAL:
            raise TaskRefused(_("Deze taak wacht niet op een akkoord."))
        if task.budget is not None and budget > task.budget:
            raise TaskRefused(
                _("Het budget kan hoogstens € %(budget)s zijn (de bedankregel).") % {"budget": task.budget}
            )
        task.status, task.approved_by, task.approved_budget = Status.OPEN, user, budget
        task.save(update_fields=["status", "approved_by", "approved_budget"])
    return task


def set_message(task_id: int, user, message: str) -> Task:
    """The text for this one card instead of the tier's template; empty goes back to the template."""
    with transaction.atomic():
        task = locked(task_id)
        if task.kind != Task.Kind.THANK_YOU:
            raise TaskRefused(_("Alleen een bedankje heeft een kaarttekst."))
        ensure_workable(task, user)
        take(task, user)
        task.message = message.strip()
        task.save(update_fields=["assignee", "claimed_at", "status", "message"])
    return task


def mark_printed(task_ids, user) -> tuple[list[Task], list[str]]:
    """The selected thank-yous whose cards `user` may print, marked printed (and theirs); the
    others with the reason each one was left out."""
    printable, refused = [], []
    with transaction.atomic():
        for task_id in sorted(set(task_ids)):
            task = locked(task_id)
            try:
                if task.kind != Task.Kind.THANK_YOU:
                    raise TaskRefused(_("Een vraag heeft geen kaartje."))
                ensure_workable(task, user)
            except TaskRefused as refusal:
                refused.append(f"{task.order.number}: {refusal}")
                continue
            take(task, user)
            task.status, task.printed_at = Status.PRINTED, timezone.now()
            task.save(update_fields=["assignee", "claimed_at", "status", "printed_at"])
            printable.append(task)
    return printable, refused
