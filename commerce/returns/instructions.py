"""What the customer does after withdrawing (W3, W10, W16): the same paragraphs on the
confirmation page and in the acknowledgement e-mail, in the active language."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commerce.returns import policy
from commerce.returns.customer import goods_come_back
from commerce.returns.models import Return, State
from home.clock import amsterdam_date

# What to do is said while the goods have not gone back yet.
WAITING_FOR_GOODS = (State.REQUESTED, State.REVIEW, State.AUTHORISED)


def instructions(return_request: Return, lines, shop) -> list[str]:
    """`lines`: the return's lines. None once the goods went back, or nothing will."""
    if return_request.state not in WAITING_FOR_GOODS:
        return []
    paragraphs = []
    if return_request.state == State.REVIEW:
        paragraphs.append(
            _(
                "Voor een of meer producten geldt mogelijk een uitzondering. We kijken ernaar en laten "
                "het je binnen twee werkdagen weten."
            )
        )
    if not goods_come_back(lines):
        paragraphs.append(_("Je hoeft niets terug te sturen."))
        return paragraphs
    if return_request.pickup_on:
        paragraphs.append(
            _("We halen het pakket op %(day)s bij je op. Pak het in en plak de retourbon erop.")
            % {"day": date_format(return_request.pickup_on, "l j F")}
        )
    else:
        address = ", ".join(
            part for part in (shop.street_address, f"{shop.postcode} {shop.city}".strip()) if part
        )
        send_by = policy.w3_send_back_by(amsterdam_date(return_request.notice_at))
        paragraphs.append(
            _("Pak het in, plak de retourbon erop en stuur het uiterlijk %(day)s naar %(name)s, %(address)s.")
            % {"day": date_format(send_by, "j F Y"), "name": shop.legal_name, "address": address}
        )
    paragraphs.append(
        _(
            "Je krijgt je geld terug zodra we het pakket hebben ontvangen, of eerder als je ons de "
            "track & trace-code van je retourzending geeft."
        )
    )
    return paragraphs
