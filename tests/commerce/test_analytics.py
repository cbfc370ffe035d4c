"""Oscar's analytics counters through the forked analytics app (commerce/analytics/receivers.py).

Product views are buffered (tests/cms/test_product_pages.py); basket additions and placed
orders are still counted in the request or transaction that writes anyway.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.commerce.fulfilment_support import paid_order
from tests.factories import ProductFactory, UserFactory

ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")

pytestmark = pytest.mark.django_db


def test_a_basket_addition_is_counted_for_the_product_and_the_signed_in_shopper(client):
    product = ProductFactory()
    shopper = UserFactory()
    client.force_login(shopper)

    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2})
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    assert ProductRecord.objects.get(product=product).num_basket_additions == 2
    assert UserRecord.objects.get(user=shopper).num_basket_additions == 2


def test_a_placed_order_counts_purchases_per_product_and_the_customers_spend():
    lamp = ProductFactory(price=Decimal("12.10"))
    shopper = UserFactory()

    order = paid_order([(lamp, 3)], user=shopper)

    assert ProductRecord.objects.get(product=lamp).num_purchases == 3
    record = UserRecord.objects.get(user=shopper)
    assert record.num_orders == 1
    assert record.num_order_items == 3
    assert record.total_spent == order.total_incl_tax
