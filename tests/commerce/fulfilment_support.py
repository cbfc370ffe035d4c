"""Paid orders for the dispatch, delivery and invoice tests, placed with the shop's OrderCreator.

The same path placement takes after Stripe said yes (commerce/payments/placement.py): a priced
basket, allocated stock, lines carrying their VAT rate, status "Betaald". Stripe itself is
tested elsewhere; these tests start where the money is in.
"""

from decimal import Decimal

from django.core import mail

from commerce.payments.placement import write_order
from commerce.payments.preparation import price_basket
from tests.factories import ProductClassFactory, ProductFactory
from tests.stripe_support import basket_with, dutch_address

_numbers = iter(range(100001, 10**9))


def paid_order(items, user=None, shipping_method="standaard", language="nl", email="sanne@example.test"):
    basket = basket_with(items, user)
    totals = price_basket(basket, user, shipping_method)
    return write_order(
        basket,
        user,
        totals,
        shipping_address=dutch_address(),
        billing_address=None,
        email=email,
        language=language,
        order_number=str(next(_numbers)),
    )


def mixed_vat_products():
    """A 21 % product (€ 12,10) and a 9 % one (€ 5,45): goods € 29,65 ship for € 4,95."""
    lamp = ProductFactory(title="Bureaulamp", price=Decimal("12.10"), num_in_stock=10)
    chocolate = ProductFactory(
        title="Chocoladereep",
        price=Decimal("5.45"),
        num_in_stock=10,
        product_class=ProductClassFactory(perishable=True),
    )
    return lamp, chocolate


def invoice_mails():
    """The e-mails sent so far that carry an invoice PDF (order confirmations are not counted)."""
    return [
        message
        for message in mail.outbox
        if any(name.startswith("factuur-") for name, *_ in message.attachments)
    ]
