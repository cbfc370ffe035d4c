"""What an invoice prints (N3), computed once and frozen into Invoice.snapshot.

Amounts are Decimal; the snapshot stores them as strings (exact in JSON). VAT follows N2: each
line's VAT is computed on its total incl. VAT and rounded once, and the totals per rate are the
sums of those lines, so they add up to the total incl. VAT to the cent.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency

from commerce.checkout.address_rules import address_lines
from commerce.order.emails import shop_settings
from commerce.partner.vat import CENT, share, split_gross, totals_by_rate
from commerce.shipping.charges import delivery_vat_rate


def money(amount, language: str) -> str:
    """The shop's money format in the document's language (nl: € 1.234,56), as the storefront."""
    with translation.override(language):
        return currency(Decimal(amount))


def priced_line(description: str, quantity: int, gross: Decimal, rate: Decimal) -> dict:
    net, _vat = split_gross(gross, rate)
    return {
        "description": description,
        "quantity": quantity,
        "unit_price_excl_tax": str((net / quantity).quantize(CENT, rounding=ROUND_HALF_UP)),
        "vat_rate": str(rate),
        "total_excl_tax": str(net),
        "total_incl_tax": str(gross),
    }


def goods_line(line, quantity: int) -> dict:
    """An order line, or the shipped part of it (its share of the line's price incl. VAT)."""
    gross = share(line.line_price_incl_tax, quantity, line.quantity)
    # The order line it bills, so a credit note after a return finds what it credits.
    return {**priced_line(line.title, quantity, gross, line.vat_rate), "order_line": line.pk}


def delivery_line(order) -> dict | None:
    """The delivery charge as a line, at the rate of the goods it carries (highest rate)."""
    if not order.shipping_incl_tax:
        return None
    if order.shipping_tax_code:
        rate = Decimal(order.shipping_tax_code)
    else:
        shipped = (
            line for line in order.lines.all() if line.product is None or line.product.is_shipping_required
        )
        rate = delivery_vat_rate(line.vat_rate for line in shipped)
    with translation.override(order.language):
        description = _("Verzendkosten: %(method)s") % {"method": order.shipping_method}
    return {**priced_line(description, 1, order.shipping_incl_tax, rate), "delivery": True}


def shop_details() -> dict:
    shop = shop_settings()
    return {
        "name": shop.legal_name,
        "street_address": shop.street_address,
        "postcode": shop.postcode,
        "city": shop.city,
        "email": shop.email,
        "kvk_number": shop.kvk_number,
        "vat_number": shop.vat_number,
    }


def customer_details(order) -> dict:
    """Who the invoice is addressed to: the billing address, else the delivery address."""
    address = order.billing_address or order.shipping_address
    if address is None:
        name = order.user.get_full_name() if order.user else ""
        return {"name": name or order.email, "address": [], "email": order.email}
    return {"name": address.name, "address": address_lines(address, with_name=False), "email": order.email}


def vat_summary(lines: list[dict]) -> list[dict]:
    totals = totals_by_rate((Decimal(line["total_incl_tax"]), Decimal(line["vat_rate"])) for line in lines)
    return [
        {"rate": str(rate), "net": str(amounts["net"]), "vat": str(amounts["vat"])}
        for rate, amounts in totals.items()
    ]


def snapshot(invoice, lines: list[dict]) -> dict:
    """Everything the PDF prints, in the order's language, frozen at issue time."""
    order = invoice.order
    return {
        "kind": invoice.kind,
        "number": invoice.number,
        "issued_on": invoice.issued_on.isoformat(),
        "language": order.language,
        "order_number": order.number,
        "credits": invoice.credits.number if invoice.credits_id else "",
        "shop": shop_details(),
        "customer": customer_details(order),
        "lines": lines,
        "vat": vat_summary(lines),
        "total_excl_tax": str(sum((Decimal(line["total_excl_tax"]) for line in lines), Decimal("0.00"))),
        "total_incl_tax": str(sum((Decimal(line["total_incl_tax"]) for line in lines), Decimal("0.00"))),
    }
