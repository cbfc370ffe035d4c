"""The after-sales dashboard in the Wagtail admin (A8): the stored figures of a period as cards,
inline SVG charts with their tables and the card lift with its interval; the page reads stored
figures only; "Nu bijwerken" for managers; no dashboard for editors."""

import copy
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aftersales import dashboard, metrics
from aftersales.models import DashboardFigures
from home.clock import amsterdam_today
from home.staff_groups import AFTER_SALES, AFTER_SALES_MANAGERS, EDITORS
from tests.aftersales.dashboard_support import TODAY, at, orders, returns_history
from tests.aftersales.task_support import staff_member

pytestmark = [pytest.mark.django_db, pytest.mark.rule("A8")]

URL = reverse("aftersales:dashboard")
MONTHS = [f"2025-0{month}" for month in range(1, 7)]
FIGURES = {
    "repeat": {
        "customers": 260,
        "counted": 150,
        "repeated": 30,
        "months": [
            {"month": month, "counted": 50 * (n < 3), "repeated": 10 * (n < 3)}
            for n, month in enumerate(MONTHS)
        ],
    },
    "second_order": {"customers": 41, "median_days": 23.5},
    "returns": {"orders": 400, "returned": 38},
    "refunds": {
        "refunds": 30,
        "median_days": 3.0,
        "p90_days": 9,
        "histogram": [[1, 5], [3, 20], [9, 4], [40, 1]],
    },
    "tasks": {
        "due": 200,
        "on_time": 180,
        "months": [{"month": month, "due": 40, "on_time": 36} for month in MONTHS],
    },
    "recommendations": [
        {"placement": "product", "clicks": 120, "additions": 30},
        {"placement": "basket", "clicks": 40, "additions": 22},
        {"placement": "email", "clicks": 7, "additions": 1},
    ],
    # Newcombe 1998's example (a): 56/70 against 48/80, interval 0.0524 to 0.3339.
    "lift": {"card": [70, 56], "holdout": [80, 48]},
    "follow_ups": None,
}


def stored(period="12m", **changes) -> DashboardFigures:
    figures = {**copy.deepcopy(FIGURES), **changes}
    return DashboardFigures.objects.create(
        period=period, since="2025-01-01", until="2025-06-30", computed_at=timezone.now(), figures=figures
    )


@pytest.fixture
def manager(db):
    return staff_member(AFTER_SALES_MANAGERS, "Femke", "femke@winkelier.test")


@pytest.fixture
def after_sales(db):
    return staff_member(AFTER_SALES, "Anouk", "anouk@winkelier.test")


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a8_the_dashboard_shows_the_stored_figures_as_cards(client, after_sales):
    stored()
    client.force_login(after_sales)

    response = client.get(URL)

    assert response.status_code == 200
    text = text_of(response)
    assert "1 januari 2025 t/m 30 juni 2025 · berekend op" in text
    assert "20,0 %" in text
    assert "binnen 90 dagen opnieuw besteld: 30 van 150 nieuwe klanten" in text
    assert "23,5" in text
    assert "mediaan; nieuwe klanten die opnieuw bestelden: 41" in text
    assert "9,5 %" in text
    assert "(geheel of deels) herroepen: 38 van 400 bestellingen" in text
    assert "mediaan; 90e percentiel: 9; terugbetalingen: 30" in text
    assert "90,0 %" in text
    assert "verstuurd op of voor hun dag: 180 van 200 bedankjes" in text
    assert "Opvolg-e-mails" not in text  # nothing to count until the follow-up plan records e-mails


