"""The demo assortment: every product the demo shop sells, with its own and its supplier's text.

All texts are written for this demo; brands, authors and publishers are invented.
"""

from demo.assortment import fashion, gifts, phones, reading, services, software, solar
from demo.assortment.spec import CATEGORIES, PRODUCT_CLASSES, ProductSpec

PRODUCTS: tuple[ProductSpec, ...] = (
    phones.PRODUCTS
    + fashion.PRODUCTS
    + gifts.PRODUCTS
    + reading.PRODUCTS
    + software.PRODUCTS
    + services.PRODUCTS
    + solar.PRODUCTS
)

__all__ = ["CATEGORIES", "PRODUCTS", "PRODUCT_CLASSES"]
