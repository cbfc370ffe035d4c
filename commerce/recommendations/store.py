"""Writing a computation's results: the whole table replaced in one transaction.

Shoppers read either the old or the new lists, never half of each. The rows are written as
plain SQL (one ``DELETE``, then ``executemany``), not through model instances: at 5,000
products × 20 neighbours that is 100,000 rows, and the ORM spent most of a whole computation
on them (an instance per row written, and one per row deleted too: haystack's ``post_delete``
receiver for every model makes Django load each row it deletes). Nothing refers to these
rows and no index is kept of them.
"""

from django.db import connection, transaction
from oscar.core.loading import get_model

from commerce.recommendations.models import BestSeller, Recommendation
from commerce.recommendations.scoring import Neighbour

Product = get_model("catalogue", "Product")

FIELDS = ("product", "recommended", "rank", "score", "together", "same_customer", "computed_at")


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def insert(cursor, model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(name).column) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    cursor.executemany(f"INSERT INTO {table(model)} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608


def replace_all(neighbours: dict[int, list[Neighbour]], best_sellers: dict[int, int], computed_at) -> int:
    """Store the lists of products that still exist; return the number of rows written."""
    existing = set(Product.objects.filter(pk__in=list(best_sellers)).values_list("pk", flat=True))
    when = Recommendation._meta.get_field("computed_at").get_db_prep_save(computed_at, connection)
    rows = [
        (product, neighbour.product, rank, neighbour.score, neighbour.together, neighbour.same_customer, when)
        for product, found in neighbours.items()
        if product in existing
        for rank, neighbour in enumerate((n for n in found if n.product in existing), start=1)
    ]
    sellers = [(pk, orders) for pk, orders in best_sellers.items() if pk in existing]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table(Recommendation)}")  # noqa: S608
        cursor.execute(f"DELETE FROM {table(BestSeller)}")  # noqa: S608
        insert(cursor, Recommendation, FIELDS, rows)
        insert(cursor, BestSeller, ("product", "orders"), sellers)
    return len(rows)
