"""A product's sellable items as search engines and comparison sites see them (domain.md S3, S8).

Shared by the Product JSON-LD (``cms.seo.product_json_ld``) and the Google Merchant feed
(``cms.feeds_products``), so page and feed agree: the items (the product or each public
variant) with Oscar's purchase info, their SKU, GTIN-13, brand and price text.
"""

import re
from decimal import Decimal

from cms.seo.json_ld import SCHEMA

BRAND_ATTRIBUTE_CODES = {"brand", "merk"}


def money(amount):
    return str(Decimal(amount).quantize(Decimal("0.01")))


def is_valid_ean13(code):
    code = (code or "").strip()
    if not re.fullmatch(r"\d{13}", code):
        return False
    digits = [int(c) for c in code]
    checksum = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - checksum % 10) % 10 == digits[12]


def availability_uri(purchase_info):
    available = purchase_info.availability.is_available_to_buy
    return f"{SCHEMA}{'InStock' if available else 'OutOfStock'}"


def product_offers(product, strategy):
    """(item, purchase info) for each sellable item: the product itself, or each public variant."""
    if product.is_parent:
        children = product.get_public_children()
        return [(child, strategy.fetch_for_product(child)) for child in children]
    return [(product, strategy.fetch_for_product(product))]


def product_brand(product, shop_settings):
    """The "brand"/"merk" attribute when the catalogue has one, else the shop's own name."""
    if "attribute_values" in getattr(product, "_prefetched_objects_cache", {}):
        values = [v for v in product.attribute_values.all() if v.attribute.code in BRAND_ATTRIBUTE_CODES]
    else:
        values = product.attribute_values.filter(attribute__code__in=BRAND_ATTRIBUTE_CODES).select_related(
            "attribute"
        )
    for value in values:
        if value.value:
            return str(value.value)
    return shop_settings.legal_name


def sku_of(product, purchase_info):
    record = getattr(purchase_info, "stockrecord", None)
    return (
        (record.partner_sku if record is not None and record.partner_sku else "")
        or product.upc
        or str(product.pk)
    )
