"""VAT per rate for the review on the payment page (N2): the goods at their own rates, the
delivery cost at the rate of the goods shipped."""

from commerce.partner.vat import totals_by_rate


def vat_by_rate(basket, shipping_method, shipping_charge):
    lines = [(line.line_price_incl_tax, line.vat_rate) for line in basket.all_lines()]
    if shipping_charge is not None and shipping_charge.incl_tax:
        lines.append((shipping_charge.incl_tax, shipping_method.tax_rate(basket)))
    return [{"rate": rate, **amounts} for rate, amounts in totals_by_rate(lines).items()]
