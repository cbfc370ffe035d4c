"""What demo shoppers put in one basket: products bought together far more often than chance.

An order is either a "mission" from an affinity group (a phone with a case and screen glass,
jeans with a belt, chocolates with a card, ...) or a few products picked on their own by
popularity. Recommendations and segments built later should find this structure again.
"""

import random
from collections import Counter
from dataclasses import dataclass

from demo.assortment import PRODUCTS


@dataclass(frozen=True)
class Slot:
    """One place in a basket, filled with one of ``choices`` with the given probability."""

    choices: tuple[str, ...]
    probability: float = 1.0
    weights: tuple[int, ...] | None = None
    # Items per unit of the group, e.g. two solar panels per inverter.
    per_unit: int = 1
    # Consumers sometimes take a few (cards, chocolates): a range multiplied with the units.
    extra: tuple[int, int] = (1, 1)


@dataclass(frozen=True)
class AffinityGroup:
    name: str
    weight: int
    slots: tuple[Slot, ...]
    # How many sets a consumer buys at once; businesses use their own range.
    units: tuple[int, int] = (1, 1)
    business_units: tuple[int, int] | None = None
    # Bought once in a lifetime (solar panels): never a customer's recurring favourite.
    can_be_favourite: bool = True


PHONE_CASES = ("hoesje-siliconen", "bookcase-leer")
CARDS = ("kaart-bedankt", "kaart-gefeliciteerd")
CHOCOLATES = ("bonbons-16", "karamel-9", "proeverij-32", "truffels-12")
PERSONALISED = ("mok-naam", "notitieboek-initialen", "snijplank-gravure", "fotokussen")
BOOKS = (
    "het-polderjaar",
    "koken-met-de-seizoenen",
    "fietsroutes",
    "geschiedenis-grachten",
    "slaap-lekker-kleine-vos",
)

GROUPS = (
    AffinityGroup(
        "nieuwe-telefoon",
        weight=6,
        slots=(
            Slot(("nordphone-6", "nordphone-6-pro"), weights=(3, 1)),
            Slot(PHONE_CASES, 0.85, weights=(3, 2)),
            Slot(("screenprotector",), 0.8),
            Slot(("snellader",), 0.35),
        ),
        business_units=(4, 24),
    ),
    AffinityGroup(
        "telefoon-beschermen",
        weight=5,
        slots=(Slot(("hoesje-siliconen",)), Slot(("screenprotector",), 0.9), Slot(("usb-c-kabel",), 0.15)),
    ),
    AffinityGroup(
        "jeans-en-riem",
        weight=12,
        slots=(
            Slot(("jeans-regular", "jeans-slim"), weights=(3, 2)),
            Slot(("riem-bruin", "riem-zwart"), 0.7),
            Slot(("sokken-merino",), 0.2),
        ),
    ),
    AffinityGroup(
        "lezen",
        weight=12,
        slots=(
            Slot(BOOKS, weights=(5, 4, 4, 3, 3)),
            Slot(("leeslampje",), 0.55),
            Slot(("boekenlegger",), 0.3),
        ),
    ),
    AffinityGroup(
        "chocolade-cadeau",
        weight=12,
        slots=(
            Slot(CHOCOLATES, weights=(5, 3, 2, 2), extra=(1, 2)),
            Slot(CARDS, 0.75, weights=(3, 2)),
            Slot(("cadeauverpakking",), 0.35),
        ),
        business_units=(15, 60),
    ),
    AffinityGroup(
        "persoonlijk-cadeau",
        weight=7,
        slots=(
            Slot(PERSONALISED, weights=(4, 3, 2, 2)),
            Slot(("kaart-gefeliciteerd",), 0.5),
            Slot(("cadeauverpakking",), 0.4),
        ),
    ),
    AffinityGroup(
        "eigen-website",
        weight=6,
        slots=(
            Slot(("webhosting-basis", "webhosting-plus"), weights=(3, 1)),
            Slot(("domeinnaam-nl",), 0.8),
            Slot(("website-overzetten",), 0.25),
        ),
    ),
    AffinityGroup(
        "kantoor-thuis",
        weight=5,
        slots=(
            Slot(("schrijfwerk-kantoor",)),
            Slot(("waakhond-beveiliging",), 0.55),
            Slot(("kasboek-zzp",), 0.15),
        ),
        business_units=(5, 20),
    ),
    AffinityGroup(
        "veilig-bewaren",
        weight=5,
        slots=(
            Slot(("cloudbackup-50gb", "cloudbackup-250gb", "cloudbackup-1tb"), weights=(4, 3, 1)),
            Slot(("waakhond-beveiliging",), 0.25),
        ),
    ),
    AffinityGroup(
        "zonnepanelen",
        weight=3,
        slots=(
            Slot(("zonnepaneel-430",), per_unit=2),
            Slot(("micro-omvormer",), 0.9),
            Slot(("montageset-pannendak",), 0.9),
        ),
        units=(3, 6),
        can_be_favourite=False,
    ),
)
GROUPS_BY_NAME = {group.name: group for group in GROUPS}

