"""The demo shop's after-sales history (issue 12 item 9): every demo order's thank-you as the
owner's default rules decide it (A1, A2, A8's hold-out), most sent on time, some late, some
skipped, the latest still in the queue; a few questions (A7), notes and key accounts."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count

from aftersales import deciding
from aftersales.models import Answer, Customer, CustomerNote, Question, Task, TierChoice
from aftersales.working import ACTIVE, APPROVE_PERMISSION, budget_of
from demo.aftersales import all_facts, placed_orders
from demo.customers import plan_customers
from home.clock import amsterdam_date, amsterdam_today

pytestmark = pytest.mark.django_db

Status = Task.Status


def thank_yous():
    return Task.objects.filter(kind=Task.Kind.THANK_YOU)


def decided(task):
    """What decide() settles about a task; the status only as far as staff cannot change it."""
    return task.tier, task.budget, task.due_on, task.status == Status.HELD_OUT


def sample_customers() -> list[Customer]:
    """Customers of every kind: key accounts, hold-outs, the most loyal, one-time buyers, and
    the buyers of the largest orders."""
    by_tasks = Customer.objects.annotate(tasks_count=Count("tasks")).order_by("-tasks_count", "pk")
    big = Task.objects.filter(order__total_incl_tax__gte=Decimal("10000")).values("customer_id")
    chosen = [
        *Customer.objects.filter(key_account=True),
        *Customer.objects.filter(in_holdout=True).order_by("pk")[:5],
        *by_tasks[:4],
        *by_tasks.filter(tasks_count=1)[:5],
        *Customer.objects.filter(pk__in=big),
    ]
    return list({customer.pk: customer for customer in chosen}.values())


@pytest.mark.rule("A1", "A2", "A8")
def test_a1_every_sampled_demo_order_has_the_thank_you_decide_gives_it(demo_shop):
    """The demo decides in bulk; decide() order by order must come to the same tasks."""
    customers = sample_customers()
    assert len(customers) >= 15
    loaded = {task.order_id: decided(task) for task in thank_yous().filter(customer__in=customers)}
    placed = placed_orders([customer.email for customer in customers])
    thank_yous().filter(customer__in=customers).delete()
    Customer.objects.filter(pk__in=[customer.pk for customer in customers]).update(in_holdout=None)

    again = {}
    for row in placed:  # oldest first, as the orders came in
        task = deciding.decide(row.order.pk)
        if task is not None:
            again[row.order.pk] = decided(task)

    assert again == loaded
    assert {held_out for *_rest, held_out in again.values()} == {True, False}


def test_the_bulk_facts_are_decides_facts(demo_shop):
    customers = sample_customers()
    placed = placed_orders([customer.email for customer in customers])
    by_email = {customer.email: customer for customer in Customer.objects.all()}

    bulk = all_facts(placed, by_email)

    assert {row.order.pk: deciding.facts_for(row.order, by_email[row.email]) for row in placed} == bulk


@pytest.mark.rule("A2", "A3")
def test_a2_most_thank_yous_were_sent_on_time_some_late_some_skipped_the_latest_in_the_queue(demo_shop):
    tasks = list(thank_yous().select_related("order"))
    sent = [task for task in tasks if task.status == Status.SENT]
    on_time = [task for task in sent if task.sent_on <= task.due_on]
    late = [task for task in sent if task.sent_on > task.due_on]
    skipped = [task for task in tasks if task.status == Status.SKIPPED]
    queue = [task for task in tasks if task.status in ACTIVE]

    assert len(on_time) > 0.75 * len(tasks)
    assert 0.04 * len(tasks) < len(late) < 0.15 * len(tasks)
    assert 0.02 * len(tasks) < len(skipped) < 0.1 * len(tasks)
    assert all(task.skip_reason for task in skipped)
    assert all(amsterdam_date(task.order.date_placed) <= task.sent_on <= amsterdam_today() for task in sent)
    # The queue has work of each kind, in each state.
    assert {task.tier for task in queue} >= {TierChoice.CARD, TierChoice.SMALL_GIFT, TierChoice.PERSONAL_GIFT}
    assert {task.status for task in queue} == set(ACTIVE)
    assert all(
        task.assignee for task in queue if task.status in (Status.CLAIMED, Status.STARTED, Status.PRINTED)
    )
    assert Counter(task.tier for task in tasks)[TierChoice.NOTE] >= 1  # a 10th order


@pytest.mark.rule("A3")
def test_a3_what_was_sent_and_its_cost_stay_within_the_budget_and_gifts_were_approved(demo_shop):
    sent = thank_yous().filter(status=Status.SENT).select_related("approved_by", "assignee")
    managers = {user for user in get_user_model().objects.all() if user.has_perm(APPROVE_PERMISSION)}

    for task in sent:
        assert task.sent_what
        assert task.assignee is not None
        assert Decimal("0") < task.cost
        if task.tier == TierChoice.CARD:
            assert task.cost == Decimal("1.50")
            assert task.printed_at is not None
        if task.tier in (TierChoice.SMALL_GIFT, TierChoice.PERSONAL_GIFT):
            assert task.cost <= budget_of(task)
        if task.tier == TierChoice.PERSONAL_GIFT:
            assert task.approved_by in managers
            assert task.approved_budget <= task.budget
    assert sent.filter(tier=TierChoice.PERSONAL_GIFT).exists()
    assert thank_yous().filter(status=Status.AWAITING_APPROVAL, approved_by__isnull=True).exists()


@pytest.mark.rule("A8")
def test_a8_the_hold_out_has_no_thank_you_for_its_first_order_and_staff_never_see_it(demo_shop):
    held_out = list(thank_yous().filter(status=Status.HELD_OUT).select_related("customer", "order"))
    decided_customers = Customer.objects.filter(in_holdout__isnull=False).count()  # at a first thank-you

    assert 0.05 * decided_customers < len(held_out) < 0.2 * decided_customers
    for task in held_out:
        assert task.customer.in_holdout is True
        first = task.customer.tasks.filter(kind=Task.Kind.THANK_YOU).order_by("order__date_placed").first()
        assert first == task  # only the first order is held out (later ones follow the rules)
        # Nobody worked on it: it never was in the queue.
        assert (task.assignee, task.claimed_at, task.printed_at, task.sent_on, task.cost) == (None,) * 5
    assert not Customer.objects.filter(in_holdout=True).exclude(tasks__status=Status.HELD_OUT).exists()


@pytest.mark.rule("A7")
def test_a7_a_few_questions_are_open_and_older_ones_were_answered_on_time(demo_shop):
    asked = Task.objects.filter(kind=Task.Kind.QUESTION).select_related("question")
    open_ = [task for task in asked if task.status in ACTIVE]
    answered = [task for task in asked if task.status == Status.SENT]

    assert len(open_) >= 3
    assert any(task.assignee for task in open_)  # one is being looked into
    assert any(task.due_on < amsterdam_today() for task in open_)  # and one waits too long
    assert all(task.created_at.date() >= amsterdam_today() - timedelta(days=7) for task in open_)
    assert len(answered) >= 3
    for task in answered:
        assert Answer.objects.filter(question=task.question).exists()
        assert task.sent_on <= task.due_on
    channels = set(Question.objects.values_list("channel", flat=True))
    assert channels == {"email", "phone", "whatsapp"}
    assert all(question.phone for question in Question.objects.exclude(channel="email"))


def test_staff_kept_notes_and_two_business_customers_are_key_accounts(demo_shop):
    business = {plan.email for plan in plan_customers() if plan.is_business}
    key_accounts = set(Customer.objects.filter(key_account=True).values_list("email", flat=True))

    assert len(key_accounts) == 2
    assert key_accounts <= business
    # A1: a key account earns a personal gift.
    assert not thank_yous().filter(customer__key_account=True).exclude(tier=TierChoice.PERSONAL_GIFT).exists()
    assert CustomerNote.objects.count() >= 3
    assert CustomerNote.objects.filter(customer__key_account=True).exists()


def test_the_load_prints_the_after_sales_outcome(demo_shop):
    assert "After-sales" in demo_shop.output
    assert "sent on time" in demo_shop.output
    assert "held out (A8)" in demo_shop.output
