"""The analytics receivers of the fork: Oscar's ``AnalyticsConfig.ready`` imports this module
in place of ``oscar.apps.analytics.receivers``.

Product views are counted in memory and written in batches (view_counts.py), so a product
page GET writes nothing. Basket additions, searches and placed orders are counted as Oscar
counts them, in the request or transaction that writes anyway.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.dispatch import receiver
from oscar.apps.basket.signals import basket_addition
from oscar.apps.catalogue.signals import product_viewed
from oscar.apps.order.signals import order_placed
from oscar.apps.search.signals import user_search
from oscar.core.loading import get_model

from commerce.analytics.view_counts import record_product_view

ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")
UserSearch = get_model("analytics", "UserSearch")


def increment(model, field: str, by: int = 1, **lookup):
    """Add ``by`` to a counter in one UPDATE; create the row when it does not exist yet."""
    rows = model.objects.filter(**lookup)
    if rows.update(**{field: F(field) + by}):
        return
    try:
        with transaction.atomic():  # a savepoint: a lost race must not break the caller's transaction
            model.objects.create(**lookup, **{field: by})
    except IntegrityError:
        rows.update(**{field: F(field) + by})


def signed_in(user) -> bool:
    return user is not None and user.is_authenticated


@receiver(product_viewed, dispatch_uid="winkelier-analytics-product-view")
def receive_product_view(sender, product, user=None, **kwargs):
    if not kwargs.get("raw", False):
        record_product_view(product, user)


@receiver(user_search, dispatch_uid="winkelier-analytics-search")
def receive_product_search(sender, query, user=None, **kwargs):
    if signed_in(user) and not kwargs.get("raw", False):
        UserSearch.objects.create(user=user, query=query)


@receiver(basket_addition, dispatch_uid="winkelier-analytics-basket-addition")
def receive_basket_addition(sender, product, user=None, **kwargs):
    if kwargs.get("raw", False):
        return
    increment(ProductRecord, "num_basket_additions", product=product)
    if signed_in(user):
        increment(UserRecord, "num_basket_additions", user=user)


@receiver(order_placed, dispatch_uid="winkelier-analytics-order-placed")
def receive_order_placed(sender, order, user=None, **kwargs):
    if kwargs.get("raw", False):
        return
    for line in order.lines.all():
        increment(ProductRecord, "num_purchases", by=line.quantity, product_id=line.product_id)
    if not signed_in(user):
        return
    record = UserRecord.objects.filter(user=user)
    updated = record.update(
        num_orders=F("num_orders") + 1,
        num_order_lines=F("num_order_lines") + order.num_lines,
        num_order_items=F("num_order_items") + order.num_items,
        total_spent=F("total_spent") + order.total_incl_tax,
        date_last_order=order.date_placed,
    )
    if not updated:
        UserRecord.objects.create(
            user=user,
            num_orders=1,
            num_order_lines=order.num_lines,
            num_order_items=order.num_items,
            total_spent=order.total_incl_tax,
            date_last_order=order.date_placed,
        )
