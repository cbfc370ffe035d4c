"""What staff do with a task (A3): each change checked and written at once, refused with a
message that says why, and nothing written on refusal."""

from datetime import timedelta
from decimal import Decimal

import pytest

from aftersales import working
from aftersales.models import Task, TierChoice
from aftersales.working import TaskRefused
from home.clock import amsterdam_today
from home.staff_groups import AFTER_SALES_MANAGERS
from tests.aftersales.task_support import staff_member, thank_you_task

pytestmark = pytest.mark.django_db
Status = Task.Status


@pytest.fixture
def anouk():
    return staff_member(first_name="Anouk")


@pytest.fixture
def pieter():
    return staff_member(first_name="Pieter")


@pytest.fixture
def manager():
    return staff_member(AFTER_SALES_MANAGERS, "Marieke")


def reread(task):
    return Task.objects.get(pk=task.pk)


@pytest.mark.rule("A3")
def test_a3_claiming_makes_the_task_mine_and_a_second_claim_is_told_who_has_it(anouk, pieter):
    task = thank_you_task()

    working.claim(task.pk, anouk)
    working.claim(task.pk, anouk)  # again: still mine, no error
    with pytest.raises(TaskRefused, match="Anouk Jansen heeft deze taak al opgepakt"):
        working.claim(task.pk, pieter)

    task = reread(task)
    assert (task.assignee, task.status) == (anouk, Status.CLAIMED)
    assert task.claimed_at is not None


@pytest.mark.rule("A3")
def test_a3_unassigning_gives_the_task_back_but_only_by_its_owner_or_a_manager(anouk, pieter, manager):
    task = thank_you_task()
    working.start(task.pk, anouk)

    with pytest.raises(TaskRefused, match="Alleen Anouk Jansen of een manager"):
        working.unassign(task.pk, pieter)
    assert reread(task).assignee == anouk

    working.unassign(task.pk, manager)
    task = reread(task)
    assert (task.assignee, task.status) == (None, Status.OPEN)


@pytest.mark.rule("A3")
def test_a3_marking_sent_records_what_and_its_cost_and_the_task_leaves_the_open_list(anouk):
    task = thank_you_task()

    working.mark_sent(task.pk, anouk, "Kaartje met handgeschreven groet", Decimal("1.45"))

    task = reread(task)
    assert task.status == Status.SENT
    assert task.status not in working.ACTIVE
    assert (task.sent_what, task.cost, task.sent_on) == (
        "Kaartje met handgeschreven groet",
        Decimal("1.45"),
        amsterdam_today(),
    )
    assert task.assignee == anouk


@pytest.mark.rule("A3")
@pytest.mark.parametrize(
    ("what", "cost", "message"), [("", Decimal("1"), "Vul in wat"), ("Kaart", Decimal("-1"), "Vul de kosten")]
)
def test_a3_marking_sent_without_what_or_with_a_negative_cost_is_refused(anouk, what, cost, message):
    task = thank_you_task()

    with pytest.raises(TaskRefused, match=message):
        working.mark_sent(task.pk, anouk, what, cost)

    assert reread(task).status == Status.OPEN


@pytest.mark.rule("A3")
def test_a3_a_gift_may_not_cost_more_than_its_budget(anouk):
    task = thank_you_task(tier=TierChoice.SMALL_GIFT, budget=Decimal("15.00"))

    with pytest.raises(TaskRefused, match="meer dan het budget van € 15.00"):
        working.mark_sent(task.pk, anouk, "Bonbons", Decimal("15.01"))
    working.mark_sent(task.pk, anouk, "Bonbons", Decimal("15.00"))

    assert reread(task).status == Status.SENT


@pytest.mark.rule("A3")
def test_a3_skipping_needs_a_reason(anouk):
    task = thank_you_task()

    with pytest.raises(TaskRefused, match="Geef een reden"):
        working.skip(task.pk, anouk, "  ")
    working.skip(task.pk, anouk, "Klant wil geen post")

    task = reread(task)
    assert (task.status, task.skip_reason) == (Status.SKIPPED, "Klant wil geen post")


@pytest.mark.rule("A1", "A3")
def test_a1_a_personal_gift_waits_for_a_manager_who_approves_within_its_budget(anouk, manager):
    task = thank_you_task(
        tier=TierChoice.PERSONAL_GIFT, status=Status.AWAITING_APPROVAL, budget=Decimal("100.00")
    )

    with pytest.raises(TaskRefused, match="wacht nog op het akkoord"):
        working.claim(task.pk, anouk)
    with pytest.raises(TaskRefused, match="Alleen een manager"):
        working.approve(task.pk, anouk, Decimal("50"))
    with pytest.raises(TaskRefused, match="hoogstens € 100.00"):
        working.approve(task.pk, manager, Decimal("100.01"))
    working.approve(task.pk, manager, Decimal("60.00"))

    task = reread(task)
    assert (task.status, task.approved_by, task.approved_budget) == (Status.OPEN, manager, Decimal("60.00"))
    with pytest.raises(TaskRefused, match="meer dan het budget van € 60.00"):
        working.mark_sent(task.pk, anouk, "Boek over Utrecht", Decimal("75.00"))


@pytest.mark.rule("A3")
def test_a3_printing_marks_mine_and_free_tasks_printed_and_leaves_out_anothers(anouk, pieter):
    free, mine, theirs, done = (thank_you_task(email=f"klant{n}@example.test") for n in range(4))
    working.claim(mine.pk, anouk)
    working.claim(theirs.pk, pieter)
    working.mark_sent(done.pk, pieter, "Kaartje", Decimal("1"))

    printed, refused = working.mark_printed([free.pk, mine.pk, theirs.pk, done.pk], anouk)

    assert {task.pk for task in printed} == {free.pk, mine.pk}
    assert all(
        reread(task).status == Status.PRINTED and reread(task).assignee == anouk for task in (free, mine)
    )
    assert len(refused) == 2
    assert "Pieter Jansen heeft deze taak al opgepakt" in " ".join(refused)
    assert reread(theirs).status == Status.CLAIMED


@pytest.mark.rule("A3")
def test_a3_a_printed_card_given_back_stays_printed_but_not_yet_sent(anouk):
    task = thank_you_task()
    working.mark_printed([task.pk], anouk)

    working.unassign(task.pk, anouk)

    assert (reread(task).status, reread(task).assignee) == (Status.PRINTED, None)


@pytest.mark.rule("A2")
def test_a2_a_task_still_waiting_after_its_due_day_is_overdue():
    today = amsterdam_today()
    late = thank_you_task(due_on=today - timedelta(days=1))

    assert working.is_overdue(late, today)
    assert not working.is_overdue(thank_you_task(due_on=today, email="b@example.test"), today)
    late.status = Status.SENT
    assert not working.is_overdue(late, today)