def test_a8_the_card_lift_shows_both_rates_the_difference_with_its_interval_and_the_verdict(
    client, after_sales
):
    stored()
    client.force_login(after_sales)

    text = text_of(client.get(URL))

    assert "80,0 % bestelde binnen 90 dagen opnieuw (56 van 70 klanten)" in text
    assert "60,0 % bestelde binnen 90 dagen opnieuw (48 van 80 klanten)" in text
    assert "+20,0 procentpunt (95%-betrouwbaarheidsinterval +5,2 tot +33,4 procentpunt)" in text
    assert "Kaartjes helpen: klanten die een bedankje kregen, bestellen vaker opnieuw" in text
    assert "hybride score-methode van Newcombe" in text
    assert 'class="aftersales-lift__point"' in text


def test_a8_while_the_interval_includes_zero_the_verdict_is_not_enough_data(client, after_sales):
    stored(lift={"card": [200, 30], "holdout": [100, 10]})
    client.force_login(after_sales)

    text = text_of(client.get(URL))

    assert "+5,0 procentpunt (95%-betrouwbaarheidsinterval −3,6 tot +12,2 procentpunt)" in text
    assert "Nog niet genoeg gegevens" in text


def test_a8_an_empty_hold_out_gives_no_interval_and_not_enough_data(client, after_sales):
    stored(lift={"card": [20, 3], "holdout": [0, 0]})
    client.force_login(after_sales)

    text = text_of(client.get(URL))

    assert "nog niet te berekenen: een van de groepen is leeg" in text
    assert "Nog niet genoeg gegevens" in text
    assert "aftersales-lift__point" not in text


def test_a8_charts_are_inline_svg_each_with_its_table(client, after_sales):
    stored()
    client.force_login(after_sales)

    response = client.get(URL)

    text = text_of(response)
    assert text.count('<svg class="aftersales-chart__svg') == 4  # three bar charts and the interval plot
    assert (
        text.count('<rect class="aftersales-chart__bar"') == 3 + 16 + 6
    )  # months with customers, days, months
    for table in ("table-repeat", "table-refunds", "table-tasks"):
        assert f'aria-describedby="{table}"' in text
        assert f'id="{table}"' in text
    assert "<td>15 of meer</td><td>1</td>" in text  # the refund after 40 days
    assert "<title>3 d.: 20 terugbetaald</title>" in text
    assert "<title>januari 2025: 20,0 %</title>" in text
    assert "<td>april 2025</td><td>0</td><td>0</td><td>–</td>" in text  # 90 days not over yet
    assert re.search(r'<rect class="aftersales-chart__bar" x="[\d.]+" y="[\d.]+"', text)  # no decimal commas
    main = response.content.decode().split('id="header-title"')[1].split("</main>")[0]
    assert "<script" not in main
    assert "style=" not in main


def test_a8_recommendations_per_placement(client, after_sales):
    stored()
    client.force_login(after_sales)

    text = text_of(client.get(URL))

    assert "<td>Winkelmand: maak het compleet</td><td>40</td><td>22</td>" in text


def test_a8_follow_up_figures_show_once_there_are_any(client, after_sales):
    kinds = [{"kind": "review", "sent": 80, "ordered": 5}, {"kind": "cross_sell", "sent": 40, "ordered": 4}]
    stored(follow_ups={"sent": 120, "ordered_within_14_days": 9, "kinds": kinds})
    client.force_login(after_sales)

    text = text_of(client.get(URL))

    assert "Opvolg-e-mails" in text
    assert "gevolgd door een bestelling binnen 14 dagen: 9" in text
    assert "<td>Vraag om een review (dag 10)</td><td>80</td><td>5</td>" in text


def test_a8_each_period_shows_its_own_stored_figures(client, after_sales):
    stored("12m")
    stored("3m", returns={"orders": 10, "returned": 1})
    client.force_login(after_sales)

    assert "38 van 400 bestellingen" in text_of(client.get(URL))
    assert "1 van 10 bestellingen" in text_of(client.get(URL, {"period": "3m"}))
    assert "Nog niet berekend." in text_of(client.get(URL, {"period": "year"}))


