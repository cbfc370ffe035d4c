"""Products the home page shows."""

from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


def featured_products(request, limit=8):
    """Newest public, standalone or parent products (variants are reached via their parent)."""
    return list(
        Product.objects.browsable()
        .filter(is_public=True)
        .select_related("product_class", "page")
        .prefetch_related("images", "stockrecords")
        .order_by("-date_created")[:limit]
    )
