"""The withdrawal rules of commerce/returns/policy.py, without the database: the window (W1-W3, W5),
line eligibility (W13), the refund amount (W7-W11) and its deadlines (W8, W10, W14)."""

import itertools
from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commerce.returns import policy


@pytest.mark.rule("W1")
def test_w1_the_window_is_14_days_unless_the_shop_gives_more():
    assert policy.window_days(None) == 14
    assert policy.window_days(SimpleNamespace(return_window_days=30)) == 30


@pytest.mark.rule("W1")
def test_w1_a_window_below_the_law_is_raised_to_14_days():
    assert policy.window_days(SimpleNamespace(return_window_days=7)) == 14


@pytest.mark.rule("W2")
def test_w2_goods_count_from_the_day_after_the_last_delivery():
    starts_on = policy.window_starts_on(
        date(2026, 3, 30), ships_goods=True, last_delivered_on=date(2026, 4, 1)
    )

    assert starts_on == date(2026, 4, 2)
    assert policy.window_ends_on(starts_on) == date(2026, 4, 15)


@pytest.mark.rule("W2")
def test_w2_no_window_while_a_parcel_is_on_its_way():
    starts_on = policy.window_starts_on(date(2026, 3, 30), ships_goods=True, last_delivered_on=None)

    assert starts_on is None
    assert policy.window_ends_on(starts_on) is None


@pytest.mark.rule("W2")
def test_w2_services_count_from_the_day_after_the_order():
    assert policy.window_starts_on(date(2026, 4, 1), ships_goods=False, last_delivered_on=None) == date(
        2026, 4, 2
    )


@pytest.mark.rule("W2")
def test_w2_a_longer_window_ends_later():
    assert policy.window_ends_on(date(2026, 4, 2), days=30) == date(2026, 5, 1)


# --- W5, W1/W3: how long, and when a notice counts ---------------------------------------------


@pytest.mark.rule("W5")
def test_w5_without_the_policy_in_the_confirmation_the_window_runs_12_months_longer():
    ends_on = date(2026, 4, 15)

    assert policy.w5_window_ends_on(ends_on, policy_was_given=True) == ends_on
    assert policy.w5_window_ends_on(ends_on, policy_was_given=False) == date(2027, 4, 15)


@pytest.mark.rule("W5")
def test_w5_the_extension_waits_like_the_window_while_goods_are_on_their_way():
    assert policy.w5_window_ends_on(None, policy_was_given=False) is None


def amsterdam(*args):
    return datetime(*args, tzinfo=policy.AMSTERDAM)


PLACED = amsterdam(2026, 3, 30, 20, 0)


@pytest.mark.rule("W1", "W3")
@pytest.mark.parametrize(
    ("sent_at", "in_time"),
    [
        (amsterdam(2026, 3, 30, 20, 5), True),  # right after ordering, before delivery
        (amsterdam(2026, 4, 15, 23, 59, 59), True),  # the last second of the last day
        (datetime(2026, 4, 15, 22, 30, tzinfo=UTC), False),  # 00:30 on 16 April in Amsterdam
        (amsterdam(2026, 4, 16, 0, 0), False),
    ],
)
def test_w3_a_notice_counts_when_sent_before_the_last_day_ends_in_amsterdam(sent_at, in_time):
    assert policy.w3_notice_in_time(sent_at, PLACED, ends_on=date(2026, 4, 15)) is in_time


@pytest.mark.rule("W1")
def test_w1_withdrawing_is_possible_before_the_goods_arrive_but_not_before_ordering():
    assert policy.w3_notice_in_time(amsterdam(2026, 3, 31, 9, 0), PLACED, ends_on=None)
    assert not policy.w3_notice_in_time(amsterdam(2026, 3, 30, 19, 0), PLACED, ends_on=None)


# --- W13: line eligibility --------------------------------------------------------------------

E = policy.Eligibility


