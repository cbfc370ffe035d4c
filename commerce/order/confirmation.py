"""What the order confirmation says: amounts, links and the withdrawal policy (W1–W5, W8–W13).

The policy is built as a list of paragraphs so the text and HTML e-mail print the same words.
Without it in the confirmation the withdrawal window grows by twelve months (W5), so every
confirmation carries it, tailored to the products in this order.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency

from commerce.catalogue.withdrawal_exceptions import SEAL_DEPENDENT, WithdrawalException
from commerce.order import summary
from commerce.order.emails import public_root_url
from commerce.order.guest_links import order_token
from commerce.recommendations.models import Placement
from commerce.recommendations.service import placement_shown, recommendations_for
from commerce.returns.policy import LEGAL_WINDOW_DAYS, window_days
from home.models import ReturnShippingPaidBy

EMAIL_RECOMMENDATIONS = 3


def absolute(path: str) -> str:
    return f"{public_root_url()}{path}"


def order_page_path(order) -> str:
    """The customer's own order page, or the signed guest link when there is no account."""
    if order.user_id:
        return reverse("customer:order", kwargs={"order_number": order.number})
    return reverse("order-guest-detail", kwargs={"token": order_token(order)})


def order_page_url(order) -> str:
    return absolute(order_page_path(order))


def model_form_url() -> str:
    return absolute(reverse("withdrawal-model-form"))


def exception_note(exception: WithdrawalException) -> str:
    """What the exception means for the customer, after its legal label (W13)."""
    if exception in SEAL_DEPENDENT:
        consequence = _("Zolang de verzegeling niet verbroken is, kunt u dit artikel wel herroepen.")
    elif exception == WithdrawalException.SERVICE_PERFORMED:
        consequence = _("U kunt herroepen totdat de dienst met uw toestemming helemaal is uitgevoerd.")
    elif exception == WithdrawalException.DIGITAL_CONTENT:
        consequence = _("U kunt herroepen totdat de levering met uw toestemming is begonnen.")
    else:
        consequence = _("Voor dit artikel geldt geen herroepingsrecht.")
    return f"{exception.label}. {consequence}"


def exception_notes(lines) -> list[dict]:
    """W13: per line whose product class excludes or limits withdrawal, what applies."""
    notes = []
    for line in lines:
        product = line.product
        letter = product.get_product_class().withdrawal_exception if product else ""
        if letter:
            notes.append({"title": line.title, "text": exception_note(WithdrawalException(letter))})
    return notes


def withdrawal_policy(shop, lines) -> list[str]:
    """The policy paragraphs, in the active language, for this order and shop."""
    address = ", ".join(
        part for part in (shop.street_address, f"{shop.postcode} {shop.city}".strip()) if part
    )
    paragraphs = [
        _("U mag deze aankoop binnen %(days)s dagen herroepen. U hoeft daarvoor geen reden op te geven.")
        % {"days": window_days(shop)},
        _(
            "De termijn begint op de dag nadat u de artikelen heeft ontvangen. Komt uw bestelling in "
            "meer dan één pakket, dan telt de dag na ontvangst van het laatste pakket."
        ),
    ]
    if any(line.product and not line.product.is_shipping_required for line in lines):
        paragraphs.append(_("Voor een dienst begint de termijn op de dag nadat u de bestelling plaatste."))
    paragraphs += [
        _(
            "U bent op tijd als u uw melding verstuurt voordat de termijn voorbij is. Daarna heeft u "
            "nog %(days)s dagen om de artikelen terug te sturen."
        )
        % {"days": LEGAL_WINDOW_DAYS},
        _(
            "Melden kan met het modelformulier, via uw bestelpagina of met een andere duidelijke "
            "verklaring per e-mail aan %(email)s of per post aan %(name)s, %(address)s."
        )
        % {"email": shop.email, "name": shop.legal_name, "address": address},
        _(
            "Binnen %(days)s dagen na uw melding betalen wij alles terug wat u voor de herroepen artikelen "
            "betaalde, via hetzelfde betaalmiddel. Herroept u de hele bestelling, dan krijgt u ook de "
            "standaardverzendkosten terug; de meerprijs van een duurdere verzendmethode niet. Wij mogen "
            "wachten met terugbetalen tot wij de artikelen terug hebben of u laat zien dat u ze heeft "
            "verstuurd."
        )
        % {"days": LEGAL_WINDOW_DAYS},
    ]
    if shop.return_shipping_paid_by == ReturnShippingPaidBy.SHOP:
        paragraphs.append(_("Terugsturen kost u niets: wij betalen de retourzending."))
    else:
        paragraphs.append(
            _("U betaalt alleen de directe kosten van het terugsturen. Andere kosten rekenen wij niet.")
        )
        if shop.return_shipping_cost is not None:
            paragraphs.append(
                _("Reken voor het terugsturen op ongeveer %(cost)s.")
                % {"cost": currency(shop.return_shipping_cost)}
            )
    return paragraphs


def context(order, shop) -> dict:
    lines = list(order.lines.select_related("product__product_class", "product__parent__product_class"))
    return {
        "shop": shop,
        "lines": lines,
        "vat_by_rate": summary.vat_by_rate(order),
        "withdrawal_policy": withdrawal_policy(shop, lines),
        "withdrawal_exceptions": exception_notes(lines),
        "model_form_url": model_form_url(),
        "order_url": order_page_url(order),
        "recommendations": recommendations(order),
    }


def recommendations(order) -> list[dict]:
    """At most three products that go with this order, linked with the e-mail's placement."""
    if not placement_shown(Placement.EMAIL):
        return []
    products = recommendations_for(order, Placement.EMAIL, limit=EMAIL_RECOMMENDATIONS)
    return [
        {"title": product.get_title(), "url": absolute(product.recommendation_url)} for product in products
    ]
