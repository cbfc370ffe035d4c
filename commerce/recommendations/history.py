"""The purchase history the scores are computed from, read from Oscar's orders in bulk.

A line counts when its order was not cancelled and its goods were kept (a line that came
back after a withdrawal has status ``LINE_RETURNED``); a variant counts for its parent.
Rows are streamed into numpy arrays, so two million lines cost arrays, not Python objects.
"""

from datetime import datetime

import numpy as np
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from commerce.order import statuses
from commerce.recommendations.scoring import Purchases

Order = get_model("order", "Order")
Line = get_model("order", "Line")

CHUNK = 50_000


def orders_in(since: datetime | None = None, until: datetime | None = None):
    orders = Order.objects.exclude(status=statuses.CANCELLED)
    if since is not None:
        orders = orders.filter(date_placed__gte=since)
    if until is not None:
        orders = orders.filter(date_placed__lt=until)
    return orders


def streamed(rows, columns: int) -> np.ndarray:
    """(n, columns) int64 array from an iterator of tuples, built chunk by chunk."""
    parts, chunk = [], []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            parts.append(np.array(chunk, dtype=np.int64))
            chunk = []
    if chunk:
        parts.append(np.array(chunk, dtype=np.int64))
    return np.concatenate(parts) if parts else np.empty((0, columns), dtype=np.int64)


def purchases(since: datetime | None = None, until: datetime | None = None) -> Purchases:
    """Every kept line of the orders placed in [since, until), by line id: an order's lines in
    the order they were put in the basket (the evaluation hides the last one)."""
    orders = orders_in(since, until)
    order_rows = streamed(
        (
            (pk, -1 if user_id is None else user_id, placed.toordinal())
            for pk, user_id, placed in orders.values_list("pk", "user_id", "date_placed").iterator(CHUNK)
        ),
        3,
    )
    lines = (
        Line.objects.filter(order__in=orders.values("pk"), product__isnull=False)
        .exclude(status=statuses.LINE_RETURNED)
        .order_by("pk")
        .values_list("order_id", Coalesce("product__parent_id", "product_id"))
    )
    line_rows = streamed(lines.iterator(CHUNK), 2)
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
