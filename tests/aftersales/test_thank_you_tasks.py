"""A placed order gets its thank-you task decided by the owner's rules (A1), due before the
invoice (A2), or none for a hold-out customer's first order (A8)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from aftersales import deciding
from aftersales.models import Customer, Task, TierChoice, TierRule
from commerce.order.emails import shop_settings
from home.models import ClosingPeriod
from tests.commerce.fulfilment_support import paid_order
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lamp():
    return ProductFactory(title="Bureaulamp", price=Decimal("30.00"), num_in_stock=1000)


@pytest.fixture
def place(django_capture_on_commit_callbacks, lamp):
    """Place a paid order the way checkout does; the order_placed receiver queues the decision."""

    def place(quantity=1, email="sanne@example.test"):
        with django_capture_on_commit_callbacks(execute=True):
            return paid_order([(lamp, quantity)], email=email)

    return place


def task_of(order):
    return Task.objects.filter(order=order).first()


@pytest.mark.rule("A1")
def test_a1_a_first_order_gets_a_card_task_when_placed(place, settings):
    settings.WINKELIER_HOLDOUT_SHARE = Decimal("0")
    order = place()

    task = task_of(order)
    assert task.tier == TierChoice.CARD
    assert task.status == Task.Status.OPEN
    assert task.customer.email == "sanne@example.test"
    assert task.customer.in_holdout is False


@pytest.mark.rule("A1")
def test_a1_the_placement_task_twice_leaves_one_task(place, settings):
    settings.WINKELIER_HOLDOUT_SHARE = Decimal("0")
    order = place()

    again = deciding.decide(order.pk)

    assert Task.objects.filter(order=order).count() == 1
    assert again == task_of(order)


@pytest.mark.rule("A1")
def test_a1_the_tenth_order_gets_a_note_and_the_ones_between_nothing(place, settings):
    settings.WINKELIER_HOLDOUT_SHARE = Decimal("0")
    orders = [place() for _ in range(10)]

    assert task_of(orders[0]).tier == TierChoice.CARD
    assert all(task_of(order) is None for order in orders[1:9])
    assert task_of(orders[9]).tier == TierChoice.NOTE


@pytest.mark.rule("A1")
def test_a1_a_years_spend_of_500_earns_a_small_gift_with_its_budget(place, settings):
    settings.WINKELIER_HOLDOUT_SHARE = Decimal("0")
    place(quantity=10)  # € 300 plus delivery
    order = place(quantity=8)  # € 240: the year's spend passes € 500

    task = task_of(order)
    assert task.tier == TierChoice.SMALL_GIFT
    assert task.budget == Decimal("15.00")


@pytest.mark.rule("A1")
def test_a1_a_key_account_gets_a_personal_gift_waiting_for_a_manager(place, settings):
    settings.WINKELIER_HOLDOUT_SHARE = Decimal("0")
    Customer.objects.create(email="inkoop@bedrijf.test", key_account=True)

    task = task_of(place(email="inkoop@bedrijf.test"))

    assert task.tier == TierChoice.PERSONAL_GIFT
    assert task.status == Task.Status.AWAITING_APPROVAL
    assert task.budget == Decimal("100.00")


@pytest.mark.rule("A1")
def test_a1_the_owner_switching_a_rule_off_changes_the_next_decision(place, settings):
    settings.WINKELIER_HOLDOUT_SHARE = Decimal("0")
    TierRule.objects.filter(condition="first_order").update(active=False)

    assert task_of(place()) is None


@pytest.mark.rule("A8")
def test_a8_a_hold_out_customers_first_order_gets_no_task_staff_would_see(place, settings):
    settings.WINKELIER_HOLDOUT_SHARE = Decimal("1")
    first = place()

    task = task_of(first)
    assert task.status == Task.Status.HELD_OUT
    assert task.customer.in_holdout is True
    assert not Task.objects.exclude(status=Task.Status.HELD_OUT).exists()


@pytest.mark.rule("A2", "N4")
def test_a2_an_order_of_23_december_is_due_after_the_christmas_closure(place, settings):
    settings.WINKELIER_HOLDOUT_SHARE = Decimal("0")
    ClosingPeriod.objects.create(
        settings=shop_settings(), label="Kerst", starts_on=date(2026, 12, 24), ends_on=date(2027, 1, 1)
    )
    order = paid_order([(ProductFactory(price=Decimal("10.00")), 1)])
    type(order).objects.filter(pk=order.pk).update(date_placed=datetime(2026, 12, 23, 14, 0, tzinfo=UTC))

    task = deciding.decide(order.pk)

    assert task.due_on == date(2027, 1, 4)  # 2 and 3 January are a weekend
    assert task.due_on > timezone.localdate(datetime(2026, 12, 23, tzinfo=UTC))
