"""W13 (a)/(m): the express consent to start a service or digital content at once.

The checkout asks it per basket line whose product class carries exception (a) or (m), with an
unticked checkbox that is never required: without it the normal withdrawal window applies. The
ticked lines travel with the payment's checkout data, so the order line gets the consent and
its time even when the webhook places the order (commerce/payments/placement.py).
"""

from django.utils.translation import gettext_lazy as _

from commerce.catalogue.withdrawal_exceptions import WithdrawalException

# The consent with the acknowledgement that the right of withdrawal lapses (art. 16 a and m).
CONSENT_WORDING = {
    WithdrawalException.SERVICE_PERFORMED: _(
        "Ik wil dat jullie direct beginnen en weet dat mijn herroepingsrecht vervalt zodra de dienst "
        "volledig is uitgevoerd"
    ),
    WithdrawalException.DIGITAL_CONTENT: _(
        "Ik wil dat jullie direct beginnen en weet dat mijn herroepingsrecht vervalt zodra de levering "
        "is begonnen"
    ),
}


def consent_choices(basket) -> list[tuple[str, str]]:
    """(basket line reference, checkbox label) for every line that may be started at once."""
    choices = []
    for line in basket.all_lines():
        wording = CONSENT_WORDING.get(line.product.get_product_class().withdrawal_exception)
        if wording:
            choices.append((line.line_reference, f"{line.description}: {wording}"))
    return choices
