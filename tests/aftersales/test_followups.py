"""A6, the follow-up plan at work, on a fixed clock: planned from the delivery, sent on its day
inside the shop's send window, ended by a re-order, a cancellation or a return, marketing steps
only with consent, and each step once."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.apps.catalogue.models import ProductRecommendation

from aftersales import followups, metrics
from aftersales.customers import customer_for
from aftersales.followup_plan import Kind
from aftersales.models import CustomerScore, FollowUp, FollowUpStep
from commerce.order import shipments, statuses
from commerce.order.emails import shop_settings
from home.models import ClosingPeriod
from tests.aftersales.followup_support import (
    DELIVERED_ON,
    PLACED_ON,
    Order,
    at,
    delivered_order,
    plan_of,
    shelf_product,
    subjects,
    with_consent,
)
from tests.aftersales.task_support import staff_member
from tests.commerce.fulfilment_support import paid_order
from tests.commerce.returns.staff_support import withdraw

pytestmark = [pytest.mark.django_db, pytest.mark.rule("A6")]
Status = FollowUp.Status


def test_a6_every_step_is_planned_from_the_delivery_date_not_the_order_date():
    order = delivered_order(shelf_product(lifetime_days=60))

    plan = plan_of(order)

    assert {kind: plan[kind].due_on for kind in Kind} == {
        Kind.THANK_YOU: DELIVERED_ON,
        Kind.USAGE_TIPS: DELIVERED_ON + timedelta(days=3),
        Kind.REVIEW: DELIVERED_ON + timedelta(days=10),
        Kind.CROSS_SELL: DELIVERED_ON + timedelta(days=14),
        Kind.REORDER: DELIVERED_ON + timedelta(days=60),
        # A first order has no interval of its own: twice the shop's default.
        Kind.WIN_BACK: DELIVERED_ON + timedelta(days=2 * followups.DEFAULT_INTERVAL_DAYS),
    }
    assert all(follow_up.status == Status.PLANNED for follow_up in plan.values())
    assert PLACED_ON + timedelta(days=10) != plan[Kind.REVIEW].due_on


def test_a6_an_order_gets_its_plan_when_the_last_parcel_arrives_not_before(
    django_capture_on_commit_callbacks,
):
    order = paid_order([(shelf_product(), 2)])
    lines = list(order.lines.all())
    with django_capture_on_commit_callbacks(execute=True):
        first, _invoice = shipments.dispatch(order, [(lines[0], 1)], "3SFIRST")
        shipments.record_delivery(first, date.today())
    assert not FollowUp.objects.filter(order=order).exists()  # one of two mugs still to come

    with django_capture_on_commit_callbacks(execute=True):
        second, _invoice = shipments.dispatch(order, [(lines[0], 1)], "3SSECOND")
        shipments.record_delivery(second, date.today())

    assert plan_of(order)[Kind.THANK_YOU].due_on == date.today()


def test_a6_a_step_goes_out_on_a_working_day_inside_the_send_window_only():
    order = delivered_order(shelf_product())
    shop = shop_settings()
    ClosingPeriod.objects.create(
        settings=shop, starts_on=date(2026, 3, 9), ends_on=date(2026, 3, 9), label="Inventaris"
    )

    assert followups.send_due(at(DELIVERED_ON, 8, 59)) == {}  # before nine
    assert followups.send_due(at(DELIVERED_ON, 17, 0)) == {}  # five o'clock: window closed
    assert followups.send_due(at(DELIVERED_ON, 9, 0)) == {Status.SENT: 1}
    assert subjects() == ["Is alles goed aangekomen, Sanne?"]
    # The tips are due on Sunday 8 March; Monday is a closing day; Tuesday they go.
    assert followups.send_due(at(date(2026, 3, 8))) == {}
    assert followups.send_due(at(date(2026, 3, 9))) == {}
    assert followups.send_due(at(date(2026, 3, 10))) == {Status.SENT: 1}
    assert plan_of(order)[Kind.USAGE_TIPS].sent_at == at(date(2026, 3, 10))


def test_a6_usage_tips_come_from_the_product_pages_of_the_order():
    order = delivered_order(shelf_product(tips=2))
    followups.send_due(at(DELIVERED_ON))

    followups.send_due(at(date(2026, 3, 9)))

    tips = mail.outbox[-1]
    assert tips.subject.startswith("Zo haal je het meeste uit Theepot")
    assert "Tip 0" in tips.body
    assert "Doe het zo (1)." in tips.body
    assert "afmelden" not in tips.body.lower()  # an order e-mail: no consent asked, no unsubscribe
    assert plan_of(order)[Kind.USAGE_TIPS].status == Status.SENT


def test_a6_a_product_without_usage_tips_skips_that_step_with_the_reason():
    order = delivered_order(shelf_product(tips=0))

    followups.send_due(at(date(2026, 3, 9)))

    tips = plan_of(order)[Kind.USAGE_TIPS]
    assert tips.status == Status.SKIPPED
    assert "geen gebruikstips" in tips.reason


def test_a6_no_marketing_step_without_consent():
    order = delivered_order(shelf_product())

    for day in (DELIVERED_ON, date(2026, 3, 9), date(2026, 3, 16)):
        followups.send_due(at(day))

    plan = plan_of(order)
    assert plan[Kind.THANK_YOU].status == plan[Kind.USAGE_TIPS].status == Status.SENT
    assert plan[Kind.REVIEW].status == Status.SKIPPED
    assert plan[Kind.REVIEW].reason == "geen toestemming voor marketingmail"
    assert len(mail.outbox) == 2


def test_a6_a_review_request_with_consent_links_each_product_and_can_be_unsubscribed_from():
    order = delivered_order(shelf_product())
    with_consent(order)

    followups.send_due(at(date(2026, 3, 16)))

    review = mail.outbox[-1]
    assert review.subject == "Wat vind je van Theepot?"
    product = order.lines.get().product
    assert f"/catalogue/{product.slug}_{product.pk}/reviews/add/" in review.body
    assert review.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/afmelden/" in review.body


def test_a6_the_one_click_unsubscribe_post_without_login_stops_the_next_step():
    order = delivered_order(shelf_product())
    with_consent(order)
    followups.send_due(at(date(2026, 3, 16)))  # the review request
    link = mail.outbox[-1].extra_headers["List-Unsubscribe"].split(">")[0].lstrip("<")
    path = link.split("://", 1)[1].split("/", 1)[1]

    response = Client(enforce_csrf_checks=True).post(
        "/" + path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    followups.send_due(at(date(2026, 3, 19)))  # the cross-sell's day

    assert response.status_code == 200
    cross_sell = plan_of(order)[Kind.CROSS_SELL]
    assert cross_sell.status == Status.SKIPPED
    assert cross_sell.reason == "geen toestemming voor marketingmail"
    assert subjects()[-1] == "Wat vind je van Theepot?"


def test_a6_a_cross_sell_links_recommended_products_and_counts_their_clicks():
    teapot = shelf_product()
    ProductRecommendation.objects.create(primary=teapot, recommendation=shelf_product("Theezeef"), ranking=1)
    order = delivered_order(teapot)
    with_consent(order)

    followups.send_due(at(date(2026, 3, 19)))

    body = mail.outbox[-1].body
    assert mail.outbox[-1].subject == "Dit past goed bij Theepot"
    assert "Theezeef" in body
    assert "?aanbevolen=followup" in body


def test_a6_a_re_order_ends_the_plan_of_the_earlier_order(django_capture_on_commit_callbacks):
    teapot = shelf_product()
    first = delivered_order(teapot)
    with_consent(first)

    with django_capture_on_commit_callbacks(execute=True):
        second = paid_order([(teapot, 1)])
    mail.outbox.clear()  # the new order's own e-mails
    followups.send_due(at(date(2026, 3, 16)))

    plan = plan_of(first)
    assert plan[Kind.REVIEW].status == Status.ENDED
    assert plan[Kind.REVIEW].reason == f"nieuwe bestelling {second.number}"
    assert mail.outbox == []


def test_a6_a_return_ends_the_plan(django_capture_on_commit_callbacks):
    # The withdrawal window counts from today's calendar, so this order is delivered yesterday.
    yesterday = date.today() - timedelta(days=1)
    order = delivered_order(shelf_product(), placed_on=yesterday - timedelta(days=2), delivered_on=yesterday)
    with_consent(order)

    with django_capture_on_commit_callbacks(execute=True):
        withdraw(order)

    plan = plan_of(order)
    assert {plan[kind].status for kind in Kind if kind != Kind.REORDER} == {Status.ENDED}
    assert plan[Kind.THANK_YOU].reason == "retour aangevraagd"


def test_a6_a_cancelled_order_gets_no_plan():
    order = paid_order([(shelf_product(), 1)])
    order.set_status(statuses.CANCELLED)

    assert followups.plan(order) == []


def test_a6_a_step_that_could_not_go_out_in_time_is_skipped_not_sent_weeks_late():
    order = delivered_order(shelf_product())

    followups.send_due(at(date(2026, 3, 30)))  # the worker was down for three weeks

    plan = plan_of(order)
    assert plan[Kind.THANK_YOU].status == Status.SKIPPED
    assert plan[Kind.THANK_YOU].reason.startswith("te laat")
    assert mail.outbox == []


def test_a6_steps_per_segment_and_first_or_repeat_order():
    teapot = shelf_product()
    first = delivered_order(teapot, placed_on=date(2026, 1, 5), delivered_on=date(2026, 1, 7))
    repeat = delivered_order(teapot)
    CustomerScore.objects.create(customer=customer_for(repeat), segment="champions", scored_on=DELIVERED_ON)
    FollowUp.objects.filter(order=repeat).delete()
    followups.plan(repeat)

    assert plan_of(first)[Kind.THANK_YOU].step.applies_to == "first"
    plan = plan_of(repeat)
    assert plan[Kind.THANK_YOU].step.applies_to == "repeat"
    assert plan[Kind.CROSS_SELL].step.segments == ["champions", "loyal"]
    # Two orders 56 days apart: the win-back comes twice that after the delivery.
    assert plan[Kind.WIN_BACK].due_on == DELIVERED_ON + timedelta(days=2 * 56)


def test_a6_a_step_switched_off_for_a_segment_is_skipped_with_the_reason():
    FollowUpStep.objects.create(
        kind=Kind.REVIEW,
        segments=["new"],
        active=False,
        subject_nl="-",
        body_nl="-",
        subject_en="-",
        body_en="-",
    )

    plan = plan_of(delivered_order(shelf_product()))

    assert plan[Kind.REVIEW].status == Status.SKIPPED
    assert "Nieuwe klanten" in plan[Kind.REVIEW].reason
    assert plan[Kind.CROSS_SELL].status == Status.PLANNED


def test_a6_a_product_without_a_lifetime_gets_no_reorder_nudge():
    plan = plan_of(delivered_order(shelf_product()))

    assert plan[Kind.REORDER].status == Status.SKIPPED
    assert plan[Kind.REORDER].due_on is None


def test_a6_planning_twice_and_sending_twice_send_each_step_once():
    order = delivered_order(shelf_product())
    followups.plan(order)

    followups.send_due(at(DELIVERED_ON))
    followups.send_due(at(DELIVERED_ON, 11))

    assert FollowUp.objects.filter(order=order).count() == len(Kind)
    assert len(mail.outbox) == 1


def test_a6_a_worker_that_died_while_sending_is_settled_without_a_second_mail():
    order = delivered_order(shelf_product())
    plan = plan_of(order)
    FollowUp.objects.filter(pk=plan[Kind.THANK_YOU].pk).update(
        status=Status.SENDING, claimed_at=at(DELIVERED_ON, 9)
    )

    followups.send_due(at(DELIVERED_ON, 10))

    thank_you = plan_of(order)[Kind.THANK_YOU]
    assert thank_you.status == Status.SKIPPED
    assert "onderbroken" in thank_you.reason
    assert mail.outbox == []


def test_a6_the_english_customer_gets_the_english_text():
    delivered_order(shelf_product(), language="en")

    followups.send_due(at(DELIVERED_ON))

    assert subjects() == ["Did everything arrive safely, Sanne?"]


def test_a6_send_follow_ups_command_plans_what_is_missing_and_reports(capsys):
    order = delivered_order(shelf_product())
    FollowUp.objects.filter(order=order).delete()
    order.date_placed = timezone.now()
    order.save()

    call_command("send_follow_ups")

    assert FollowUp.objects.filter(order=order).count() == len(Kind)
    assert "Plans made: 1" in capsys.readouterr().out


@pytest.mark.rule("A8")
def test_a8_the_dashboard_counts_follow_ups_sent_and_those_followed_by_an_order_within_14_days():
    teapot = shelf_product()
    delivered_order(teapot, email="sanne@example.test")
    delivered_order(teapot, email="piet@example.test")
    followups.send_due(at(DELIVERED_ON))  # both thank-yous
    soon = paid_order([(teapot, 1)], email="Sanne@Example.test")  # the address in another case
    late = paid_order([(teapot, 1)], email="piet@example.test")
    Order.objects.filter(pk=soon.pk).update(date_placed=at(DELIVERED_ON + timedelta(days=7)))
    Order.objects.filter(pk=late.pk).update(date_placed=at(DELIVERED_ON + timedelta(days=15)))

    counted = metrics.follow_ups(metrics.Period(date(2026, 3, 1), date(2026, 3, 31)))

    assert counted == {
        "sent": 2,
        "ordered_within_14_days": 1,
        "kinds": [{"kind": "thank_you", "sent": 2, "ordered": 1}],
    }


def test_a6_staff_see_per_customer_which_steps_are_planned_sent_or_skipped_and_why(client):
    order = delivered_order(shelf_product(tips=0))
    followups.send_due(at(date(2026, 3, 9)))  # thank-you too late by now, tips: none on the page
    client.force_login(staff_member())

    text = client.get(reverse("aftersales:customer", args=[customer_for(order).pk])).content.decode()

    assert 'id="panel-follow-ups' in text or 'id="follow-ups' in text
    assert "Gebruikstips (dag 3)" in text
    assert "geen gebruikstips op de productpagina&#x27;s van deze bestelling" in text
    assert "te laat: had uiterlijk 07-03-2026 verstuurd moeten zijn" in text
    assert "15 maart 2026" in text  # the review request, still planned
    assert "gepland" in text
