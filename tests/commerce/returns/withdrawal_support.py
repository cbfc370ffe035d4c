"""Delivered orders and form posts for the withdrawal function's tests."""

from decimal import Decimal

from oscar.core.loading import get_model

from tests.commerce.fulfilment_support import paid_order
from tests.commerce.returns.returns_support import ship_everything
from tests.factories import ProductFactory

Order = get_model("order", "Order")


def delivered_order(user=None, days_ago: int = 2, items=None, email="sanne@example.test"):
    """A paid order of a lamp and two mugs (or `items`), delivered `days_ago` days ago."""
    if items is None:
        items = [
            (ProductFactory(title="Bureaulamp", price=Decimal("30.00"), num_in_stock=5), 1),
            (ProductFactory(title="Mok", price=Decimal("12.50"), num_in_stock=5), 2),
        ]
    return ship_everything(paid_order(items, user=user, email=email), delivered_days_ago=days_ago)


def form_data(order, quantities=None, **answers) -> dict:
    """What the withdrawal form posts: every line's quantity (all of it unless `quantities`
    {line: n} says otherwise), the name and e-mail address, and any `answers`."""
    quantities = quantities or {}
    data = {"name": "Sanne de Vries", "email": order.email, "reason": ""}
    for line in order.lines.all():
        data[f"line-{line.pk}-quantity"] = str(quantities.get(line, line.quantity))
    return {**data, **answers}
