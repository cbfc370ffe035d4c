"""The demo shop's returns (issue 11 item 9): about 8 % of the delivered orders, written with the
returns core, dated in the past consistently with each order's delivery, so the staff screens
and the after-sales metrics (return rate, refund time) have real data."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from commerce.order import statuses
from commerce.order.emails import shop_settings
from commerce.order.models import OrderEmail
from commerce.returns import windows
from commerce.returns.models import Channel, Refund, Return, ReturnLine, State
from commerce.returns.policy import W17_MOVES, w8_legal_refund_deadline, w14_escalation_on
from demo.returns import Planner, candidates
from demo.seed import ORDER_NUMBER_PREFIX
from home.clock import amsterdam_date, amsterdam_today

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def demo_returns():
    return Return.objects.filter(order__number__startswith=ORDER_NUMBER_PREFIX)


@pytest.mark.rule("W17")
def test_about_8_percent_of_the_delivered_orders_came_back_in_every_state(demo_shop):
    orders = Order.objects.filter(number__startswith=ORDER_NUMBER_PREFIX).count()
    assert demo_returns().count() == round(0.08 * orders)
    assert Counter(demo_returns().values_list("state", flat=True)) == {
        State.CLOSED: demo_returns().count() - 9,
        State.AUTHORISED: 1,
        State.REVIEW: 1,
        State.SENT: 2,
        State.RECEIVED: 3,
        State.REJECTED: 1,
        State.CANCELLED: 1,
    }
    # Some take back only part of the order.
    partial = [
        return_request
        for return_request in demo_returns().prefetch_related("lines", "order__lines")
        if sum(line.quantity for line in return_request.lines.all())
        < sum(line.quantity for line in return_request.order.lines.all())
    ]
    assert len(partial) >= 20


@pytest.mark.rule("W7")
def test_one_return_has_a_deduction_with_its_reason(demo_shop):
    [deducted] = demo_returns().exclude(deduction=0)
    assert deducted.deduction_reason
    assert deducted.state == State.CLOSED
    assert deducted.refund.deduction == deducted.deduction
    assert (
        deducted.refund.amount
        == deducted.refund.lines_amount + deducted.refund.delivery_amount - deducted.deduction
    )
    assert not deducted.lines.filter(disposition=ReturnLine.Disposition.RESELLABLE).exists()


@pytest.mark.rule("W13", "W17")
def test_one_personalised_product_was_rejected_naming_w13_c(demo_shop):
    [rejected] = demo_returns().filter(state=State.REJECTED)
    assert rejected.channel == Channel.EMAIL  # on the web it would have been refused at once
    assert rejected.rejection_reason.startswith("W13 (c)")
    [line] = rejected.lines.all()
    assert line.order_line.product.get_product_class().withdrawal_exception == "c"
    assert line.order_line.attributes.exists()  # really personalised, not a preset variant
    assert [event.to_state for event in rejected.events.all()] == [
        State.REQUESTED,
        State.REVIEW,
        State.REJECTED,
    ]
    assert not hasattr(rejected, "refund")


@pytest.mark.rule("W15")
def test_one_return_is_an_exchange_for_the_other_colour(demo_shop):
    [exchange] = demo_returns().filter(exchange_for__isnull=False).select_related("exchange_for")
    [line] = exchange.lines.select_related("order_line__product")
    withdrawn, wanted = line.order_line.product, exchange.exchange_for
    assert withdrawn.parent_id
    assert wanted.parent_id == withdrawn.parent_id
    assert wanted.pk != withdrawn.pk
    assert wanted.stockrecords.get().price == withdrawn.stockrecords.get().price
    assert exchange.state == State.SENT
    assert exchange.tracking_code
    # The other colour goes out as an order of its own, numbered like the return.
    exchange_order = Order.objects.get(number=exchange.number)
    assert [(order_line.product, order_line.quantity) for order_line in exchange_order.lines.all()] == [
        (wanted, line.quantity)
    ]
    assert exchange_order.date_placed == exchange.notice_at
    assert not OrderEmail.objects.filter(order=exchange_order).exists()  # history: nothing mailed


@pytest.mark.rule("W8", "W14")
def test_refunds_on_time_late_and_after_the_legal_deadline(demo_shop):
    refunds = Refund.objects.filter(return_request__in=demo_returns()).select_related("return_request")
    kinds = Counter()
    for refund in refunds:
        return_request = refund.return_request
        assert refund.status == Refund.Status.SUCCEEDED
        assert refund.method == Refund.Method.BANK_TRANSFER  # demo orders have no PaymentIntent
        assert refund.bank_reference
        refunded_on = amsterdam_date(refund.refunded_at)
        if return_request.refund_goal_on is None:
            kinds["nothing came back"] += 1
        elif refunded_on <= return_request.refund_goal_on:
            kinds["within the goal"] += 1
        elif refunded_on <= return_request.legal_refund_deadline:
            kinds["late"] += 1
        else:
            kinds["after the legal deadline"] += 1
    assert kinds["late"] == 4
    assert kinds["after the legal deadline"] == 2
    assert kinds["nothing came back"] == 2  # the two services
    assert kinds["within the goal"] == refunds.count() - 8
    # Staff's lists have work: refunds due, one overdue against the goal, one escalated (W14).
    today = amsterdam_today()
    due = demo_returns().filter(state=State.RECEIVED)
    assert due.filter(refund_goal_on__lt=today).count() == 2
    assert due.filter(escalate_on__lte=today).count() == 1


@pytest.mark.rule("W1", "W2", "W3", "W8", "W17")
def test_every_return_is_dated_in_the_past_consistently_with_its_order(demo_shop):
    now = timezone.now()
    for return_request in demo_returns().select_related("order").prefetch_related("events", "lines"):
        order = return_request.order
        notice_on = amsterdam_date(return_request.notice_at)
        # W1-W3: the notice was sent after the order and inside its window, counted from delivery.
        assert order.date_placed < return_request.notice_at < now
        assert notice_on <= windows.withdrawal_ends_on(order)
        assert return_request.created_at == return_request.notice_at
        assert return_request.legal_refund_deadline == w8_legal_refund_deadline(notice_on)
        assert return_request.escalate_on == w14_escalation_on(return_request.legal_refund_deadline)
        if return_request.sent_on:
            assert notice_on <= return_request.sent_on
        if return_request.received_on:
            assert (return_request.sent_on or notice_on) < return_request.received_on <= amsterdam_today()
            assert all(line.received_at for line in return_request.lines.all() if line.quantity_to_come_back)
        # W17: events follow the allowed moves, in time order, each in the past.
        events = list(return_request.events.all())
        assert events[0].to_state == State.REQUESTED
        assert events[0].at == return_request.notice_at
        moves = [
            (event.from_state, event.to_state) for event in events[1:] if event.from_state != event.to_state
        ]
        assert all(to in W17_MOVES[from_] for from_, to in moves), return_request.number
        assert [event.at for event in events] == sorted(event.at for event in events)
        assert events[-1].at < now
        assert events[-1].to_state == return_request.state
        refund = getattr(return_request, "refund", None)
        if refund is not None:
            assert return_request.notice_at < refund.refunded_at < now
            if return_request.received_on:
                assert refund.refunded_at > min(
                    line.received_at for line in return_request.lines.all() if line.received_at
                )


@pytest.mark.rule("W17")
def test_goods_back_in_stock_once_and_lines_marked_returned(demo_shop):
    resellable = ReturnLine.objects.filter(
        return_request__in=demo_returns(), disposition=ReturnLine.Disposition.RESELLABLE
    )
    assert resellable.exists()
    assert not resellable.filter(restocked_at=None).exists()
    assert (
        not ReturnLine.objects.filter(
            return_request__in=demo_returns(), disposition=ReturnLine.Disposition.NOT_RESELLABLE
        )
        .exclude(restocked_at=None)
        .exists()
    )
    whole = [
        line for line in resellable.select_related("order_line") if line.quantity == line.order_line.quantity
    ]
    assert whole
    assert all(line.order_line.status == statuses.LINE_RETURNED for line in whole)


def test_history_is_not_mailed(demo_shop):
    """The customers were told long ago: the load sends and queues nothing."""
    assert not OrderEmail.objects.filter(order__number__startswith=ORDER_NUMBER_PREFIX).exists()


def test_the_returns_plan_is_the_same_every_time(demo_shop):
    def plan():
        planner = Planner(amsterdam_today(), list(shop_settings().closing_periods.all()))
        return [
            (plan.candidate.order.number, plan.outcome, plan.notice_at, plan.decided_at)
            for plan in planner.plan(candidates())
        ]

    first = plan()
    assert first == plan()
    stored = {
        (number, notice_at) for number, notice_at in demo_returns().values_list("order__number", "notice_at")
    }
    assert {(number, notice_at) for number, _outcome, notice_at, _decided in first} == stored
    # A whole story takes weeks: finished returns lie at least that far back.
    assert min(notice_at for _number, _outcome, notice_at, _decided in first) > timezone.now() - timedelta(
        days=560
    )
