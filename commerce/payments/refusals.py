"""Our own words for Stripe's refusal codes, in the shopper's language.

Stripe's messages are English and written for developers; the shopper sees these instead,
both from the server (/checkout/pay/) and in the browser (checkout-payment.js gets them as a
table, since Stripe.js reports card errors there).
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

REFUSAL_MESSAGES = {
    "card_declined": _(
        "Uw kaart is geweigerd. Er is niets afgeschreven. Probeer een andere kaart of betaal met iDEAL."
    ),
    "insufficient_funds": _(
        "Het saldo of de limiet van uw kaart is niet toereikend. Er is niets afgeschreven."
    ),
    "expired_card": _("Uw kaart is verlopen. Controleer de vervaldatum of gebruik een andere kaart."),
    "incorrect_cvc": _("De beveiligingscode (CVC) klopt niet. Controleer de drie cijfers op de achterkant."),
    "incorrect_number": _("Het kaartnummer klopt niet. Controleer het nummer en probeer het opnieuw."),
    "invalid_expiry_month": _("De vervalmaand klopt niet."),
    "invalid_expiry_year": _("Het vervaljaar klopt niet."),
    "processing_error": _(
        "Uw bank kon de betaling nu niet verwerken. Er is niets afgeschreven; probeer het zo opnieuw."
    ),
    "payment_intent_authentication_failure": _(
        "De verificatie bij uw bank (3-D Secure) is niet gelukt. "
        "Er is niets afgeschreven; probeer het opnieuw."
    ),
}


def generic_refusal() -> str:
    return gettext(
        "De betaling is niet gelukt. Er is niets afgeschreven; "
        "probeer het opnieuw of kies een andere betaalmethode."
    )


def refusal_message(code: str, decline_code: str = "") -> str:
    """The message for a refusal; Stripe's decline code is the more precise when we know it."""
    for key in (decline_code, code):
        if key in REFUSAL_MESSAGES:
            return str(REFUSAL_MESSAGES[key])
    return generic_refusal()


def messages_for_browser() -> dict[str, str]:
    return {code: str(message) for code, message in REFUSAL_MESSAGES.items()} | {"default": generic_refusal()}


def unavailable_message() -> str:
    return gettext(
        "Betalen lukt nu even niet doordat onze betaalpartner niet bereikbaar is. "
        "Er is niets afgeschreven en uw winkelmand is bewaard; probeer het zo opnieuw."
    )
