"""The shapes of the demo assortment: product classes, categories and products.

Plain data, no models: the catalogue loader turns these into Oscar rows.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from commerce.catalogue.models import VatClass
from commerce.catalogue.withdrawal_exceptions import WithdrawalException


@dataclass(frozen=True)
class ClassSpec:
    name: str
    vat_class: str
    withdrawal_exception: str = WithdrawalException.NONE
    track_stock: bool = True
    requires_shipping: bool = True
    # Days the product lasts on average: the follow-up plan's "Bijna op?" e-mail (A6).
    lifetime_days: int | None = None


@dataclass(frozen=True)
class CategorySpec:
    slug: str
    name: str
    description: str
    # Tile colour of every product image below this category (RGB).
    colour: tuple[int, int, int] = (90, 90, 90)
    children: tuple["CategorySpec", ...] = ()


@dataclass(frozen=True)
class VariantSpec:
    """A child product: its own UPC, price and texts; class and category come from the parent."""

    key: str
    title: str
    upc: str
    price: Decimal
    description: str
    supplier_text: str
    # None: stock is not tracked (services).
    stock: int | None = None


@dataclass(frozen=True)
class ProductSpec:
    key: str
    title: str
    product_class: str
    category: str
    upc: str
    description: str
    supplier_text: str
    # A parent product (variants set) has no price or stock of its own; services track no stock.
    price: Decimal | None = None
    stock: int | None = None
    # Relative weight when a shopper buys something on its own (not as part of a set).
    popularity: int = 3
    variants: tuple[VariantSpec, ...] = field(default=())


# ProductSpec.product_class names one of these keys.
PRODUCT_CLASSES = {
    "everyday": ClassSpec("Gebruiksartikelen", VatClass.STANDARD),
    "personalised": ClassSpec(
        "Maatwerk en personalisatie", VatClass.STANDARD, WithdrawalException.PERSONALISED
    ),
    "sealed_software": ClassSpec(
        "Software in verzegelde verpakking", VatClass.STANDARD, WithdrawalException.SEALED_MEDIA
    ),
    "perishable": ClassSpec(
        "Chocolade en bonbons", VatClass.REDUCED, WithdrawalException.PERISHABLE, lifetime_days=30
    ),
    "books": ClassSpec("Boeken", VatClass.REDUCED),
    "services": ClassSpec(
        "Online diensten",
        VatClass.STANDARD,
        WithdrawalException.SERVICE_PERFORMED,
        track_stock=False,
        requires_shipping=False,
    ),
    # Solar panels on or near homes carry 0 % VAT in the Netherlands since 2023.
    "solar": ClassSpec("Zonnepanelen voor woningen", VatClass.ZERO),
}

CATEGORIES = (
    CategorySpec(
        "telefonie",
        "Telefonie",
        "Smartphones die lang meegaan en de accessoires die ze heel houden.",
        colour=(36, 84, 140),
        children=(
            CategorySpec("smartphones", "Smartphones", "Toestellen met jarenlang updates."),
            CategorySpec("telefoonaccessoires", "Accessoires", "Hoesjes, glas, laders en kabels."),
        ),
    ),
    CategorySpec(
        "kleding",
        "Kleding",
        "Eerlijke basiskleding van stevige stoffen.",
        colour=(52, 72, 110),
        children=(
            CategorySpec("jeans", "Jeans", "Denim van biologisch katoen."),
            CategorySpec("riemen-en-tassen", "Riemen, tassen en sokken", "Leer, canvas en wol."),
        ),
    ),
    CategorySpec(
        "cadeaus",
        "Cadeaus",
        "Iets lekkers, iets persoonlijks en een kaartje erbij.",
        colour=(150, 60, 70),
        children=(
            CategorySpec("chocolade", "Chocolade", "Vers gemaakte bonbons en truffels."),
            CategorySpec("kaarten-en-inpakken", "Kaarten en inpakken", "Wenskaarten en cadeauverpakking."),
            CategorySpec("gepersonaliseerd", "Gepersonaliseerd", "Met naam, initialen of eigen foto."),
        ),
    ),
    CategorySpec(
        "lezen",
        "Boeken en lezen",
        "Boeken die wij zelf graag lazen en wat je nodig hebt om lekker te lezen.",
        colour=(46, 110, 80),
        children=(
            CategorySpec("boeken", "Boeken", "Romans, kookboeken, reisgidsen en prentenboeken."),
            CategorySpec("leesaccessoires", "Leesaccessoires", "Lampjes, boekensteunen en boekenleggers."),
        ),
    ),
    CategorySpec(
        "software",
        "Software",
        "Programma's in een verzegelde doos, zonder abonnement.",
        colour=(96, 70, 140),
    ),
    CategorySpec(
        "online-diensten",
        "Online diensten",
        "Back-up, hosting en domeinnamen, in Nederland geregeld.",
        colour=(30, 120, 130),
        children=(
            CategorySpec("cloudbackup", "Cloudbackup", "Automatische back-ups in een Nederlands datacenter."),
            CategorySpec("websites", "Websites en hosting", "Alles voor je eigen website."),
        ),
    ),
    CategorySpec(
        "zonne-energie",
        "Zonne-energie",
        "Zonnepanelen voor je eigen dak, zonder btw.",
        colour=(196, 130, 20),
    ),
)


def root_of(category_slug: str) -> CategorySpec:
    for root in CATEGORIES:
        if category_slug == root.slug or any(child.slug == category_slug for child in root.children):
            return root
    raise KeyError(category_slug)
