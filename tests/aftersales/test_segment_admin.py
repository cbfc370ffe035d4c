"""Segments in the admin (A5; issue 13, item 2): the overview with counts, shares, revenue and
the change since a month before; a segment's customers with filters and, for managers, the CSV
export of exactly that list; the customer profile's segment, scores, history, returns and
consent history; who may see what; queries that do not grow with the customers."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aftersales import consent, csv_export, segments
from aftersales.models import Consent, Customer, CustomerScore, SegmentChange
from home.clock import AMSTERDAM
from home.staff_groups import AFTER_SALES_MANAGERS, EDITORS
from tests.aftersales.segment_support import Bought, many_scored, orders, prospect, refund, scored
from tests.aftersales.task_support import staff_member
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.rule("A5")]

TODAY = date(2026, 6, 1)
EARLIER = date(2026, 4, 20)  # before 1 May, a month before TODAY
OVERVIEW = reverse("aftersales:segments")


def compute(today: date) -> None:
    call_command("compute_segments", "--today", today.isoformat(), stdout=io.StringIO())


def segment_url(segment: str, **query) -> str:
    url = reverse("aftersales:segment", args=[segment])
    return f"{url}?{'&'.join(f'{key}={value}' for key, value in query.items())}" if query else url


def export_url(segment: str, query: str = "") -> str:
    return reverse("aftersales:segment-export", args=[segment]) + (f"?{query}" if query else "")


def text(response) -> str:
    return response.content.decode()


def csv_of(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # Excel reads UTF-8
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


@pytest.fixture
def manager(db):
    return staff_member(AFTER_SALES_MANAGERS, "Mila", "mila@winkelier.test")


# -- The rules behind the overview, without the database -----------------------------------------


def test_a5_a_month_before_is_the_same_day_of_the_previous_month_or_its_last_day():
    assert segments.month_before(date(2026, 6, 1)) == date(2026, 5, 1)
    assert segments.month_before(date(2026, 3, 31)) == date(2026, 2, 28)
    assert segments.month_before(date(2026, 1, 15)) == date(2025, 12, 15)


def test_a5_the_change_is_moves_in_minus_moves_out_and_reads_plus_or_minus():
    net = segments.net_moves({("", "new"): 3, ("new", "lost"): 1, ("lost", "new"): 2})
    assert (net["new"], net["lost"]) == (4, -1)
    row = segments.SegmentRow("new", customers=5, share=Decimal(50), revenue=Decimal(0), month_ago=1)
    assert row.change == "+4"
    assert segments.SegmentRow("new", 1, Decimal(0), Decimal(0), month_ago=3).change == "−2"
    assert segments.SegmentRow("new", 3, Decimal(0), Decimal(0), month_ago=3).change == "0"
    assert segments.SegmentRow("new", 3, Decimal(0), Decimal(0), month_ago=None).change == ""
    assert segments.share(1, 3) == Decimal("33.3")
    assert segments.share(0, 0) == 0


# -- The overview ----------------------------------------------------------------------------------


def count_on(day: date) -> dict[str, int]:
    """The brief's definition, read straight from the history: customers whose latest change on
    or before `day` went into the segment."""
    latest: dict[int, str] = {}
    for change in SegmentChange.objects.filter(changed_on__lte=day).order_by("changed_on", "pk"):
        latest[change.customer_id] = change.to_segment
    counts: dict[str, int] = {}
    for segment in latest.values():
        counts[segment] = counts.get(segment, 0) + 1
    return counts


def shop_with_a_month_of_history():
    """Scored on 20 April and on 1 June. On 20 April Sanne (one order, 19 April) is About to
    sleep, Piet (1 January) Lost, Kees and Lotte (subscribers since 1 April, whose orders come
    later) Prospects. By 1 June Sanne ordered again (and got € 10 back), Lotte and Kees ordered
    once, and Eva signed up."""
    sanne, piet, kees, lotte = (f"{name}@example.test" for name in ("sanne", "piet", "kees", "lotte"))
    prospect(kees, since=date(2026, 4, 1))
    prospect(lotte, since=date(2026, 4, 1))
    first, *_rest = orders(
        Bought(sanne, date(2026, 4, 19)),
        Bought(piet, date(2026, 1, 1)),
        Bought(sanne, date(2026, 5, 20)),
        Bought(lotte, date(2026, 5, 25)),
        Bought(kees, date(2026, 5, 31)),
    )
    compute(EARLIER)
    refund(first, "10.00", on=date(2026, 5, 21))
    prospect("eva@example.test", since=date(2026, 5, 28))
    compute(TODAY)


def test_a5_the_overview_counts_shares_revenue_and_the_change_since_a_month_before(client, anouk):
    shop_with_a_month_of_history()
    client.force_login(anouk)

    response = client.get(OVERVIEW)

    assert response.status_code == 200
    overview = response.context["overview"]
    assert (overview.scored_on, overview.compared_with, overview.compared) == (TODAY, date(2026, 5, 1), True)
    rows = {row.segment: row for row in overview.rows}
    assert [row.segment for row in overview.rows][0] == "champions"
    assert [row.segment for row in overview.rows][-1] == "prospects"
    assert len(rows) == 12
    figures = {
        segment: (row.customers, row.share, row.revenue, row.month_ago, row.change)
        for segment, row in rows.items()
        if row.customers or row.month_ago
    }
    assert figures == {
        # Sanne: two orders (€ 60) less € 10 paid back, R2 F4.
        "at_risk": (1, Decimal("20.0"), Decimal("50.00"), 0, "+1"),
        "lost": (1, Decimal("20.0"), Decimal("30.00"), 1, "0"),
        # Lotte came in as Sanne moved out: still one customer, no change.
        "about_to_sleep": (1, Decimal("20.0"), Decimal("30.00"), 1, "0"),
        "promising": (1, Decimal("20.0"), Decimal("30.00"), 0, "+1"),
        # Kees and Lotte were prospects; now only Eva, who was not a customer on 1 May.
        "prospects": (1, Decimal("20.0"), Decimal("0.00"), 2, "−1"),
    }
    then = count_on(date(2026, 5, 1))
    assert {segment: row.month_ago for segment, row in rows.items()} == {
        segment: then.get(segment, 0) for segment in rows
    }
    page = text(response)
    assert "Scores berekend op 1 juni 2026" in page
    assert "Klanten op 1 mei 2026" in page
    assert "20,0 %" in page
    assert "€ 50,00" in page.replace("\xa0", " ")
    assert "−1" in page
    assert "Koopt vaak en recent, besteedt veel — bedank en beloon." in page
    assert segment_url("at_risk") in page


def test_a5_before_the_first_computation_the_overview_says_when_segments_come(client, anouk):
    client.force_login(anouk)

    response = client.get(OVERVIEW)

    assert response.status_code == 200
    assert response.context["overview"] is None
    assert "Er zijn nog geen segmenten berekend." in text(response)
    assert "compute_segments" in text(response)


def test_a5_without_scores_a_month_old_the_overview_shows_no_change_yet(client, anouk):
    scored("sanne@example.test", "new", TODAY)
    client.force_login(anouk)

    response = client.get(OVERVIEW)

    row = next(row for row in response.context["overview"].rows if row.segment == "new")
    assert (row.customers, row.month_ago, row.change) == (1, None, "")
    assert "nog geen maand berekend" in text(response)


def test_a5_the_overview_takes_as_many_queries_for_300_customers_as_for_3(client, anouk):
    client.force_login(anouk)
    many_scored(3, "new", EARLIER, prefix="eerst")
    client.get(OVERVIEW)  # the session and the admin's caches warmed up

    counts = []
    for extra in (0, 297):
        many_scored(extra, "lost", TODAY, prefix=f"later{extra}")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(OVERVIEW)
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1], counts
    assert response.context["overview"].customers == 300


# -- A segment's customers -------------------------------------------------------------------------


@pytest.fixture
def champions(db):
    """Four Champions and one Lost customer, scored on TODAY."""
    account = UserFactory(email="anna@example.test", first_name="Anna", last_name="de Boer")
    return {
        "anna": scored(
            "anna@example.test",
            "champions",
            TODAY,
            monetary="500.00",
            frequency=9,
            scores=(5, 5, 5),
            recency_days=2,
            user=account,
            marketing_consent=True,
        ),
        "bram": scored(
            "bram@example.test",
            "champions",
            TODAY,
            monetary="120.50",
            frequency=4,
            scores=(5, 4, 3),
            recency_days=5,
            key_account=True,
        ),
        "cor": scored(
            "cor@example.test",
            "champions",
            TODAY,
            monetary="80.00",
            frequency=5,
            scores=(5, 4, 2),
            recency_days=1,
            marketing_consent=True,
        ),
        "dirk": scored(
            "-dirk@example.test",
            "champions",
            TODAY,
            monetary="300.00",
            frequency=4,
            scores=(5, 4, 4),
            recency_days=9,
        ),
        "lost": scored("weg@example.test", "lost", TODAY, scores=(1, 1, 1)),
    }


def emails(response) -> list[str]:
    return [score.customer.email for score in response.context["page"]]


def test_a5_a_segment_lists_its_customers_by_revenue_with_their_scores(client, anouk, champions):
    client.force_login(anouk)

    response = client.get(segment_url("champions"))

    assert response.status_code == 200
    assert emails(response) == [
        "anna@example.test",
        "-dirk@example.test",
        "bram@example.test",
        "cor@example.test",
    ]
    page = text(response)
    assert reverse("aftersales:customer", args=[champions["anna"].pk]) in page
    assert "Anna de Boer" in page
    assert "weg@example.test" not in page
    assert "4 klanten" in page
    assert "Koopt vaak en recent" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"consent": "yes"}, ["anna@example.test", "cor@example.test"]),
        ({"consent": "no"}, ["-dirk@example.test", "bram@example.test"]),
        ({"key_account": "yes"}, ["bram@example.test"]),
        ({"min_monetary_score": "4"}, ["anna@example.test", "-dirk@example.test"]),
        ({"min_orders": "5"}, ["anna@example.test", "cor@example.test"]),
        ({"q": "BOER"}, ["anna@example.test"]),
        ({"q": "bram@"}, ["bram@example.test"]),
        (
            {"sort": "recent"},
            ["cor@example.test", "anna@example.test", "bram@example.test", "-dirk@example.test"],
        ),
        ({"sort": "orders", "consent": "no"}, ["-dirk@example.test", "bram@example.test"]),
    ],
)
def test_a5_the_list_filters_and_sorts(client, anouk, champions, query, expected):
    client.force_login(anouk)

    response = client.get(segment_url("champions", **query))

    assert response.status_code == 200
    assert emails(response) == expected


def test_a5_a_wrong_filter_is_left_out_with_a_message_and_the_others_still_apply(client, anouk, champions):
    client.force_login(anouk)

    response = client.get(segment_url("champions", consent="yes", min_orders="veel", sort="x", p="zz"))

    assert response.status_code == 200
    assert emails(response) == ["anna@example.test", "cor@example.test"]
    assert "Niet elk filter klopt" in text(response)


def test_a5_an_unknown_segment_answers_404_with_the_segments_there_are(client, anouk):
    scored("sanne@example.test", "new", TODAY)
    client.force_login(anouk)

    response = client.get(segment_url("vip"))

    assert response.status_code == 404
    assert "Er is geen segment “vip”." in text(response)
    assert segment_url("champions") in text(response)


def test_a5_the_list_takes_as_many_queries_for_120_customers_as_for_6(client, anouk):
    client.force_login(anouk)
    many_scored(6, "loyal", TODAY, prefix="eerst")
    client.get(segment_url("loyal"))

    counts = []
    for extra in (0, 114):
        many_scored(extra, "loyal", TODAY, prefix=f"later{extra}")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(segment_url("loyal", consent="yes", sort="recent"))
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1], counts
    assert response.context["page"].paginator.count == 60


# -- The CSV export -----------------------------------------------------------------------------


def test_a5_managers_export_exactly_the_filtered_list_as_dutch_csv(client, manager, champions):
    client.force_login(manager)
    page = text(client.get(segment_url("champions", consent="no", min_orders="bad")))
    assert 'id="export"' in page
    assert export_url("champions", "consent=no") in page  # the wrong filter is not passed on

    response = client.get(export_url("champions", "consent=no&sort=revenue"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="klanten-champions-')
    rows = csv_of(response)
    assert rows[0] == [
        "E-mailadres",
        "Naam",
        "Segment",
        "R",
        "F",
        "M",
        "Bestellingen",
        "Besteed (incl. btw, min terugbetalingen)",
        "Dagen sinds laatste bestelling",
        "Marketingmail",
        "Sleutelklant",
    ]
    assert rows[1:] == [
        ["'-dirk@example.test", "", "Kampioenen", "5", "4", "4", "4", "300,00", "9", "nee", "nee"],
        ["bram@example.test", "", "Kampioenen", "5", "4", "3", "4", "120,50", "5", "nee", "ja"],
    ]


def test_a5_the_export_holds_every_row_not_only_the_first_page(client, manager):
    many_scored(120, "loyal", TODAY)
    client.force_login(manager)

    assert len(client.get(segment_url("loyal")).context["page"]) == 50
    with CaptureQueriesContext(connection) as few:
        small = csv_of(client.get(export_url("loyal", "min_orders=4")))  # 30 customers
    with CaptureQueriesContext(connection) as many:
        rows = csv_of(client.get(export_url("loyal")))

    assert len(rows) == 1 + 120
    assert len(small) == 1 + 30
    assert len(few) == len(many)


def test_a5_cells_that_start_like_a_formula_get_an_apostrophe(client, manager):
    account = UserFactory(email="=cmd@example.test", first_name='=HYPERLINK("http://x")', last_name="")
    scored("=cmd@example.test", "new", TODAY, user=account)
    client.force_login(manager)

    rows = csv_of(client.get(export_url("new")))

    assert rows[1][:2] == ["'=cmd@example.test", '\'=HYPERLINK("http://x")']
    assert [csv_export.safe_cell(cell) for cell in ("+31", "@sum", "\tx", "gewoon", "12,50", None)] == [
        "'+31",
        "'@sum",
        "'\tx",
        "gewoon",
        "12,50",
        "",
    ]


def test_a5_an_export_with_a_wrong_filter_or_segment_is_refused_plainly(client, manager):
    client.force_login(manager)

    wrong = client.get(export_url("champions", "min_orders=veel"))
    assert wrong.status_code == 400
    assert "Niets geëxporteerd" in text(wrong)
    assert client.get(export_url("vip")).status_code == 404


# -- Who may see what ----------------------------------------------------------------------------


def test_a5_after_sales_see_segments_and_lists_but_only_managers_export(client, anouk, manager, champions):
    client.force_login(anouk)
    assert client.get(OVERVIEW).status_code == 200
    listing = client.get(segment_url("champions"))
    assert listing.status_code == 200
    assert 'id="export"' not in text(listing)
    assert client.get(export_url("champions")).status_code == 403
    assert OVERVIEW in text(client.get(reverse("wagtailadmin_home")))  # the menu item

    client.force_login(manager)
    assert 'id="export"' in text(client.get(segment_url("champions")))
    assert client.get(export_url("champions")).status_code == 200


def test_a5_editors_get_403_on_segments_lists_and_export_and_see_no_menu_item(client, champions):
    client.force_login(staff_member(EDITORS, "Eva", "eva@winkelier.test"))

    for url in (OVERVIEW, segment_url("champions"), export_url("champions")):
        assert client.get(url).status_code == 403, url
    assert OVERVIEW not in text(client.get(reverse("wagtailadmin_home")))


# -- The customer profile ----------------------------------------------------------------------


def profile_url(customer) -> str:
    return reverse("aftersales:customer", args=[customer.pk])


def customers_with_history(returned: dict[str, int]) -> list[Customer]:
    """Per e-mail address, a customer with that many orders partly paid back (€ 5 each) and one
    more order, all in April, then one on 30 May; consent given at checkout and withdrawn by the
    unsubscribe link. Scored on EARLIER and on TODAY, having moved segment in between."""
    bought = {}
    for email, count in returned.items():
        bought[email] = orders(
            *(Bought(email, date(2026, 4, 1) + timedelta(days=n)) for n in range(count + 1))
        )
        orders(Bought(email, date(2026, 5, 30)))
    orders(Bought("ander@example.test", date(2026, 4, 10)))
    compute(EARLIER)
    for email, count in returned.items():
        for order in bought[email][:count]:
            refund(order, "5.00", on=date(2026, 5, 1))
        consent.record(email, True, Consent.Source.CHECKOUT, at=datetime(2026, 4, 1, 10, tzinfo=AMSTERDAM))
        consent.record(
            email, False, Consent.Source.UNSUBSCRIBE_LINK, at=datetime(2026, 5, 2, 9, tzinfo=AMSTERDAM)
        )
    compute(TODAY)
    return [Customer.objects.get(email=email) for email in returned]


def test_a5_the_profile_shows_segment_scores_history_returns_and_consent_history(client, anouk):
    (customer,) = customers_with_history({"sanne@example.test": 1})
    score = CustomerScore.objects.get(customer=customer)
    assert SegmentChange.objects.filter(customer=customer).count() == 2  # moved once since EARLIER
    client.force_login(anouk)

    response = client.get(profile_url(customer))

    assert response.status_code == 200
    page = text(response)
    assert score.get_segment_display() in page
    assert str(segments.ADVICE[score.segment]) in page
    assert f"{score.recency_score} — {score.recency_days} dagen sinds de laatste bestelling" in page
    assert (score.recency_days, score.frequency, score.monetary) == (2, 3, Decimal("85.00"))
    assert f"{score.frequency_score} — 3 bestellingen" in page
    assert f"{score.monetary_score} — € 85,00 besteed" in page.replace("\xa0", " ")
    assert "(eerste berekening)" in page
    assert "20 april 2026" in page
    assert "1 juni 2026" in page
    returned = response.context["returns"]
    assert len(returned) == 1
    assert returned[0].number in page
    assert "Terugbetaald" in page
    # After-sales staff may not open the returns dashboard: the number is not a link.
    assert reverse("returns_dashboard:return-detail", kwargs={"number": returned[0].number}) not in page
    assert "Afrekenen" in page
    assert "Afmeldlink" in page
    assert "ingetrokken" in page
    assert "gegeven" in page
    assert segment_url(score.segment) in page


def test_a5_a_customer_never_scored_is_told_plainly(client, anouk):
    customer = Customer.objects.create(email="nieuw@example.test")
    client.force_login(anouk)

    response = client.get(profile_url(customer))

    assert response.status_code == 200
    assert "Nog geen segment" in text(response)
    assert "Geen retouren." in text(response)


@pytest.mark.parametrize("who", ["after-sales", "superuser"])  # the latter sees dashboard links
def test_a5_the_profile_takes_as_many_queries_for_8_returns_as_for_2(client, anouk, django_user_model, who):
    few, many = customers_with_history({"weinig@example.test": 2, "veel@example.test": 8})
    if who == "superuser":
        client.force_login(
            django_user_model.objects.create_superuser(email="baas@winkelier.test", password="x")
        )
    else:
        client.force_login(anouk)
    client.get(profile_url(few))

    counts = []
    for customer in (few, many):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(profile_url(customer))
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1], counts
    link = reverse(
        "returns_dashboard:return-detail", kwargs={"number": response.context["returns"][0].number}
    )
    assert (link in text(response)) is (who == "superuser")
