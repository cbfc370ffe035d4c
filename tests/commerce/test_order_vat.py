"""Basket -> order with Dutch VAT (domain.md N2): the rate used is stored on every order line.

Runs on SQLite in the main pass; the postgres-marked test repeats it on PostgreSQL after
checking the whole suite's migrations applied there.
"""

from decimal import Decimal as D

import pytest
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.migrations.executor import MigrationExecutor
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order, create_product, create_stockrecord

from commerce.catalogue.models import VatClass

Basket = get_model("basket", "Basket")
ProductClass = get_model("catalogue", "ProductClass")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.rule("N2")


def product_with_vat(vat_class, price, name):
    product_class, _created = ProductClass.objects.get_or_create(
        name=f"Klasse {vat_class}", defaults={"vat_class": vat_class}
    )
    product = create_product(product_class=product_class, title=name)
    create_stockrecord(product, price=price, num_in_stock=50)
    return product


def place_mixed_order():
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product_with_vat(VatClass.STANDARD, D("1.99"), "Kabelbinder"), quantity=7)
    basket.add_product(product_with_vat(VatClass.REDUCED, D("12.50"), "Kookboek"), quantity=1)
    basket.add_product(product_with_vat(VatClass.ZERO, D("249.00"), "Zonnepaneel"), quantity=2)
    return basket, create_order(basket=basket)


def assert_lines_keep_their_vat(order):
    lines = {line.title: line for line in order.lines.all()}
    assert lines["Kabelbinder"].vat_rate == D("21")
    assert lines["Kookboek"].vat_rate == D("9")
    assert lines["Zonnepaneel"].vat_rate == D("0")
    # VAT rounded once per line: 7 x 1.99 = 13.93 incl, 2.42 VAT (not 7 x 0.35 = 2.45).
    assert lines["Kabelbinder"].line_price_incl_tax == D("13.93")
    assert lines["Kabelbinder"].line_price_excl_tax == D("11.51")
    assert lines["Kookboek"].line_price_excl_tax == D("11.47")
    assert lines["Zonnepaneel"].line_price_excl_tax == D("498.00")
    assert order.total_incl_tax == D("13.93") + D("12.50") + D("498.00")
    assert order.total_incl_tax - order.total_excl_tax == D("2.42") + D("1.03")


@pytest.mark.django_db
def test_n2_basket_prices_include_vat_by_product_class():
    basket, order = place_mixed_order()
    assert basket.total_incl_tax == D("524.43")
    assert basket.total_tax == D("3.45")
    assert_lines_keep_their_vat(order)


@pytest.mark.django_db
def test_n2_order_line_rate_survives_a_later_rate_change(settings):
    _basket, order = place_mixed_order()
    settings.WINKELIER_VAT_RATES = {**settings.WINKELIER_VAT_RATES, "reduced": D("6")}
    line = order.lines.get(title="Kookboek")
    line.refresh_from_db()
    assert line.vat_rate == D("9")


@pytest.mark.postgres
@pytest.mark.django_db
def test_n2_postgres_migrates_and_stores_vat_rate_per_order_line():
    assert connection.vendor == "postgresql"
    executor = MigrationExecutor(connection)
    unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert unapplied == [], f"unapplied migrations on {DEFAULT_DB_ALIAS}: {unapplied}"
    _basket, order = place_mixed_order()
    order.refresh_from_db()
    assert_lines_keep_their_vat(order)
