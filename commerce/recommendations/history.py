"""The purchase history the scores are computed from, read from Oscar's orders in bulk.

A line counts when its order was not cancelled and its goods were kept (a line that came
back after a withdrawal has status ``LINE_RETURNED``); a variant counts for its parent.
The ORM builds the queries; their rows go from the database cursor straight into numpy
arrays, chunk by chunk, so two million lines cost arrays, not an ORM row (with its
converters) per line. The day an order was placed is computed by the database too.
"""

from datetime import datetime

import numpy as np
from django.db import connections
from django.db.models import Func, IntegerField, Value
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from commerce.order import statuses
from commerce.recommendations.scoring import Purchases

Order = get_model("order", "Order")
Line = get_model("order", "Line")

CHUNK = 50_000


class OrdinalDay(Func):
    """The UTC date of a datetime as ``date.toordinal()`` (day 1 is 0001-01-01), in SQL.
    SQLite stores UTC text, julianday() reads it; PostgreSQL converts to UTC first."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "CAST(julianday(%(expressions)s) - 1721424.5 AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "((%(expressions)s AT TIME ZONE 'UTC')::date - DATE '0001-01-01' + 1)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def orders_in(since: datetime | None = None, until: datetime | None = None):
    orders = Order.objects.exclude(status=statuses.CANCELLED)
    if since is not None:
        orders = orders.filter(date_placed__gte=since)
    if until is not None:
        orders = orders.filter(date_placed__lt=until)
    return orders


def fetched(rows, columns: int) -> np.ndarray:
    """A ``values_list`` queryset of integers as an (n, columns) int64 array, read in chunks
    (a server-side cursor on PostgreSQL, as the ORM's ``iterator()`` uses)."""
    sql, params = rows.query.get_compiler(rows.db).as_sql()
    connection = connections[rows.db]
    server_side = not connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS")
    parts = []
    with connection.chunked_cursor() if server_side else connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(CHUNK):
            parts.append(np.array(chunk, dtype=np.int64))
    return np.concatenate(parts) if parts else np.empty((0, columns), dtype=np.int64)


def purchases(since: datetime | None = None, until: datetime | None = None) -> Purchases:
    """Every kept line of the orders placed in [since, until), by line id: an order's lines in
    the order they were put in the basket."""
    orders = orders_in(since, until)
    guest = Value(-1, output_field=IntegerField())
    day = OrdinalDay("date_placed")
    order_rows = fetched(orders.order_by().values_list("pk", Coalesce("user_id", guest), day), 3)
    lines = (
        Line.objects.filter(order__in=orders.values("pk"), product__isnull=False)
        .exclude(status=statuses.LINE_RETURNED)
        .order_by("pk")
        .values_list("order_id", Coalesce("product__parent_id", "product_id"))
    )
    line_rows = fetched(lines, 2)
    if not len(line_rows):
        empty = np.empty(0, dtype=np.int64)
        return Purchases(empty, empty, empty, empty)
    by_id = np.argsort(order_rows[:, 0])
    position = by_id[np.searchsorted(order_rows[by_id, 0], line_rows[:, 0])]
    return Purchases(
        order=line_rows[:, 0],
        customer=order_rows[position, 1],
        product=line_rows[:, 1],
        day=order_rows[position, 2],
    )
