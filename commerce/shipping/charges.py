"""Delivery methods and what they cost (plain rules, no Oscar, no database).

Prices include VAT. Only the standard delivery cost is refundable on a full withdrawal (W8):
a dearer option the customer chose (express) is refunded up to the standard cost only.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class DeliveryMethod:
    code: str
    name: str
    charge: Decimal
    free_from: Decimal | None = None

    def charge_for(self, goods_total: Decimal) -> Decimal:
        if self.free_from is not None and goods_total >= self.free_from:
            return ZERO
        return self.charge


STANDARD = DeliveryMethod("standaard", "Standaard", Decimal("4.95"), free_from=Decimal("50.00"))
EXPRESS = DeliveryMethod("express", "Express", Decimal("9.95"))
NO_SHIPPING = DeliveryMethod("no-shipping-required", "Geen verzending nodig", ZERO)
BY_CODE = {method.code: method for method in (STANDARD, EXPRESS, NO_SHIPPING)}


def refundable_delivery_cost(charged: Decimal, goods_total: Decimal) -> Decimal:
    """W8: the part of the delivery cost paid back when the whole order is withdrawn."""
    return min(charged, STANDARD.charge_for(goods_total))


def delivery_vat_rate(rates: Iterable[Decimal]) -> Decimal:
    """Delivery follows the VAT rate of the goods shipped; a mixed parcel takes the highest."""
    return max(rates, default=Decimal("0"))
