"""How much one basket may hold (issue 9): units of a product, and the amount to pay.

One card payment has a ceiling (Stripe: EUR 999,999.99), and a basket of 10,000 units of a
service is a typo or abuse, not an order. The shop's limits are settings
(``WINKELIER_MAX_LINE_QUANTITY``, ``WINKELIER_MAX_BASKET_AMOUNT``); the amount limit never
exceeds Stripe's. Shoppers meet them where they add or change quantities (commerce/basket/forms.py
and formsets.py), and checkout refuses a basket over them (commerce/checkout/session.py), for
the basket that grew another way (a price change, a lowered limit, a merged basket).
"""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency

STRIPE_CARD_MAXIMUM = Decimal("999999.99")


def max_line_quantity() -> int:
    return int(settings.WINKELIER_MAX_LINE_QUANTITY)


def max_basket_amount() -> Decimal:
    return min(Decimal(settings.WINKELIER_MAX_BASKET_AMOUNT), STRIPE_CARD_MAXIMUM)


def quantity_problem(quantity: int, title: str) -> str | None:
    """Why ``quantity`` units of the product titled ``title`` cannot be in one basket, or None."""
    if quantity <= max_line_quantity():
        return None
    return _(
        "Je kunt hoogstens %(max)d stuks van “%(title)s” in één keer bestellen. "
        "Wil je er meer? Neem contact met ons op."
    ) % {"max": max_line_quantity(), "title": title}


def amount_problem(total: Decimal) -> str | None:
    """Why a basket totalling ``total`` (incl. VAT) cannot be paid in one go, or None."""
    if total <= max_basket_amount():
        return None
    return _(
        "Een bestelling kan hoogstens %(max)s kosten; je winkelmand zou %(total)s worden. "
        "Verlaag een aantal of neem contact met ons op voor een grote bestelling."
    ) % {"max": currency(max_basket_amount()), "total": currency(total)}


def unit_price(purchase_info) -> Decimal | None:
    """The price per unit incl. VAT that the basket will charge (None: not for sale)."""
    price = purchase_info.price
    if not price.exists:
        return None
    return price.incl_tax if price.is_tax_known else price.excl_tax


def basket_total(basket) -> Decimal:
    """What the basket's lines cost now, incl. VAT and after discounts."""
    return basket.total_incl_tax if basket.is_tax_known else basket.total_excl_tax


def basket_problems(basket) -> list[str]:
    """Every limit the basket as it stands breaks, each as a message for the shopper."""
    quantities: dict[int, tuple[int, str]] = {}
    for line in basket.all_lines():
        count, title = quantities.get(line.product_id, (0, line.product.get_title()))
        quantities[line.product_id] = (count + line.quantity, title)
    problems = [quantity_problem(count, title) for count, title in quantities.values()]
    problems.append(amount_problem(basket_total(basket)))
    return [problem for problem in problems if problem]
