"""``recommendations_for(subject, placement, limit)``: what to show next to a product, a basket
or an order. The one entry point for the storefront, the e-mails and later the returns flow
(W15 alternatives) and the follow-up plan.

The order of preference:
1. the owner's hand-picked recommendations (Oscar's ``recommended_products``, highest ranking
   first);
2. the computed ones (``Recommendation``), summed over the subject's products;
3. when those are too few, the best sellers of the subject's categories.

Never shown: the subject's own products (a basket's or order's lines), products the editor
excluded next to one of them, and products without a live page, not public, or not in stock.
A variant stands for its parent, whose page is the product's one URL. Reads only: a fixed
number of queries whatever the limit (the cards' pages, images, prices and stock included).
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from cms.product_pages import gallery_prefetch
from commerce.recommendations.models import BestSeller, Exclusion, Placement, Recommendation

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductRecommendation = get_model("catalogue", "ProductRecommendation")
StockRecord = get_model("partner", "StockRecord")

# The query parameter that carries a placement on a recommendation's link (and form).
PARAMETER = "aanbevolen"


def placement_shown(placement: str) -> bool:
    """The owner can switch placements off (settings.WINKELIER_RECOMMENDATION_PLACEMENTS)."""
    return placement in getattr(settings, "WINKELIER_RECOMMENDATION_PLACEMENTS", Placement.values)


def root_id(product) -> int:
    return product.parent_id or product.pk


def subject_products(subject) -> list[int]:
    """The (parent) product ids a product, basket or order is about, in their order."""
    if isinstance(subject, Product):
        return [root_id(subject)]
    lines = subject.all_lines() if hasattr(subject, "all_lines") else subject.lines.all()
    ids = [root_id(line.product) for line in lines if line.product_id]
    return list(dict.fromkeys(ids))


def in_stock():
    """Priced stock records with stock to sell (or of a class that tracks none, a service)."""
    track_none = Q(product__product_class__track_stock=False) | Q(
        product__parent__product_class__track_stock=False
    )
    return StockRecord.objects.filter(price__isnull=False).filter(
        track_none | Q(num_in_stock__gt=Coalesce(F("num_allocated"), 0))
    )


def buyable():
    """Products a shopper can buy now: public with a live page, and a priced stock record
    with stock (or a class that tracks none, a service); a parent through a public variant."""
    in_stock_records = in_stock()
    return Product.objects.filter(is_public=True, parent__isnull=True, page__live=True).filter(
        Exists(in_stock_records.filter(product=OuterRef("pk")))
        | Exists(in_stock_records.filter(product__parent=OuterRef("pk"), product__is_public=True))
    )


def for_cards(products):
    """What a product card reads (class, price and stock, variants, page and main image)."""
    children = (
        Product.objects.public().select_related("parent__product_class").prefetch_related("stockrecords")
    )
    return products.select_related("product_class", "page").prefetch_related(
        "stockrecords",
        Prefetch("children", queryset=children, to_attr="_prefetched_public_children"),
        gallery_prefetch(),
    )


def hand_picked(sources: list[int]) -> list[int]:
    rows = ProductRecommendation.objects.filter(primary_id__in=sources).order_by("-ranking", "pk")
    position = {source: index for index, source in enumerate(sources)}
    ordered = sorted(rows.values_list("primary_id", "recommendation_id"), key=lambda row: position[row[0]])
    return [recommended for _primary, recommended in ordered]


def computed(sources: list[int]) -> list[int]:
    """Computed neighbours of all sources, by summed score (a basket: what fits most lines)."""
    summed: dict[int, float] = defaultdict(float)
    for recommended, score in Recommendation.objects.filter(product_id__in=sources).values_list(
        "recommended_id", "score"
    ):
        summed[recommended] += score
    return sorted(summed, key=lambda pk: (-summed[pk], pk))


def category_best_sellers(sources: list[int], skip: set[int], count: int) -> list[int]:
    """The best-selling buyable products of the sources' categories, best first."""
    categories = ProductCategory.objects.filter(product_id__in=sources).values("category_id")
    in_categories = ProductCategory.objects.filter(category_id__in=categories).values("product_id")
    orders = BestSeller.objects.filter(product=OuterRef("pk")).values("orders")
    sellers = (
        buyable()
        .filter(pk__in=in_categories)
        .exclude(pk__in=skip)
        .annotate(best_seller_orders=Subquery(orders))
        .filter(best_seller_orders__isnull=False)
        .order_by("-best_seller_orders", "pk")
    )
    return list(sellers.values_list("pk", flat=True)[:count])


def recommendations_for(subject, placement: str, limit: int = 4, basket=None) -> list:
    """Up to ``limit`` buyable products (parents or standalone) to show at ``placement``;
    none already in ``basket`` (the shopper's, when the subject is a product).

    Each carries ``recommendation_url``: its page URL with the placement, so a click on it
    is counted for that placement.
    """
    sources = subject_products(subject)
    if not sources or limit <= 0:
        return []
    excluded = set(
        Exclusion.objects.filter(page__product_id__in=sources).values_list("product_id", flat=True)
    )
    skip = set(sources) | excluded | (set(subject_products(basket)) if basket is not None else set())
    candidates = [pk for pk in dict.fromkeys(hand_picked(sources) + computed(sources)) if pk not in skip]
    found = set(buyable().filter(pk__in=candidates).values_list("pk", flat=True))
    chosen_ids = [pk for pk in candidates if pk in found][:limit]
    if len(chosen_ids) < limit:
        chosen_ids += category_best_sellers(sources, skip | found, limit - len(chosen_ids))
    # Only the products shown are loaded with what their cards need.
    cards = for_cards(Product.objects.filter(pk__in=chosen_ids)).in_bulk()
    chosen = [cards[pk] for pk in chosen_ids]
    for product in chosen:
        product.recommendation_url = f"{product.page.url}?{PARAMETER}={placement}"
    return chosen