@pytest.mark.rule("W13")
@pytest.mark.parametrize(
    ("exception", "answers", "expected"),
    [
        ("", {}, E.ACCEPTED),
        ("e", {"seal_broken": False}, E.ACCEPTED),
        ("e", {"seal_broken": True}, E.REVIEW),
        ("i", {"seal_broken": None}, E.REVIEW),  # not answered: staff look, nobody is refused
        ("c", {"personalised": False}, E.ACCEPTED),  # a preset variant is no personalisation
        ("c", {"personalised": True}, E.REFUSED),
        ("a", {"performed_with_consent": False}, E.ACCEPTED),
        ("a", {"performed_with_consent": True}, E.REFUSED),
        ("m", {"performed_with_consent": True}, E.REFUSED),
        ("d", {}, E.REFUSED),
    ],
)
def test_w13_an_exception_applies_only_as_the_law_says(exception, answers, expected):
    assert policy.w13_line_eligibility(exception, **answers) == expected


# --- W7-W11: the amount ------------------------------------------------------------------------

PAID = Decimal("104.90")  # two lines of 49.95 and standard delivery of 4.95 (5.00 express surplus aside)


def refund(lines, **facts):
    facts = {"standard_delivery": Decimal("4.95"), "whole_order_withdrawn": False, "paid_total": PAID} | facts
    return policy.w8_refund_amount(Decimal(lines), **facts)


@pytest.mark.rule("W8")
def test_w8_part_of_the_order_refunds_those_lines_without_delivery():
    assert refund("49.95") == Decimal("49.95")


@pytest.mark.rule("W8")
def test_w8_the_whole_order_refunds_the_standard_delivery_but_not_the_express_surplus():
    assert refund("99.90", whole_order_withdrawn=True) == Decimal("104.85")


@pytest.mark.rule("W8")
def test_w8_the_last_of_several_returns_brings_the_delivery_cost():
    first = refund("49.95")
    second = refund("49.95", whole_order_withdrawn=True, refunded_before=first)

    assert first + second == Decimal("104.85")


@pytest.mark.rule("W8")
def test_w8_never_more_than_was_paid_minus_earlier_refunds():
    assert refund("99.90", whole_order_withdrawn=True, refunded_before=Decimal("60.00")) == Decimal("44.90")
    assert refund("49.95", refunded_before=PAID) == Decimal("0.00")


@pytest.mark.rule("W7")
def test_w7_a_deduction_for_loss_of_value_needs_staffs_reason():
    with pytest.raises(policy.DeductionRefused):
        refund("49.95", deduction=Decimal("10.00"))

    assert refund("49.95", deduction=Decimal("10.00"), deduction_reason="Krassen op het scherm") == Decimal(
        "39.95"
    )


@pytest.mark.rule("W5", "W7")
def test_w7_no_deduction_at_all_when_w5_applies():
    with pytest.raises(policy.DeductionRefused):
        refund("49.95", deduction=Decimal("10.00"), deduction_reason="Gebruikt", w5_applies=True)


@pytest.mark.rule("W11")
def test_w11_no_restocking_fee_the_lines_come_back_in_full():
    assert refund("49.95", deduction_reason="Doos geopend") == Decimal("49.95")


# --- W8, W10, W14: the dates -------------------------------------------------------------------


@pytest.mark.rule("W8")
def test_w8_the_legal_refund_deadline_is_14_calendar_days_after_the_notice():
    assert policy.w8_legal_refund_deadline(date(2026, 4, 10)) == date(2026, 4, 24)


@pytest.mark.rule("W10")
@pytest.mark.parametrize(
    ("received", "proof", "may_wait"), [(False, False, True), (True, False, False), (False, True, False)]
)
def test_w10_the_refund_may_wait_until_the_goods_or_proof_of_sending_arrive(received, proof, may_wait):
    assert policy.w10_refund_may_wait(received, proof) is may_wait


