"""A generated purchase history (purchase_history.py) written into a migrated SQLite file, fast.

Oscar's own tables get the rows (products with their variants, customers, orders, lines), so
the computation reads them exactly as in a shop. Rows go through a staging table: Python sends
only the columns that vary per row (sqlite3 ``executemany``); every other column gets one value
for all rows, the field's default or a given one, in a single ``INSERT ... SELECT``. One
transaction with ``synchronous=OFF``: this is a throwaway bench database.
"""

import sqlite3
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import numpy as np
from django.db import connection
from django.utils import timezone
from oscar.core.loading import get_model

from commerce.order import statuses
from tests.bench.purchase_history import History

ProductClass = get_model("catalogue", "ProductClass")
Product = get_model("catalogue", "Product")
User = get_model("users", "User")
Order = get_model("order", "Order")
Line = get_model("order", "Line")

VAT = 1.21


def sqlite_value(field, value):
    return field.get_db_prep_save(value, connection)


def constant_values(model, varying, given: dict, stored=sqlite_value) -> dict:
    """Per column not in ``varying`` (the primary key aside): the given value or the field's
    default, as the database stores it (``stored(field, value)``)."""
    values = {}
    for field in model._meta.local_concrete_fields:
        if field.column in varying or field.primary_key:
            continue
        if field.column in given:
            value = given[field.column]
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = timezone.now()
        else:
            value = field.get_default()
        if value is None and not field.null:
            raise ValueError(f"{model._meta.db_table}.{field.column} needs a value")
        values[field.column] = stored(field, value)
    return values


def insert(db: sqlite3.Connection, model, columns: tuple[str, ...], rows, **given) -> None:
    """Insert ``rows`` (tuples of ``columns``) into ``model``'s table, the other columns constant."""
    constants = constant_values(model, set(columns), given)
    db.execute(f"CREATE TEMP TABLE staging ({', '.join(columns)})")
    db.executemany(f"INSERT INTO staging VALUES ({', '.join('?' * len(columns))})", rows)  # noqa: S608
    names = ", ".join([*columns, *constants])
    selected = ", ".join([*columns, *("?" * len(constants))])
    db.execute(
        f"INSERT INTO {model._meta.db_table} ({names}) SELECT {selected} FROM staging ORDER BY rowid",  # noqa: S608
        list(constants.values()),
    )
    db.execute("DROP TABLE staging")


def next_id(db: sqlite3.Connection, model) -> int:
    return db.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}").fetchone()[0]  # noqa: S608


def write_products(db: sqlite3.Connection, history: History) -> tuple[int, np.ndarray]:
    """Parents, standalone products and variants; returns product 0's id and every item's id."""
    product_class = next_id(db, ProductClass)
    insert(db, ProductClass, ("id", "name", "slug"), [(product_class, "Bench", "bench")])
    first = next_id(db, Product)
    products = len(history.is_parent)
    variant_of = history.item_product[history.is_parent[history.item_product]]
    rows = [
        (first + p, "parent" if parent else "standalone", None, product_class, f"Bench {p}", f"bench-{p}")
        for p, parent in enumerate(history.is_parent.tolist())
    ]
    rows += [
        (first + products + v, "child", first + p, None, f"Bench {p} variant {v}", f"bench-{p}-{v}")
        for v, p in enumerate(variant_of.tolist())
    ]
    columns = ("id", "structure", "parent_id", "product_class_id", "title", "slug")
    insert(db, Product, columns, rows)
    item_ids = first + history.item_product
    item_ids[history.is_parent[history.item_product]] = first + products + np.arange(len(variant_of))
    return first, item_ids


def write_customers(db: sqlite3.Connection, count: int) -> int:
    """``count`` customers; returns the first one's id."""
    first = next_id(db, User)
    rows = ((first + n, f"klant{n}@bench.example.test") for n in range(count))
    insert(db, User, ("id", "email"), rows, password="!")
    return first


def placed_times(history: History) -> list[str]:
    """date_placed as Django stores it in SQLite (UTC, 'YYYY-MM-DD HH:MM:SS')."""
    start = np.datetime64(timezone.now().replace(tzinfo=None) - timedelta(days=history.shape.days), "s")
    text = np.datetime_as_string(start + history.order_seconds.astype("timedelta64[s]"), unit="s")
    return np.char.replace(text, "T", " ").tolist()


def write_orders(db: sqlite3.Connection, history: History, first_customer: int) -> int:
    """The orders (totals from their lines); returns the first one's id."""
    first = next_id(db, Order)
    site = db.execute("SELECT MIN(id) FROM django_site").fetchone()[0]
    line_total = history.item_price[history.line_item] * history.line_quantity
    total = np.round(np.bincount(history.line_order, weights=line_total), 2)
    guest = history.order_customer < 0
    rows = zip(
        (first + np.arange(history.orders)).tolist(),
        [f"B{first + n}" for n in range(history.orders)],
        np.where(guest, None, first_customer + history.order_customer).tolist(),
        [f"gast{n}@bench.example.test" if g else "" for n, g in enumerate(guest.tolist())],
        np.where(history.order_cancelled, statuses.CANCELLED, statuses.DELIVERED).tolist(),
        placed_times(history),
        total.tolist(),
        np.round(total / VAT, 2).tolist(),
        strict=True,
    )
    columns = (
        "id", "number", "user_id", "guest_email", "status", "date_placed", "total_incl_tax", "total_excl_tax",
    )  # fmt: skip
    insert(db, Order, columns, rows, site_id=site, shipping_method="Standaard")
    return first


def write_lines(db: sqlite3.Connection, history: History, item_ids: np.ndarray, first_order: int) -> None:
    unit = history.item_price[history.line_item]
    price = np.round(unit * history.line_quantity, 2)
    price_excl = np.round(price / VAT, 2).tolist()
    price = price.tolist()
    titles = [f"Bench item {item}" for item in range(len(item_ids))]
    rows = zip(
        (first_order + history.line_order).tolist(),
        item_ids[history.line_item].tolist(),
        [titles[item] for item in history.line_item.tolist()],
        history.line_quantity.tolist(),
        history.line_quantity.tolist(),
        unit.tolist(),
        np.round(unit / VAT, 2).tolist(),
        price,
        price_excl,
        price,
        price_excl,
        np.where(history.line_returned, statuses.LINE_RETURNED, statuses.DELIVERED).tolist(),
        strict=True,
    )
    columns = (
        "order_id", "product_id", "title", "quantity", "num_allocated",
        "unit_price_incl_tax", "unit_price_excl_tax", "line_price_incl_tax", "line_price_excl_tax",
        "line_price_before_discounts_incl_tax", "line_price_before_discounts_excl_tax", "status",
    )  # fmt: skip
    insert(db, Line, columns, rows, partner_name="Winkelier", vat_rate=21)


@dataclass(frozen=True)
class Written:
    first_product: int  # the database id of product 0; product p has id first_product + p
    megabytes: float


def write(path: Path, history: History) -> Written:
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA temp_store=MEMORY")
        db.execute("PRAGMA cache_size=-500000")
        db.execute("BEGIN")
        first_product, item_ids = write_products(db, history)
        first_order = write_orders(db, history, write_customers(db, history.shape.customers))
        write_lines(db, history, item_ids, first_order)
        db.execute("COMMIT")
    finally:
        db.close()
    return Written(first_product=first_product, megabytes=path.stat().st_size / 2**20)
