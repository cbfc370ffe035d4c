"""W15: alternatives to a withdrawal, offered below the button that finishes it and in its
acknowledgement, never as a condition: another variant of a product being withdrawn (another
size or colour, in stock) to exchange it for, and products that go with the order.

Nothing here may hold up a withdrawal: when finding alternatives fails, none are shown.
"""

import logging

from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from commerce.order.confirmation import absolute
from commerce.recommendations.service import in_stock, placement_shown, recommendations_for
from commerce.returns.transitions import ReturnRefused

Product = get_model("catalogue", "Product")

logger = logging.getLogger(__name__)

# The recommendations placement of the withdrawal flow (settings.WINKELIER_RECOMMENDATION_PLACEMENTS).
RETURN_PLACEMENT = "return"
SHOWN = 3


def exchange_variants(lines, limit: int | None = SHOWN) -> list:
    """Other public variants in stock of the one product withdrawn (`lines`: order lines), at the
    price paid for it, as `exchange_price`: an exchange goes out without a new payment, one
    product at a time (commerce/returns/exchanging.py)."""
    if len(lines) != 1 or lines[0].product is None or not lines[0].product.parent_id:
        return []
    withdrawn = lines[0].product
    stock = in_stock().filter(product=OuterRef("pk"), price=lines[0].unit_price_incl_tax)
    variants = (
        Product.objects.filter(parent_id=withdrawn.parent_id, is_public=True)
        .exclude(pk=withdrawn.pk)
        .filter(Exists(stock))
        .annotate(exchange_price=Subquery(stock.order_by("price").values("price")[:1]))
        .select_related("parent")
        .order_by("parent_id", "pk")
    )
    return list(variants if limit is None else variants[:limit])


def chosen_variant(value: str, lines):
    """The variant posted to exchange for, one of those offered for `lines`; None when none.
    Raises ReturnRefused for anything else."""
    if not value:
        return None
    offered = {str(variant.pk): variant for variant in exchange_variants(lines, limit=None)}
    if value not in offered:
        raise ReturnRefused(_("Deze ruil kunnen we niet aanbieden. Kies een andere, of herroep zonder ruil."))
    return offered[value]


def related(order, limit: int) -> list:
    if limit <= 0 or not placement_shown(RETURN_PLACEMENT):
        return []
    return recommendations_for(order, RETURN_PLACEMENT, limit=limit)


def offered(order, lines) -> dict:
    """For the confirmation step: {"variants": [...], "related": [...]}, at most SHOWN in all."""
    try:
        variants = exchange_variants(lines)
        return {"variants": variants, "related": related(order, SHOWN - len(variants))}
    except Exception:  # an alternative must never stop the withdrawal (W15)
        logger.exception("No alternatives for the withdrawal from order %s", order.number)
        return {"variants": [], "related": []}


def for_email(order) -> list[dict]:
    """For the acknowledgement: up to SHOWN related products, as titles and absolute links."""
    try:
        products = related(order, SHOWN)
    except Exception:  # the acknowledgement goes out without them (W4, W15)
        logger.exception("No alternatives for the acknowledgement of order %s", order.number)
        return []
    return [
        {"title": product.get_title(), "url": absolute(product.recommendation_url)} for product in products
    ]
