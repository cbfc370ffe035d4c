"""Demo content for the uniqueness audit (domain.md S5): something for `content_audit` to find.

Three product pages keep a lightly edited copy of the supplier's text as their own text
(an editor who pasted the supplier's specifications and changed a word or two), and the two
jeans share one text with only the fit changed (near-duplicates, Jaccard ≥ 0.8). Every
other demo product page is written in the shop's own words and is not flagged.

Runs after the product-pages stage. A page is only changed while it still carries the text
the product-pages stage gave it, so a second run changes nothing and an editor who rewrote
one of these pages keeps the rewrite.
"""

from dataclasses import dataclass

from oscar.core.loading import get_model

from cms.models import ProductPage
from demo.assortment import PRODUCTS
from demo.product_pages import first_sentence

Product = get_model("catalogue", "Product")


@dataclass(frozen=True)
class SeededText:
    # The assortment key (demo/assortment) of a standalone or parent product, as only those have a
    # page; the product is found by its UPC.
    key: str
    intro: str
    description: str


# Lightly edited copies of the supplier texts in demo/assortment.
COPIED = (
    SeededText(
        "powerbank",
        "",
        "<p>Powerbank, capaciteit 10.000 mAh (37 Wh). Uitgangen: 1x USB-C (20 W PD), 1x USB-A "
        "(18 W). Ingang: USB-C. Afmetingen: 140 x 68 x 15 mm. Gewicht: 210 g. Mag mee in de "
        "handbagage.</p>",
    ),
    SeededText(
        "leeslampje",
        "",
        "<p>LED-leeslamp met klem. Lichtkleur instelbaar 2700 K / 4000 K, 3 helderheidsstanden. "
        "Accu 400 mAh, laden via USB-C, brandduur tot 40 uur. Flexibele hals, gewicht maar 45 g.</p>",
    ),
    SeededText(
        "schoudertas",
        "",
        "<p>Schoudertas van gewaxt katoenen canvas (16 oz) met leren details. Kleur: olijfgroen. "
        "Hoofdvak met gewatteerd laptopvak (max. 14 inch), voorvak met drukknoop. Afmetingen: "
        "38 x 28 x 10 cm. Inhoud ongeveer 11 liter.</p>",
    ),
)

# One text for both jeans; only the fit differs.
_JEANS = (
    "<p>Een spijkerbroek die je elke dag aantrekt, jarenlang. De {fit} pijp valt mooi over je "
    "schoenen en de stevige denim van biologisch katoen wordt met elke wasbeurt zachter. Wij "
    "wassen hem binnenstebuiten op dertig graden en laten hem aan de lijn drogen, zo blijft "
    "de kleur het langst mooi. De knopen zijn van metaal, de naden dubbel gestikt en de "
    "zakken diep genoeg voor je telefoon.</p>"
)
NEAR_DUPLICATES = (
    SeededText("jeans-regular", "", _JEANS.format(fit="rechte")),
    SeededText("jeans-slim", "", _JEANS.format(fit="smalle")),
)

SEEDS = COPIED + NEAR_DUPLICATES


def page_for(key: str) -> ProductPage | None:
    upc = next(spec.upc for spec in PRODUCTS if spec.key == key)
    return ProductPage.objects.filter(product__upc=upc).select_related("product").first()


def load_audit_seeds(progress) -> dict[str, int]:
    """Give the seeded pages their copied / near-duplicate text; returns pages changed."""
    changed = 0
    for seed in SEEDS:
        page = page_for(seed.key)
        if page is None:
            progress.write(f"    audit seed {seed.key}: no product page (yet); skipped")
            continue
        if (page.intro, page.description) == (seed.intro, seed.description):
            continue
        untouched = page.description == page.product.description and page.intro == first_sentence(
            page.product.description
        )
        if not untouched:
            progress.write(f"    audit seed {seed.key}: page text was edited; left alone")
            continue
        page.intro, page.description = seed.intro, seed.description
        page.save_revision(log_action=False).publish(log_action=False)
        changed += 1
    return {"audit seed pages": changed}
