"""The recommendations report under Reports: clicks and basket additions per placement and per
product over the last 7/30/90 Amsterdam days, its CSV export, and who may open it."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commerce.recommendations import report
from commerce.recommendations.models import Placement, PlacementCount
from home.staff_groups import AFTER_SALES, EDITORS, ORDER_MANAGERS, ensure_staff_groups
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 30)
URL = "/admin/reports/recommendations/"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(report, "amsterdam_today", lambda: TODAY)


@pytest.fixture
def order_manager(client):
    ensure_staff_groups()
    user = UserFactory(groups=[ORDER_MANAGERS])
    client.force_login(user)
    return user


def counted(placement, product, days_ago, clicks, additions=0):
    return PlacementCount.objects.create(
        placement=placement,
        product=product,
        day=TODAY - timedelta(days=days_ago),
        clicks=clicks,
        additions=additions,
    )


@pytest.fixture
def counts():
    """Counts on the first and last day of the last 30 days, and some just before them."""
    lamp = ProductFactory(title="Leeslampje")
    cable = ProductFactory(title="Oplaadkabel")
    counted(Placement.PRODUCT, lamp, 0, clicks=3, additions=1)
    counted(Placement.PRODUCT, lamp, 29, clicks=2, additions=1)  # 1 March: the 30th day back
    counted(Placement.PRODUCT, cable, 6, clicks=4, additions=0)  # within the last 7 days
    counted(Placement.PRODUCT, cable, 30, clicks=100, additions=50)  # 28 February: too old for 30
    counted(Placement.BASKET, cable, 10, clicks=4, additions=6)  # the basket's one-click button
    counted(Placement.BASKET, lamp, 89, clicks=7, additions=7)  # only within 90 days
    return {"lamp": lamp, "cable": cable}


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def figures(rows):
    return [(row.name, row.clicks, row.additions, row.per_click) for row in rows]


@pytest.mark.parametrize(
    ("period", "product", "basket"),
    [
        ("", (9, 2, Decimal("0.22")), (4, 6, Decimal("1.50"))),  # 30 days when none is chosen
        ("30", (9, 2, Decimal("0.22")), (4, 6, Decimal("1.50"))),
        ("7", (7, 1, Decimal("0.14")), (0, 0, None)),
        ("90", (109, 52, Decimal("0.48")), (11, 13, Decimal("1.18"))),
        ("365", (9, 2, Decimal("0.22")), (4, 6, Decimal("1.50"))),  # an unknown period: 30 days
    ],
)
def test_placements_sum_the_days_of_the_period_and_leave_out_older_ones(
    client, order_manager, counts, period, product, basket
):
    response = client.get(URL, {"period": period})

    assert response.status_code == 200
    assert figures(response.context["placements"]) == [
        ("Productpagina: vaak samen gekocht", *product),
        ("Winkelmand: maak het compleet", *basket),
        ("Orderbevestiging", 0, 0, None),
        ("Opvolgmail: past hier goed bij", 0, 0, None),
    ]
    total = response.context["total"]
    assert (total.clicks, total.additions) == (product[0] + basket[0], product[1] + basket[1])


def test_the_page_names_the_amsterdam_dates_and_shows_the_figures_in_dutch(client, order_manager, counts):
    text = client.get(URL).content.decode()

    assert "Van 1 maart 2026 tot en met 30 maart 2026." in text
    assert "0,22" in text  # 2 additions on 9 clicks on the product page
    assert "1,50" in text
    assert "Totaal" in text
    assert 'name="sort_by"' not in text  # no storefront search (Oscar's) in the report's header


def test_products_per_placement_most_clicked_first(client, order_manager, counts):
    response = client.get(URL, {"period": "90"})

    rows = response.context["object_list"]
    assert [(row.label, *figures([row])[0]) for row in rows] == [
        ("Productpagina: vaak samen gekocht", "Oplaadkabel", 104, 50, Decimal("0.48")),
        ("Productpagina: vaak samen gekocht", "Leeslampje", 5, 2, Decimal("0.40")),
        ("Winkelmand: maak het compleet", "Leeslampje", 7, 7, Decimal("1.00")),
        ("Winkelmand: maak het compleet", "Oplaadkabel", 4, 6, Decimal("1.50")),
    ]


def test_the_page_shows_ten_products_per_placement_and_the_export_all(client, order_manager):
    products = [ProductFactory(title=f"Product {n:02d}") for n in range(12)]
    for n, product in enumerate(products):
        counted(Placement.EMAIL, product, 1, clicks=n + 1)

    shown = client.get(URL).context["object_list"]
    exported = csv_rows(client.get(URL, {"export": "csv"}))

    assert [row.title for row in shown] == [f"Product {n:02d}" for n in range(11, 1, -1)]
    assert len(exported) == 1 + 12


def test_csv_export_has_a_row_per_placement_and_product_of_the_period(client, order_manager, counts):
    response = client.get(URL, {"period": "7", "export": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="aanbevelingen-2026-03-24-2026-03-30.csv"'
    assert csv_rows(response) == [
        ["Plek", "Product-ID", "Product", "Kliks", "In winkelmand gelegd", "In winkelmand gelegd per klik"],
        ["Productpagina: vaak samen gekocht", str(counts["cable"].pk), "Oplaadkabel", "4", "0", "0.00"],
        ["Productpagina: vaak samen gekocht", str(counts["lamp"].pk), "Leeslampje", "3", "1", "0.33"],
    ]


def test_order_managers_see_the_report_in_the_menu(client, order_manager):
    assert URL in client.get("/admin/").content.decode()


@pytest.mark.parametrize("group", [EDITORS, AFTER_SALES])
def test_other_staff_get_no_menu_item_and_403(client, counts, group):
    ensure_staff_groups()
    client.force_login(UserFactory(groups=[group]))

    assert client.get("/admin/").status_code == 200
    assert URL not in client.get("/admin/").content.decode()
    assert client.get(URL).status_code == 403
    assert client.get(reverse("recommendation_report_results")).status_code == 403
    assert client.get(URL, {"export": "csv"}).status_code == 403


def queries_for_report(client, products):
    for n in range(products):
        product = ProductFactory(title=f"Product {n}")
        for placement in Placement.values:
            counted(placement, product, n % 30, clicks=n + 1, additions=n % 3)
    client.get(URL)  # warm the session and the site's caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert len(response.context["object_list"]) == len(Placement.values) * min(
        products, report.TOP_PER_PLACEMENT
    )
    return len(queries)


def test_queries_do_not_grow_with_the_number_of_products(client, order_manager):
    few = queries_for_report(client, 2)
    PlacementCount.objects.all().delete()

    assert queries_for_report(client, 30) == few
