"""The queue's filters (aftersales/queue_filters.py) without the page: what each one keeps."""

from datetime import date, timedelta

import pytest

from aftersales import working
from aftersales.models import Task
from aftersales.queue_filters import QueueFilterForm, after_sales_staff, filtered, visible_tasks
from home.clock import amsterdam_today
from home.staff_groups import AFTER_SALES, AFTER_SALES_MANAGERS, EDITORS
from tests.aftersales.task_support import copies_of, placed_order, staff_member, tasks_on

pytestmark = pytest.mark.django_db

WEDNESDAY = date(2026, 3, 11)
EVERY_STATUS = list(Task.Status)


def chosen(**data):
    form = QueueFilterForm(data, staff=after_sales_staff())
    assert form.is_valid(), form.errors
    return form.cleaned_data


def kept(today=WEDNESDAY, **data):
    return set(filtered(visible_tasks(), chosen(**data), None, today))


@pytest.mark.rule("A2")
def test_a2_the_overdue_filter_keeps_exactly_what_working_calls_overdue():
    # Every status due yesterday, today and tomorrow (tasks_on counts from the real today).
    tasks_on(copies_of(placed_order(), len(EVERY_STATUS) * 3), statuses=EVERY_STATUS, days=[-1, 0, 1] * 2)
    today = amsterdam_today()

    overdue = kept(today, due="overdue", status="all")

    assert overdue == {task for task in Task.objects.all() if working.is_overdue(task, today)}
    assert {task.status for task in overdue} == set(working.ACTIVE)


def test_this_week_is_monday_to_sunday_of_today():
    tasks_on(copies_of(placed_order(), 7))
    for n, task in enumerate(Task.objects.order_by("pk")):  # every other day from Friday 6 March
        Task.objects.filter(pk=task.pk).update(due_on=date(2026, 3, 6) + timedelta(days=2 * n))

    week = kept(due="week")

    assert sorted(task.due_on.day for task in week) == [10, 12, 14]  # Tuesday, Thursday, Saturday


@pytest.mark.rule("A8")
def test_a8_no_filter_and_no_status_choice_shows_a_hold_out():
    tasks_on(copies_of(placed_order(), len(EVERY_STATUS)), statuses=EVERY_STATUS)

    assert {task.status for task in kept()} == set(working.ACTIVE)  # no filter: the open list
    assert {task.status for task in kept(status="all")} == set(EVERY_STATUS) - {Task.Status.HELD_OUT}
    assert {task.status for task in kept(status="done")} == {Task.Status.SENT, Task.Status.SKIPPED}
    assert "held_out" not in dict(QueueFilterForm(staff=()).fields["status"].choices)


def test_the_assignee_choices_are_the_after_sales_staff_by_name():
    staff_member(AFTER_SALES, first_name="Jeroen")
    staff_member(AFTER_SALES_MANAGERS, first_name="Anouk")
    staff_member(EDITORS, first_name="Eva")

    choices = QueueFilterForm(staff=after_sales_staff()).fields["assignee"].choices

    assert [label for _value, label in choices] == [
        "Iedereen",
        "Ik",
        "Niemand",
        "Anouk Jansen",
        "Jeroen Jansen",
    ]


def test_without_a_page_size_a_page_holds_25():
    assert chosen()["per_page"] == 25
    assert chosen(per_page="100")["per_page"] == 100
