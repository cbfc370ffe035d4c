"""Pricing strategy: stock record prices include Dutch VAT at the product class's rate."""

from oscar.apps.partner import prices, strategy

from commerce.partner.vat import rate_for_product, split_gross


class DutchVatIncluded:
    """Pricing policy mixin for Oscar's ``Structured`` strategy (N2).

    The stock record's price is the consumer price incl. VAT, as a Dutch shop owner
    sets it (€ 29,95, not € 24,75 + btw). Net and tax are derived; the tax code
    carries the rate so order lines can store it.
    """

    def pricing_policy(self, product, stockrecord):
        if not stockrecord or stockrecord.price is None:
            return prices.Unavailable()
        rate = rate_for_product(product)
        net, vat = split_gross(stockrecord.price, rate)
        return prices.TaxInclusiveFixedPrice(
            currency=stockrecord.price_currency, excl_tax=net, tax=vat, tax_code=str(rate)
        )

    def parent_pricing_policy(self, product, children_stock):
        # A parent shows its cheapest available variant ("vanaf").
        records = [record for _child, record in children_stock if record and record.price is not None]
        if not records:
            return prices.Unavailable()
        return self.pricing_policy(product, min(records, key=lambda record: record.price))


class DutchShop(strategy.UseFirstStockRecord, strategy.StockRequired, DutchVatIncluded, strategy.Structured):
    """One warehouse, stock required unless the product class tracks no stock (services)."""


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return DutchShop(request)
