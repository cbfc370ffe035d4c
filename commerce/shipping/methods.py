from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F403 - Oscar's fork pattern
from oscar.apps.shipping.methods import Base
from oscar.core import prices

from commerce.partner.vat import split_gross
from commerce.shipping import charges


class Delivery(Base):
    """An Oscar shipping method backed by a `charges.DeliveryMethod` (prices include VAT)."""

    is_tax_known = True
    rule: charges.DeliveryMethod

    def __init__(self, rule: charges.DeliveryMethod, name, description=""):
        self.rule = rule
        self.code = rule.code
        self.name = name
        self.description = description

    def calculate(self, basket):
        gross = self.rule.charge_for(basket.total_incl_tax)
        rate = charges.delivery_vat_rate(
            line.vat_rate for line in basket.all_lines() if line.product.is_shipping_required
        )
        net, vat = split_gross(gross, rate)
        # tax_code carries the rate onto Order.shipping_tax_code (VAT per rate on mails, invoices).
        return prices.Price(
            currency=basket.currency or "EUR", excl_tax=net, incl_tax=gross, tax=vat, tax_code=str(rate)
        )

    def tax_rate(self, basket) -> Decimal:
        return charges.delivery_vat_rate(
            line.vat_rate for line in basket.all_lines() if line.product.is_shipping_required
        )


def standard():
    return Delivery(
        charges.STANDARD,
        _("Standaard (1–3 werkdagen)"),
        _("Gratis vanaf € 50,00, anders € 4,95."),
    )


def express():
    return Delivery(charges.EXPRESS, _("Express (volgende werkdag)"), _("€ 9,95."))
