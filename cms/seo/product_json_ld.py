"""JSON-LD Product for a product page (domain.md S3): live price and availability per sellable
item, the shop's return policy, images with their licences, and a rating only from approved
reviews."""

from decimal import Decimal

from django.db.models import Avg, Count
from oscar.core.loading import get_model

from cms.image_placeholders import shown
from cms.seo.json_ld import SCHEMA, image_object
from cms.seo.offers import availability_uri, is_valid_ean13, money, product_brand, product_offers, sku_of
from cms.seo.return_policy import return_policy
from cms.seo.site_settings import existing_seo_settings, page_image
from cms.seo.site_urls import site_root_url
from cms.seo.text import page_own_description, plain_text

ProductReview = get_model("reviews", "ProductReview")


def product_json(page, request, shop_settings, gallery=None):
    """JSON-LD Product for a ProductPage with live price and availability (S3)."""
    root = site_root_url(request)
    product = page.product
    strategy = request.strategy
    url = page.seo_canonical_url
    if gallery is None:
        gallery = [item.image for item in page.gallery_images.select_related("image")]
    # An image whose licence has run out is left out, not replaced by the placeholder (S6).
    images = [image_object(image, root) for image in shown(gallery)]
    fallback = page_image(page, existing_seo_settings(request))
    if not images and fallback is not None:
        images = [image_object(fallback, root)]
    description = page_own_description(page) or plain_text(page.seo_description)
    policy = return_policy(shop_settings, product.get_product_class())

    items = product_offers(product, strategy)
    own_info = items[0][1] if items and items[0][0] is product else None
    offers = [
        offer_json(product, item, info, url, root, policy)
        for item, info in items
        if info.price.exists and info.price.incl_tax is not None and info.price.incl_tax > 0
    ]

    data = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": page.title,
        "description": description,
        "sku": sku_of(product, own_info),
        "brand": {"@type": "Brand", "name": product_brand(product, shop_settings)},
        "url": url,
    }
    if images:
        data["image"] = images
    if is_valid_ean13(product.upc):
        data["gtin13"] = product.upc
    if offers:
        data["offers"] = offers[0] if len(offers) == 1 else offers
    rating = aggregate_rating(product)
    if rating:
        data["aggregateRating"] = rating
    return data


def offer_json(product, item, info, url, root, policy):
    """One Offer: the product itself, or one of its variants (named, with its own SKU/GTIN)."""
    offer = {
        "@type": "Offer",
        "url": url,
        "price": money(info.price.incl_tax),
        "priceCurrency": info.price.currency or "EUR",
        "availability": availability_uri(info),
        "itemCondition": f"{SCHEMA}NewCondition",
        "seller": {"@id": f"{root}/#organization"},
        "hasMerchantReturnPolicy": policy,
    }
    if item is not product:
        offer["name"] = item.get_title()
        offer["sku"] = sku_of(item, info)
        if is_valid_ean13(item.upc):
            offer["gtin13"] = item.upc
    return offer


def aggregate_rating(product):
    """AggregateRating from approved reviews only (S3), or None without any."""
    rating = ProductReview.objects.filter(product=product, status=ProductReview.APPROVED).aggregate(
        count=Count("id"), average=Avg("score")
    )
    if not rating["count"]:
        return None
    return {
        "@type": "AggregateRating",
        "ratingValue": str(Decimal(rating["average"]).quantize(Decimal("0.1"))),
        "reviewCount": rating["count"],
        "bestRating": "5",
        "worstRating": "1",
    }
