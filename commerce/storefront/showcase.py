"""Products the home page shows."""

from oscar.core.loading import get_model

from cms.product_pages import gallery_prefetch

Product = get_model("catalogue", "Product")


def featured_products(request, limit=8):
    """Newest public, standalone or parent products (variants are reached via their parent)."""
    return list(
        Product.objects.browsable()
        .filter(is_public=True)
        .select_related("product_class", "page")
        .prefetch_related("images", "stockrecords", gallery_prefetch())
        .order_by("-date_created")[:limit]
    )
