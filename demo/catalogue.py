"""The demo catalogue in Oscar: product classes, categories, the Winkelier partner,
products with their own and supplier texts, stock records and one image each.

Product classes are updated to the spec on every load (their VAT class and withdrawal
exception are rules, not demo content); products, stock and images that already exist are
left alone, so a re-run never undoes what staff changed.
"""

from django.core.files.base import ContentFile
from django.utils.text import slugify
from oscar.core.loading import get_model

from demo.assortment import CATEGORIES, PRODUCT_CLASSES, PRODUCTS
from demo.assortment.spec import CategorySpec, ProductSpec, root_of
from demo.images import product_tile

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

PARTNER_NAME = "Winkelier"


def ensure_product_classes() -> tuple[dict[str, object], int]:
    classes, created = {}, 0
    for key, spec in PRODUCT_CLASSES.items():
        product_class, was_created = ProductClass.objects.update_or_create(
            name=spec.name,
            defaults={
                "vat_class": spec.vat_class,
                "withdrawal_exception": spec.withdrawal_exception,
                "track_stock": spec.track_stock,
                "requires_shipping": spec.requires_shipping,
                "lifetime_days": spec.lifetime_days,
            },
        )
        classes[key] = product_class
        created += was_created
    return classes, created


def ensure_category(spec: CategorySpec, parent=None) -> tuple[object, bool]:
    """Categories are found again by their code (the spec's slug)."""
    existing = Category.objects.filter(code=spec.slug).first()
    if existing:
        return existing, False
    fields = {"name": spec.name, "slug": spec.slug, "code": spec.slug, "description": spec.description}
    if parent is None:
        return Category.add_root(**fields), True
    return parent.add_child(**fields), True


def ensure_categories() -> tuple[dict[str, object], int]:
    categories, created = {}, 0
    for root in CATEGORIES:
        root_node, was_created = ensure_category(root)
        categories[root.slug] = root_node
        created += was_created
        for child in root.children:
            categories[child.slug], was_created = ensure_category(child, root_node)
            created += was_created
    return categories, created


def ensure_stockrecords(partner, wanted: list[tuple[object, str, object, int | None]]) -> int:
    """Create the missing (product, sku, price, stock) records in bulk.

    bulk_create on purpose: a saved stock record triggers Oscar's back-in-stock alerts,
    which new demo stock has no subscribers for.
    """
    existing = set(StockRecord.objects.filter(partner=partner).values_list("partner_sku", flat=True))
    records = [
        StockRecord(
            partner=partner,
            product=product,
            partner_sku=sku,
            price=price,
            price_currency="EUR",
            num_in_stock=stock,
        )
        for product, sku, price, stock in wanted
        if sku not in existing
    ]
    StockRecord.objects.bulk_create(records)
    return len(records)


def ensure_image(product, colour) -> bool:
    """One generated tile per product; a stale file from an earlier database is replaced."""
    if product.images.exists():
        return False
    image = ProductImage(product=product, caption=product.get_title(), display_order=0)
    field = image._meta.get_field("original")
    filename = f"demo-{product.upc}.png"
    path = field.generate_filename(image, filename)
    if field.storage.exists(path):
        field.storage.delete(path)
    image.original.save(filename, ContentFile(product_tile(product.get_title(), colour)), save=False)
    image.save()
    return True


def ensure_product(spec: ProductSpec, product_class, category, colour, stock: list) -> dict[str, int]:
    """Create the product (and its variants) if missing; append the stock records it needs."""
    created = {"products": 0, "images": 0}
    product, was_created = Product.objects.get_or_create(
        upc=spec.upc,
        defaults={
            "title": spec.title,
            "slug": slugify(spec.title),
            "structure": Product.PARENT if spec.variants else Product.STANDALONE,
            "product_class": product_class,
            "description": spec.description,
            "supplier_text": spec.supplier_text,
            "is_public": True,
        },
    )
    created["products"] += was_created
    ProductCategory.objects.get_or_create(product=product, category=category)
    created["images"] += ensure_image(product, colour)
    if not spec.variants:
        stock.append((product, sku(spec.key), spec.price, spec.stock))
    for variant in spec.variants:
        child, was_created = Product.objects.get_or_create(
            upc=variant.upc,
            defaults={
                "title": variant.title,
                "slug": slugify(variant.title),
                "structure": Product.CHILD,
                "parent": product,
                "description": variant.description,
                "supplier_text": variant.supplier_text,
                "is_public": True,
            },
        )
        created["products"] += was_created
        created["images"] += ensure_image(child, colour)
        stock.append((child, sku(variant.key), variant.price, variant.stock))
    return created


def sku(key: str) -> str:
    return f"WNK-{key.upper()}"


def load_catalogue(progress) -> dict[str, int]:
    classes, classes_created = ensure_product_classes()
    categories, categories_created = ensure_categories()
    totals = {"product classes": classes_created, "categories": categories_created}
    stock: list = []
    total, done = sum(1 + len(spec.variants) for spec in PRODUCTS), 0
    for spec in PRODUCTS:
        colour = root_of(spec.category).colour
        product_class, category = classes[spec.product_class], categories[spec.category]
        created = ensure_product(spec, product_class, category, colour, stock)
        for name, count in created.items():
            totals[name] = totals.get(name, 0) + count
        done += 1 + len(spec.variants)
        progress.count(done, total, "products")
    partner, _created = Partner.objects.get_or_create(name=PARTNER_NAME)
    totals["stock records"] = ensure_stockrecords(partner, stock)
    return totals
