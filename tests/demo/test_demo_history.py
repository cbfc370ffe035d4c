"""The demo shop's after-sales history (issue 13 item 6): segments recomputed week by week over the
18 months of orders (A5), marketing consent of part of the customers (A6), and a card effect the
dashboard's lift can show (A8), and every delivered order's follow-up plan with what became of
each step (A6)."""

from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from django.db.models import Max, Min

from aftersales import lift, metrics
from aftersales.followup_plan import Kind
from aftersales.models import Consent, Customer, FollowUp, SegmentChange
from demo.customers import NEWEST_ORDER_DAYS_AGO, plan_customers
from demo.orders import plan_orders
from demo.repeats import shape_repeats
from demo.segments import history_days
from home.clock import amsterdam_date, amsterdam_today

pytestmark = pytest.mark.django_db


def firsts_and_repeats(plans) -> tuple[dict[str, tuple], dict[str, bool]]:
    """Per customer: their first order (day, hour, minute) and whether they ordered again
    within 90 days of it."""
    days = defaultdict(list)
    for plan in plans:
        days[plan.email].append(plan)
    firsts = {email: (own[0].days_ago, own[0].hour, own[0].minute) for email, own in days.items()}
    soon = {
        email: any(first.days_ago - plan.days_ago <= metrics.REPEAT_DAYS for plan in later)
        for email, (first, *later) in days.items()
    }
    return firsts, soon


@pytest.mark.rule("A8")
def test_a8_the_demo_hold_out_orders_again_within_90_days_less_often_and_first_orders_stay_put():
    plans = plan_orders(plan_customers())
    emails = sorted({plan.email for plan in plans})
    held_out = set(emails[::10])

    shaped = shape_repeats(plans, held_out)

    firsts, _soon = firsts_and_repeats(plans)
    shaped_firsts, soon = firsts_and_repeats(shaped)
    assert shaped_firsts == firsts  # the order of first orders, and so the hold-out, is kept
    assert [plan.number for plan in shaped] == [plan.number for plan in plans]  # renumbered in turn
    assert sorted(plan.items for plan in shaped) == sorted(plan.items for plan in plans)
    assert all(NEWEST_ORDER_DAYS_AGO <= plan.days_ago <= firsts[plan.email][0] for plan in shaped)

    def rate(group):
        return sum(soon[email] for email in group) / len(group)

    card = [email for email in emails if email not in held_out]
    assert rate(card) > rate(held_out) + 0.1
    assert shape_repeats(plans, held_out) == shaped  # deterministic


def test_the_segment_history_is_computed_once_a_week_up_to_today_after_the_last_day_scored():
    first, today = date(2026, 1, 1), date(2026, 1, 20)

    assert history_days(first, today, None) == [date(2026, 1, 1), date(2026, 1, 8), date(2026, 1, 15), today]
    assert history_days(first, today, date(2026, 1, 8)) == [date(2026, 1, 15), today]
    assert history_days(first, today, today) == []


@pytest.mark.rule("A5")
def test_a5_the_demo_segment_history_spans_more_than_a_year_and_shows_customers_moving(demo_shop):
    span = SegmentChange.objects.aggregate(first=Min("changed_on"), last=Max("changed_on"))
    segments = set(SegmentChange.objects.values_list("to_segment", flat=True))
    moves = SegmentChange.objects.exclude(from_segment="")

    assert span["last"] - span["first"] > timedelta(days=365)
    assert len(segments) >= 5
    assert moves.count() > Customer.objects.count()  # customers change segment, most more than once
    # Nobody has a segment before they were a customer (a buyer, or a subscriber).
    for customer in Customer.objects.annotate(first=Min("segment_changes__changed_on")):
        known_on = amsterdam_date(customer.created_at)
        assert known_on <= customer.first < known_on + timedelta(days=7)
    assert "Segment history" in demo_shop.output
    assert "weeks scored" in demo_shop.output


@pytest.mark.rule("A6")
def test_a6_about_40_percent_of_the_demo_customers_gave_marketing_consent_and_a_few_withdrew(demo_shop):
    customers = Customer.objects.count()
    gave = Customer.objects.filter(consents__given=True).distinct()
    withdrawn = Customer.objects.filter(consents__given=False).distinct()
    sources = set(Consent.objects.filter(given=True).values_list("source", flat=True))

    assert 0.3 * customers <= gave.count() <= 0.5 * customers
    assert sources == {Consent.Source.CHECKOUT, Consent.Source.ACCOUNT, Consent.Source.NEWSLETTER}
    assert 3 <= withdrawn.count() < 0.2 * gave.count()
    assert not withdrawn.filter(marketing_consent=True).exists()
    assert set(Consent.objects.filter(given=False).values_list("source", flat=True)) == {"unsubscribe_link"}
    assert gave.filter(marketing_consent=True).count() == gave.count() - withdrawn.count()
    # The checkout's box was ticked with the first order.
    for statement in Consent.objects.filter(source=Consent.Source.CHECKOUT).select_related("customer"):
        assert timedelta(0) < statement.customer.created_at - statement.at <= timedelta(minutes=5)
    assert all(statement.at.date() < amsterdam_today() for statement in Consent.objects.all())


@pytest.mark.rule("A8")
def test_a8_in_the_demo_the_card_group_orders_again_within_90_days_more_often_than_the_hold_out(demo_shop):
    today = amsterdam_today()
    history = metrics.Period(today - timedelta(days=600), today)

    card, holdout = metrics.first_orders(history, today)["lift"].values()
    result = lift.a8_lift(lift.Group(*card), lift.Group(*holdout))

    (card_customers, card_repeated), (holdout_customers, _repeated) = card, holdout
    assert holdout_customers >= 20
    assert 0.25 < card_repeated / card_customers < 0.4
    assert result.difference is not None
    assert result.difference > 0.08  # card rate minus hold-out rate (about 0.15 as planned)


@pytest.mark.rule("A6")
def test_a6_the_demo_orders_have_follow_up_plans_counted_from_delivery_with_what_became_of_each_step(
    demo_shop,
):
    follow_ups = FollowUp.objects.select_related("order", "step")
    statuses = Counter(follow_ups.values_list("status", flat=True))
    assert statuses[FollowUp.Status.SENT] > 1000
    assert statuses[FollowUp.Status.ENDED] > 500  # re-orders and withdrawals end plans
    assert statuses[FollowUp.Status.PLANNED] > 0  # the most recent orders' steps are still ahead
    sent_kinds = set(follow_ups.filter(status=FollowUp.Status.SENT).values_list("kind", flat=True))
    assert sent_kinds == set(Kind)
    # A marketing step went only to a customer who had consented by then.
    for follow_up in follow_ups.filter(status=FollowUp.Status.SENT, step__marketing=True)[:200]:
        given = Consent.objects.filter(customer=follow_up.customer_id, at__lte=follow_up.sent_at).first()
        assert given is not None, follow_up
        assert given.given, follow_up
    # The day-10 review request is counted from the last parcel's delivery, not from the order.
    review = follow_ups.filter(kind=Kind.REVIEW, status=FollowUp.Status.SENT).first()
    delivered = review.order.shipping_events.aggregate(last=Max("delivered_on"))["last"]
    assert review.due_on == delivered + timedelta(days=10)
