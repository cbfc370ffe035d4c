"""Order history for recommendation tests: orders with lines, written directly (no checkout)."""

from datetime import timedelta
from decimal import Decimal
from itertools import count

from django.utils import timezone
from oscar.core.loading import get_model

from commerce.order import statuses

Order = get_model("order", "Order")
Line = get_model("order", "Line")

ZERO = Decimal("0.00")
_numbers = count(1)


def bought(products, user=None, days_ago=30, status=statuses.DELIVERED, returned=()):
    """One order of ``products`` (one line each); lines of ``returned`` products came back."""
    order = Order.objects.create(
        number=f"REC-{next(_numbers)}",
        user=user,
        currency="EUR",
        total_incl_tax=ZERO,
        total_excl_tax=ZERO,
        status=status,
        date_placed=timezone.now() - timedelta(days=days_ago),
    )
    Line.objects.bulk_create(
        Line(
            order=order,
            product=product,
            title=product.get_title(),
            partner_name="Winkelier",
            partner_sku=f"SKU-{product.pk}",
            quantity=1,
            num_allocated=1,
            vat_rate=Decimal("21"),
            line_price_incl_tax=ZERO,
            line_price_excl_tax=ZERO,
            line_price_before_discounts_incl_tax=ZERO,
            line_price_before_discounts_excl_tax=ZERO,
            status=statuses.LINE_RETURNED if product in returned else statuses.DELIVERED,
        )
        for product in products
    )
    return order


def bought_times(times, products, **kwargs):
    for _ in range(times):
        bought(products, **kwargs)
