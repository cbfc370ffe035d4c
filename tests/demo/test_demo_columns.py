"""The demo's weekly columns (S7), loaded by `demo.columns.load_columns` into an otherwise empty
site: one column a week, a guest writer, mentions of products that have a page, idempotent.

This test builds its own data: it runs before tests/demo/conftest.py loads the demo shop.
"""

from datetime import date, timedelta

import pytest
from wagtail.models import Site

from cms.columns import columns_mentioning
from cms.models import (
    ColumnIndexPage,
    ColumnPage,
    ColumnProductMention,
    LicenceType,
    ProductIndexPage,
    ProductPage,
)
from demo.assortment import PRODUCTS
from demo.columns import load_columns
from tests.factories import ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

TODAY = date(2026, 11, 20)


@pytest.fixture
def product_index(home):
    return home.add_child(instance=ProductIndexPage(title="Producten", slug="producten"))


@pytest.mark.rule("S7")
def test_demo_columns_are_weekly_with_a_guest_mention_existing_products_and_load_once(
    client, home, product_index
):
    powerbank_spec = next(spec for spec in PRODUCTS if spec.key == "powerbank")
    powerbank = product_index.add_child(
        instance=ProductPage(
            title="Powerbank", slug="powerbank", product=ProductFactory(upc=powerbank_spec.upc)
        )
    )
    site = Site.objects.get(is_default_site=True)

    created = load_columns(site, TODAY)
    again = load_columns(site, TODAY)

    assert created["columns"] >= 6
    assert created["column index"] == 1
    assert again == {"column index": 0, "column authors": 0, "author photos": 0, "columns": 0}
    columns = list(ColumnPage.objects.live().order_by("-publication_date"))
    assert len(columns) == created["columns"]
    dates = [column.publication_date for column in columns]
    assert all(newer - older == timedelta(weeks=1) for newer, older in zip(dates, dates[1:], strict=False))
    assert dates[0] <= TODAY
    assert dates[0].weekday() == 4
    guests = [a for column in columns for a in column.authors() if a.is_guest]
    assert guests
    assert guests[0].bio
    assert guests[0].photo.licence_type == LicenceType.OWN_WORK
    # Only the product that has a page is mentioned; the others are skipped, not broken.
    assert {m.product_page_id for m in ColumnProductMention.objects.all()} == {powerbank.pk}
    assert [c.slug for c in columns_mentioning(powerbank)] == ["zo-kies-je-een-powerbank"]
    index = ColumnIndexPage.objects.get()
    assert client.get(index.url).status_code == 200
    for column in columns:
        assert client.get(column.url).status_code == 200
        assert 50 <= len(column.search_description) <= 160