# Share of consumer orders that follow a group, and of those an extra unrelated product.
GROUP_SHARE = 0.62
EXTRA_ITEM_SHARE = 0.15
FAVOURITE_SHARE = 0.55


def _solo_catalogue():
    """(key, weight) for every product a shopper can buy on its own; a variant gets its parent's weight."""
    entries = []
    for spec in PRODUCTS:
        if spec.variants:
            entries.extend((variant.key, spec.popularity) for variant in spec.variants)
        else:
            entries.append((spec.key, spec.popularity))
    return tuple(entries)


SOLO_KEYS, SOLO_WEIGHTS = zip(*_solo_catalogue(), strict=True)


def pick_favourites(rng: random.Random, count: int = 2) -> tuple[str, ...]:
    """A customer's favourite groups: loyal customers keep coming back for the same things."""
    candidates = [group for group in GROUPS if group.can_be_favourite]
    favourites: list[str] = []
    while len(favourites) < count:
        group = rng.choices(candidates, weights=[group.weight for group in candidates])[0]
        if group.name not in favourites:
            favourites.append(group.name)
    return tuple(favourites)


def fill_group(rng: random.Random, group: AffinityGroup, units: int) -> Counter:
    basket: Counter = Counter()
    for slot in group.slots:
        if rng.random() >= slot.probability:
            continue
        key = rng.choices(slot.choices, weights=slot.weights)[0]
        basket[key] += units * slot.per_unit * rng.randint(*slot.extra)
    return basket


def solo_items(rng: random.Random, count: int) -> Counter:
    basket: Counter = Counter()
    while len(basket) < count:
        key = rng.choices(SOLO_KEYS, weights=SOLO_WEIGHTS)[0]
        basket[key] = 2 if rng.random() < 0.08 else 1
    return basket


def consumer_basket(rng: random.Random, favourites: tuple[str, ...]) -> Counter:
    """Product key → quantity for one consumer order."""
    if rng.random() >= GROUP_SHARE:
        return solo_items(rng, rng.choices((1, 2, 3), weights=(6, 3, 1))[0])
    if favourites and rng.random() < FAVOURITE_SHARE:
        group = GROUPS_BY_NAME[rng.choice(favourites)]
    else:
        group = rng.choices(GROUPS, weights=[group.weight for group in GROUPS])[0]
    basket = fill_group(rng, group, rng.randint(*group.units))
    if rng.random() < EXTRA_ITEM_SHARE:
        for key, quantity in solo_items(rng, 1).items():
            basket.setdefault(key, quantity)
    return basket


BUSINESS_GROUPS = tuple(group for group in GROUPS if group.business_units)


def business_basket(rng: random.Random) -> Counter:
    """A bulk order: staff phones, office software or chocolates for every relation."""
    group = rng.choice(BUSINESS_GROUPS)
    low, high = group.business_units or (1, 1)  # BUSINESS_GROUPS holds only groups with a range
    return fill_group(rng, group, rng.randint(low, high))