def test_a8_the_page_reads_the_stored_figures_and_never_counts(client, after_sales, monkeypatch):
    """As fast with many orders as with few: the page's queries do not grow with the orders,
    and it never counts anything itself."""
    stored()
    client.force_login(after_sales)
    client.get(URL)  # session, permissions and menus warmed up
    orders(*[(f"klant{n}@example.test", at("2025-02-01")) for n in range(5)])
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200

    orders(*[(f"koper{n}@example.test", at("2025-02-02")) for n in range(60)])
    monkeypatch.setattr(metrics, "figures", lambda *args: pytest.fail("the page counted the figures"))
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200

    assert len(many) == len(few) <= 12, [query["sql"] for query in many.captured_queries]
    assert not [query for query in many.captured_queries if "order_order" in query["sql"]]


def test_a8_without_stored_figures_the_page_says_not_yet_computed_and_computes_nothing(client, manager):
    returns_history()
    client.force_login(manager)

    response = client.get(URL)

    assert response.status_code == 200
    assert "Nog niet berekend." in text_of(response)
    assert "Nu bijwerken" in text_of(response)
    assert not DashboardFigures.objects.exists()


def test_a8_managers_have_the_figures_computed_now(client, manager):
    client.force_login(manager)

    response = client.post(URL, {"period": "6m"})

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?period=6m"
    stored = DashboardFigures.objects.get()  # the test settings run tasks at once
    today = amsterdam_today()
    assert (stored.period, stored.since, stored.until) == (
        "6m",
        today - relativedelta(months=6, days=-1),
        today,
    )
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "De cijfers van “Laatste 6 maanden” worden opnieuw berekend. Vernieuw de pagina zo om ze te zien."
    ]
    assert "berekend op" in text_of(client.get(response["Location"]))


def test_a8_after_sales_staff_read_the_dashboard_but_cannot_have_it_recomputed(client, after_sales):
    stored()
    client.force_login(after_sales)

    assert "Nu bijwerken" not in text_of(client.get(URL))
    assert client.post(URL, {"period": "12m"}).status_code == 403
    assert DashboardFigures.objects.get().figures["returns"]["orders"] == 400  # unchanged


def test_a8_an_unknown_period_is_refused_with_a_message_and_nothing_is_computed(client, manager):
    stored()
    client.force_login(manager)

    shown = client.get(URL, {"period": "5y"})
    posted = client.post(URL, {"period": "5y"})

    assert shown.status_code == 400
    assert "Deze periode bestaat niet; je ziet de laatste 12 maanden." in text_of(shown)
    assert "38 van 400 bestellingen" in text_of(shown)
    assert posted.status_code == 400
    assert "Niets bijgewerkt: deze periode bestaat niet." in text_of(posted)
    assert DashboardFigures.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_a8_editors_have_no_dashboard(client, method):
    client.force_login(staff_member(EDITORS, "Noor", "noor@winkelier.test"))

    response = getattr(client, method)(URL, {"period": "12m"})

    assert response.status_code == 403
    assert not DashboardFigures.objects.exists()


def test_a8_the_dashboard_needs_a_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize(
    ("group", "shown"), [(AFTER_SALES, True), (AFTER_SALES_MANAGERS, True), (EDITORS, False)]
)
def test_a8_the_after_sales_menu_has_the_dashboard_for_after_sales_staff(client, group, shown):
    client.force_login(staff_member(group, "Sam", "sam@winkelier.test"))

    response = client.get(reverse("wagtailadmin_home"))

    assert (URL in response.content.decode()) is shown


def test_a8_stored_figures_give_the_same_page_as_computed_ones(client, manager):
    """What the nightly computation stores is what the page reads (no key missing)."""
    returns_history()
    dashboard.refresh(dashboard.Preset.THIS_YEAR, TODAY)
    client.force_login(manager)

    response = client.get(URL, {"period": "year"})

    assert response.status_code == 200
    assert "(geheel of deels) herroepen: 3 van 7 bestellingen" in text_of(response)
