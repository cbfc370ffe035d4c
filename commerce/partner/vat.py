"""Dutch VAT arithmetic (domain.md N2): prices are entered and shown including VAT.

Plain functions on Decimal, no Django models, so the rules are tested on their own.
"""

from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings

CENT = Decimal("0.01")


def rate_for_class(vat_class: str) -> Decimal:
    """The VAT percentage a VAT class charges, e.g. Decimal("21")."""
    return settings.WINKELIER_VAT_RATES[vat_class]


def rate_for_product(product: Any) -> Decimal:
    """Variants use their parent's product class."""
    return rate_for_class(product.get_product_class().vat_class)


def split_gross(gross: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
    """Split a VAT-inclusive amount into (net, vat), the VAT rounded half-up to cents.

    Net is what remains, so net + vat == gross to the cent, always.
    """
    vat = (gross * rate / (100 + rate)).quantize(CENT, rounding=ROUND_HALF_UP)
    return gross - vat, vat


def share(total: Decimal, part: int, whole: int) -> Decimal:
    """`part` of `whole` units of a line that cost `total`, rounded half-up to cents: a shipped
    part on an invoice, a withdrawn part on a refund, a credited part on a credit note."""
    return (total * part / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def line_amounts(unit_gross: Decimal, quantity: int, rate: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """(gross, net, vat) for a line: VAT is computed on the line total, rounded once."""
    gross = unit_gross * quantity
    net, vat = split_gross(gross, rate)
    return gross, net, vat


def totals_by_rate(lines: Iterable[tuple[Decimal, Decimal]]) -> dict[Decimal, dict[str, Decimal]]:
    """Sum (gross, rate) pairs per rate, as a review step or invoice shows them.

    Each line is rounded on its own (as stored on the order line); the per-rate
    totals are sums of those rounded lines, so they add up to the order total.
    """
    totals: defaultdict[Decimal, dict[str, Decimal]] = defaultdict(
        lambda: {"gross": Decimal("0.00"), "net": Decimal("0.00"), "vat": Decimal("0.00")}
    )
    for gross, rate in lines:
        net, vat = split_gross(gross, rate)
        bucket = totals[rate]
        bucket["gross"] += gross
        bucket["net"] += net
        bucket["vat"] += vat
    return dict(sorted(totals.items(), reverse=True))
