"""An exchange (W15): the withdrawn line comes back and another variant of the same product goes
out without a new payment, when the price is the same.

The new variant is reserved and written as an order of its own (number = the return number),
paid by the returned goods, so staff dispatch and invoice it like any order; the return's
refund is then settled by that order instead of paid out (Refund.Method.EXCHANGE). An exchange
never holds up the withdrawal: when the variant is sold out or its price differs, the return
goes on as a plain return (the event says why).
"""

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.shipping.methods import Free
from oscar.core.loading import get_class, get_model

from commerce.order.utils import OutOfStock
from commerce.payments.placement import write_order
from commerce.payments.preparation import Totals
from commerce.returns.models import Return
from commerce.returns.transitions import SYSTEM, ReturnRefused, record

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")


class ExchangeDelivery(Free):
    code = "exchange"
    name = _("Ruil: gratis verzonden")


def check_choice(lines, product) -> None:
    """The exchange product must be another variant of the one withdrawn line's product."""
    if product is None:
        return
    if len(lines) != 1:
        raise ReturnRefused(_("Ruilen kan per product: kies één regel om te ruilen."))
    withdrawn = lines[0].line.product
    if withdrawn is None or not withdrawn.parent_id or product.parent_id != withdrawn.parent_id:
        raise ReturnRefused(_("Ruilen kan alleen voor een andere variant van hetzelfde product."))
    if product.pk == withdrawn.pk:
        raise ReturnRefused(_("Kies een andere variant om voor te ruilen."))


def address_fields(address) -> dict | None:
    if address is None:
        return None
    fields = ["first_name", "last_name", "line1", "line2", "line3", "line4", "state", "postcode"]
    return {name: getattr(address, name) for name in fields} | {"country": address.country_id}


def exchange_basket(order, product, quantity):
    basket = Basket.objects.create(owner=order.user)
    basket.strategy = Selector().strategy(user=order.user)
    basket.add_product(product, quantity)
    return basket


def give_up(return_request: Return, why: str) -> None:
    return_request.exchange_for = None
    return_request.save(update_fields=["exchange_for"])
    record(return_request, return_request.state, SYSTEM, why)


def reserve(return_request: Return) -> None:
    """At authorisation: the exchange order for the new variant, or a plain return after all."""
    return_line = return_request.lines.select_related("order_line").get()
    order = return_request.order
    basket = exchange_basket(order, return_request.exchange_for, return_line.quantity)
    if basket.total_incl_tax != return_line.paid_incl_tax:
        give_up(
            return_request,
            _("Geen ruil: de andere variant kost niet hetzelfde; het wordt een gewone retour."),
        )
        return
    method = ExchangeDelivery()
    charge = method.calculate(basket)
    totals = Totals(method, charge, OrderTotalCalculator().calculate(basket, charge))
    try:
        with transaction.atomic():
            write_order(
                basket,
                order.user,
                totals,
                shipping_address=address_fields(order.shipping_address),
                billing_address=address_fields(order.billing_address),
                email=order.email,
                language=order.language,
                order_number=return_request.number,
            )
    except OutOfStock:
        give_up(
            return_request, _("Geen ruil: de andere variant is uitverkocht; het wordt een gewone retour.")
        )
        return
    basket.submit()
    record(
        return_request,
        return_request.state,
        SYSTEM,
        _("Ruil gereserveerd: bestelling %s.") % return_request.number,
    )