@pytest.mark.rule("W14", "N4")
def test_w14_the_goal_is_4_working_days_after_arrival_skipping_weekends_and_closing_days():
    arrived = date(2026, 4, 9)  # a Thursday
    closed = [SimpleNamespace(starts_on=date(2026, 4, 13), ends_on=date(2026, 4, 13))]

    assert policy.w14_refund_goal(arrived, []) == date(2026, 4, 15)
    assert policy.w14_refund_goal(arrived, closed) == date(2026, 4, 16)


@pytest.mark.rule("W14")
def test_w14_staff_are_alerted_2_days_before_the_legal_deadline():
    assert policy.w14_escalation_on(date(2026, 4, 24)) == date(2026, 4, 22)


@pytest.mark.rule("W8")
def test_w8_free_standard_delivery_brings_nothing_extra():
    assert refund("99.90", whole_order_withdrawn=True, standard_delivery=Decimal("0.00")) == Decimal("99.90")


amounts = st.decimals(min_value=0, max_value=500, places=2, allow_nan=False, allow_infinity=False)


@pytest.mark.rule("W8")
@given(
    line_prices=st.lists(amounts, min_size=1, max_size=6),
    delivery=amounts,
    deductions=st.lists(amounts, min_size=6, max_size=6),
    discount=amounts,
)
def test_w8_all_refunds_of_an_order_together_never_exceed_what_was_paid(
    line_prices, delivery, deductions, discount
):
    """Whatever the lines, delivery cost, discount and deductions, returning the lines one by one
    never pays back more than the order cost, and never less than zero per return."""
    paid = max(Decimal("0.00"), sum(line_prices) + delivery - discount)
    refunded = Decimal("0.00")
    for index, price in enumerate(line_prices):
        amount = policy.w8_refund_amount(
            price,
            standard_delivery=delivery,
            whole_order_withdrawn=index == len(line_prices) - 1,
            paid_total=paid,
            refunded_before=refunded,
            deduction=min(deductions[index], price),
            deduction_reason="Krassen",
        )
        assert amount >= 0
        refunded += amount
    assert refunded <= paid


# --- W17: the states of a return -----------------------------------------------------------------

S = policy.ReturnState


@pytest.mark.rule("W17")
@pytest.mark.parametrize(
    ("path"),
    [
        [S.REQUESTED, S.AUTHORISED, S.SENT, S.RECEIVED, S.REFUNDED, S.CLOSED],
        [S.REQUESTED, S.REVIEW, S.AUTHORISED, S.RECEIVED, S.REFUNDED, S.CLOSED],
        [S.REQUESTED, S.REVIEW, S.REJECTED],
        [S.REQUESTED, S.AUTHORISED, S.CANCELLED],
        # Nothing to send back (not shipped yet, a service): refunded at once.
        [S.REQUESTED, S.AUTHORISED, S.REFUNDED, S.CLOSED],
        # W10: refunded on proof of sending, closed when the goods arrive.
        [S.REQUESTED, S.AUTHORISED, S.SENT, S.REFUNDED, S.CLOSED],
    ],
)
def test_w17_the_paths_a_return_takes(path):
    assert all(policy.w17_may_move(a, b) for a, b in itertools.pairwise(path))


@pytest.mark.rule("W17")
@pytest.mark.parametrize(
    ("current", "to"),
    [
        (S.REQUESTED, S.REFUNDED),  # never refunded before it was authorised
        (S.REVIEW, S.REFUNDED),
        (S.REJECTED, S.AUTHORISED),  # final states stay final
        (S.CLOSED, S.REFUNDED),
        (S.CANCELLED, S.AUTHORISED),
        (S.SENT, S.CANCELLED),  # once sent back, the customer cannot take it back
        (S.RECEIVED, S.REJECTED),
    ],
)
def test_w17_impossible_moves_are_refused(current, to):
    assert not policy.w17_may_move(current, to)
    assert not policy.w17_may_refund(S.REVIEW)
