"""A5 as the operator runs it: `manage.py compute_segments` (the Python path on SQLite) prints its
progress and a summary, gives buyers without a Customer row one, keeps each change of segment
as history and writes no history when nothing changed; the nightly schedule runs it and the
background task does the same on demand."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from aftersales import tasks
from aftersales.models import Customer, CustomerScore, SegmentChange
from commerce.order import statuses
from commerce.returns.models import Refund
from tests.aftersales.segment_support import Bought, orders, prospect, refund
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.rule("A5")]

TODAY = date(2026, 6, 1)


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def compute(today=TODAY) -> str:
    output = io.StringIO()
    call_command("compute_segments", "--today", today.isoformat(), stdout=output)
    return output.getvalue()


def segments() -> dict[str, str]:
    return dict(CustomerScore.objects.values_list("customer__email", "segment"))


def history() -> list[tuple[str, str, str, date]]:
    return list(
        SegmentChange.objects.order_by("pk").values_list(
            "customer__email", "from_segment", "to_segment", "changed_on"
        )
    )


def test_a5_the_command_prints_progress_and_a_summary_and_keeps_each_change_as_history():
    sanne, piet = "sanne@example.test", "piet@example.test"
    orders(Bought(sanne, days_ago(10)), Bought(piet, days_ago(100)))
    prospect("kees@example.test", since=days_ago(30))  # signed up, never ordered

    output = compute()

    assert "Klanten aanmaken" in output
    assert "Bestellingen lezen en scoren" in output
    assert (
        "Segments on 2026-06-01: 3 customers, 2 with orders; 3 changed segment, 2 customers added" in output
    )
    assert "  about_to_sleep               1   +1 -0" in output  # R3 F1: 1 worse of 2
    assert "  lost                         1   +1 -0" in output  # R1 F1
    assert "  prospects                    1   +1 -0" in output
    assert segments() == {sanne: "about_to_sleep", piet: "lost", "kees@example.test": "prospects"}
    score = CustomerScore.objects.get(customer__email=sanne)
    assert (score.recency_days, score.frequency, score.recency_score, score.frequency_score) == (10, 1, 3, 1)
    assert score.scored_on == TODAY
    assert sorted(history()) == [
        ("kees@example.test", "", "prospects", TODAY),
        (piet, "", "lost", TODAY),
        (sanne, "", "about_to_sleep", TODAY),
    ]

    orders(Bought(piet, TODAY))  # Piet comes back
    output = compute()

    assert "3 changed segment" not in output
    assert "2 changed segment, 0 customers added" in output
    assert segments() == {sanne: "lost", piet: "need_attention", "kees@example.test": "prospects"}
    assert sorted(history()[3:]) == [
        (piet, "lost", "need_attention", TODAY),
        (sanne, "about_to_sleep", "lost", TODAY),
    ]


def test_a5_nothing_is_written_to_the_history_when_no_segment_changed():
    orders(Bought("sanne@example.test", days_ago(10)), Bought("piet@example.test", days_ago(100)))
    compute()
    before = history()

    output = compute(TODAY + timedelta(days=1))  # a day older, still the same places

    assert "0 changed segment" in output
    assert history() == before
    assert set(CustomerScore.objects.values_list("scored_on", flat=True)) == {TODAY + timedelta(days=1)}
    assert CustomerScore.objects.get(customer__email="sanne@example.test").recency_days == 11


def test_a5_buyers_get_their_customer_row_linked_to_their_account_and_cancelled_orders_do_not_count():
    account = UserFactory(email="Anna@Example.test")
    orders(
        Bought("anna@example.test", days_ago(3), user=account),
        Bought("  Gast@Example.TEST ", days_ago(5)),
        Bought("gast@example.test", days_ago(50), total="12.00"),
        Bought("weg@example.test", days_ago(1), status=statuses.CANCELLED),
    )

    compute()

    anna = Customer.objects.get(email="anna@example.test")
    assert anna.user == account
    guest = CustomerScore.objects.get(customer__email="gast@example.test")
    assert (guest.frequency, guest.monetary, guest.recency_days) == (2, 42, 5)
    assert not Customer.objects.filter(email="weg@example.test").exists()


def test_a5_only_money_actually_paid_back_on_or_before_the_day_lowers_monetary():
    big, small = orders(
        Bought("sanne@example.test", days_ago(20), total="100.00"),
        Bought("piet@example.test", days_ago(20), total="80.00"),
    )
    refund(big, "10.00", on=days_ago(5))
    refund(big, "30.00", on=None, status=Refund.Status.DUE)  # not paid back yet
    refund(small, "50.00", on=TODAY + timedelta(days=1))  # paid back after the day counted

    compute()

    money = dict(CustomerScore.objects.values_list("customer__email", "monetary"))
    assert money == {"sanne@example.test": 90, "piet@example.test": 80}

    compute(TODAY + timedelta(days=1))

    money = dict(CustomerScore.objects.values_list("customer__email", "monetary"))
    assert money == {"sanne@example.test": 90, "piet@example.test": 30}


def test_a5_the_day_of_an_order_is_its_day_in_amsterdam():
    # 22:30 UTC on 31 May is 00:30 on 1 June in Amsterdam (CEST): an order of 1 June.
    orders(Bought("laat@example.test", datetime(2026, 5, 31, 22, 30, tzinfo=UTC)))

    compute(date(2026, 5, 31))
    assert segments() == {}  # not a customer yet on 31 May

    compute(date(2026, 6, 1))
    assert CustomerScore.objects.get().recency_days == 0


def test_a5_a_past_day_counts_only_the_orders_and_customers_known_on_that_day():
    piet, anna, kees, mia = "piet@example.test", "anna@example.test", "kees@example.test", "mia@example.test"
    orders(
        Bought(piet, days_ago(100)),
        Bought(piet, days_ago(40), total="500.00"),  # after the past day
        Bought(anna, days_ago(20)),  # her first order, after the past day
    )
    prospect(kees, since=days_ago(80))
    prospect(mia, since=days_ago(10))  # signed up after the past day
    past = days_ago(60)

    output = compute(past)

    assert "Segments on 2026-04-02: 2 customers, 1 with orders" in output
    score = CustomerScore.objects.get(customer__email=piet)
    assert (score.recency_days, score.frequency, score.monetary) == (40, 1, 30)
    assert segments() == {piet: "lost", kees: "prospects"}
    assert sorted(history()) == [(kees, "", "prospects", past), (piet, "", "lost", past)]

    compute()

    # Of two buyers, Piet has the worse recency and the better frequency (rfm.py's quintiles).
    assert segments() == {piet: "at_risk", anna: "about_to_sleep", kees: "prospects", mia: "prospects"}
    assert sorted(history()[2:]) == [
        (anna, "", "about_to_sleep", TODAY),
        (mia, "", "prospects", TODAY),
        (piet, "lost", "at_risk", TODAY),
    ]


def test_a5_a_bad_date_is_refused_with_a_clear_message():
    with pytest.raises(CommandError, match="--today expects a date as YYYY-MM-DD, not '1-6-2026'"):
        call_command("compute_segments", "--today", "1-6-2026")


def test_a5_segments_are_recomputed_daily_and_on_demand():
    assert any("compute_segments" in commands for _every, commands in settings.WINKELIER_SCHEDULE)
    assert next(
        every for every, commands in settings.WINKELIER_SCHEDULE if "compute_segments" in commands
    ) == timedelta(days=1)
    orders(Bought("sanne@example.test", days_ago(0)))

    result = tasks.compute_segments.enqueue()

    assert "1 customers, 1 with orders" in result.return_value
    # Alone, a customer is their own worst value: R1 F1 (rfm.py's tie rule).
    assert CustomerScore.objects.get(customer__email="sanne@example.test").segment == "lost"
