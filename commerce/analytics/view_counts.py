"""Product views counted in memory and written to Oscar's analytics in one batch, outside requests.

Oscar's own ``receive_product_view`` receiver writes ProductRecord (and, for signed-in shoppers,
UserRecord and UserProductView) inside every product request. On SQLite that serialises
every product view behind the database's single writer and ends in "database is locked"
under a handful of concurrent shoppers. Here a view only bumps a counter in this process
(commerce/analytics/batched.py: thread-safe, flushed every ``WINKELIER_VIEW_COUNT_FLUSH_SECONDS``,
kept when a flush fails); a flush writes in one transaction:

- ProductRecord: one ``INSERT ... ON CONFLICT DO NOTHING`` for missing rows, then one
  ``UPDATE ... SET num_views = num_views + CASE product_id WHEN ... END`` (per 500 products);
- UserRecord.num_product_views likewise; UserProductView rows in one bulk insert.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Case, F, IntegerField, Value, When
from oscar.core.loading import get_model

from commerce.analytics.batched import BatchBuffer

Product = get_model("catalogue", "Product")
ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")
UserProductView = get_model("analytics", "UserProductView")

# Products (or users) per UPDATE: a few hundred views of distinct products are one statement.
CHUNK = 500


@dataclass
class Pending:
    """Views not yet written: per product, per signed-in user, and the (user, product) rows."""

    products: Counter = field(default_factory=Counter)
    users: Counter = field(default_factory=Counter)
    user_views: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.products or self.users or self.user_views)

    def merge(self, other: "Pending"):
        self.products.update(other.products)
        self.users.update(other.users)
        self.user_views[:0] = other.user_views


class ViewBuffer(BatchBuffer):
    name = "Product view counts"

    def new_batch(self):
        return Pending()

    def write(self, batch):
        return write_batch(batch)

    def record(self, product_id: int, user_id: int | None = None):
        def add(pending):
            pending.products[product_id] += 1
            if user_id is not None:
                pending.users[user_id] += 1
                pending.user_views.append((user_id, product_id))

        self.update(add)


def write_batch(batch: Pending) -> int:
    """Write one batch in one transaction; views of products deleted since are dropped."""
    with transaction.atomic():
        product_ids = set()
        for chunk in chunks(batch.products):
            product_ids.update(Product.objects.filter(pk__in=chunk).values_list("pk", flat=True))
        products = {pk: n for pk, n in batch.products.items() if pk in product_ids}
        for chunk in chunks(products):
            ProductRecord.objects.bulk_create(
                [ProductRecord(product_id=pk, num_views=0) for pk in chunk], ignore_conflicts=True
            )
            ProductRecord.objects.filter(product_id__in=chunk).update(
                num_views=F("num_views") + increments("product_id", chunk)
            )
        if batch.users:
            user_ids = set(
                UserRecord._meta.get_field("user")
                .related_model.objects.filter(pk__in=batch.users)
                .values_list("pk", flat=True)
            )
            users = {pk: n for pk, n in batch.users.items() if pk in user_ids}
            for chunk in chunks(users):
                UserRecord.objects.bulk_create(
                    [UserRecord(user_id=pk, num_product_views=0) for pk in chunk], ignore_conflicts=True
                )
                UserRecord.objects.filter(user_id__in=chunk).update(
                    num_product_views=F("num_product_views") + increments("user_id", chunk)
                )
            # date_created is auto_now_add: the rows carry the flush time (within one interval).
            rows = [
                UserProductView(user_id=user_id, product_id=product_id)
                for user_id, product_id in batch.user_views
                if user_id in user_ids and product_id in product_ids
            ]
            UserProductView.objects.bulk_create(rows, batch_size=CHUNK)
    return sum(products.values())


def chunks(counts: dict[int, int]):
    """Up to CHUNK ids per statement: one UPDATE per chunk stays far below SQLite's variable limit."""
    items = sorted(counts.items())
    for start in range(0, len(items), CHUNK):
        yield dict(items[start : start + CHUNK])


def increments(key: str, counts: dict[int, int]):
    return Case(
        *[When(**{key: pk}, then=Value(n)) for pk, n in counts.items()],
        default=Value(0),
        output_field=IntegerField(),
    )


buffer = ViewBuffer()


def record_product_view(product, user=None):
    """Count one view of ``product`` (a variant counts for itself, as Oscar does)."""
    user_id = user.pk if user is not None and user.is_authenticated else None
    buffer.record(product.pk, user_id)
