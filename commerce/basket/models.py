from decimal import Decimal

from oscar.apps.basket.abstract_models import AbstractBasket, AbstractLine

from commerce.partner.vat import split_gross


class Basket(AbstractBasket):
    def all_lines(self):
        """Oscar's lines plus what every page showing them reads per line (product class for
        VAT and shipping, the stock records the pricing strategy picks from), so a basket,
        checkout or payment page costs the same queries for one line as for twenty."""
        if self.id is not None and self._lines is None:
            self._lines = (
                self.lines.select_related(
                    "product", "product__product_class", "product__parent__product_class", "stockrecord"
                )
                .prefetch_related("attributes", "product__images", "product__stockrecords__partner")
                .order_by(self._meta.pk.name)
            )
        return super().all_lines()


class Line(AbstractLine):
    """A basket line whose VAT is computed on the line total and rounded once (N2).

    Oscar multiplies the rounded unit tax by the quantity, which drifts by cents on
    larger quantities; a Dutch invoice rounds per line.
    """

    @property
    def line_price_excl_tax(self):
        gross = self.line_price_incl_tax
        if gross is None or self.unit_tax is None:
            return super().line_price_excl_tax
        return split_gross(gross, self.vat_rate)[0]

    @property
    def vat_rate(self):
        # DutchVatIncluded puts the rate in the price's tax code.
        return Decimal(self.purchase_info.price.tax_code)


from oscar.apps.basket.models import *  # noqa: E402,F403 - Oscar's fork pattern
