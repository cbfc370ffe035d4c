"""Columns and the products they mention, linked both ways (domain.md S7).

`ColumnPage.save` keeps `ColumnProductMention` rows in step with the live body, so the
question "which columns mention this product?" is one query, whatever the numbers.
"""

from cms.models.columns import ColumnPage

PRODUCT_COLUMNS_LIMIT = 5


def columns_mentioning(product_page, limit=PRODUCT_COLUMNS_LIMIT):
    """The live columns whose product blocks point at `product_page`, newest first (one query)."""
    if product_page is None or product_page.pk is None:
        return []
    return list(
        ColumnPage.objects.live()
        .filter(product_mentions__product_page=product_page)
        .distinct()
        .order_by("-publication_date", "-first_published_at", "-pk")[:limit]
    )
