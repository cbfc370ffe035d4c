"""A small shop for recommendation tests: a phone, its accessories and a book, all with live pages."""

from decimal import Decimal

import pytest

from tests.cms.product_page_support import make_page, product_index
from tests.factories import CategoryFactory, ProductFactory


@pytest.fixture
def shelf():
    """A phone with accessories, each with a live page; a book in another category."""
    index = product_index()
    phones = CategoryFactory(name="Telefoons")
    products = {
        name: ProductFactory(title=title, categories=[phones], price=Decimal("19.95"))
        for name, title in [
            ("phone", "Nordphone 6"),
            ("case", "Hoesje"),
            ("glass", "Screenprotector"),
            ("charger", "Snellader"),
            ("cable", "USB-C-kabel"),
        ]
    }
    products["book"] = ProductFactory(title="Het polderjaar", categories=[CategoryFactory(name="Boeken")])
    for product in products.values():
        make_page(index, product, images=1, specs=0, tips=0)
    return products
