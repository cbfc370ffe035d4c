"""The returns policy in the customer's words ("je"), from the shop's settings (W1–W13).

One source for the returns policy page, the order confirmation e-mail and the product page's
W13 notice, so they never tell the customer different things. Each function returns text in
the active language; the numbers come from the shop's settings and commerce/returns/policy.py.
"""

from datetime import date

from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.templatetags.currency_filters import currency

from commerce.catalogue.withdrawal_exceptions import WithdrawalException
from commerce.returns.policy import (
    LEGAL_WINDOW_DAYS,
    REFUND_GOAL_WORKING_DAYS,
    window_days,
    window_ends_on,
    window_starts_on,
)
from home.models import ReturnShippingPaidBy

SEALED = gettext_lazy("Je kunt herroepen zolang de verzegeling intact is; na het openen kan dat niet meer.")
# W13: per exception, what it means for the customer (%(days)s: the shop's normal window).
EXCEPTION_TEXTS = {
    WithdrawalException.SERVICE_PERFORMED: gettext_lazy(
        "Vraag je bij het afrekenen om direct te beginnen, dan vervalt je herroepingsrecht zodra de "
        "dienst volledig is uitgevoerd. Zonder die toestemming heb je gewoon %(days)s dagen bedenktijd."
    ),
    WithdrawalException.PERSONALISED: gettext_lazy(
        "Wat we speciaal voor jou maken of personaliseren, kun je niet herroepen. Kies je alleen uit "
        "vaste opties, zoals een kleur of maat, dan heb je gewoon bedenktijd."
    ),
    WithdrawalException.PERISHABLE: gettext_lazy(
        "Dit is bederfelijk: je hebt geen herroepingsrecht en kunt het niet retourneren."
    ),
    WithdrawalException.SEALED_HYGIENE: SEALED,
    WithdrawalException.SEALED_MEDIA: SEALED,
    WithdrawalException.DIGITAL_CONTENT: gettext_lazy(
        "Vraag je bij het afrekenen om direct te beginnen, dan vervalt je herroepingsrecht zodra de "
        "levering is begonnen. Zonder die toestemming heb je gewoon %(days)s dagen bedenktijd."
    ),
}

# W2's example delivery day (the year only makes the date real; the page shows day and month).
EXAMPLE_DELIVERY = date(2026, 4, 1)


def window(shop) -> str:
    """W1, W6: how long, and no reason needed."""
    return _("Je mag je aankoop binnen %(days)s dagen herroepen. Je hoeft daarvoor geen reden te geven.") % {
        "days": window_days(shop)
    }


def window_start() -> str:
    """W2: from the day after the last delivery."""
    return _(
        "De bedenktijd begint op de dag nadat je de artikelen hebt ontvangen. Komt je bestelling in "
        "meer dan één pakket, dan telt de dag na ontvangst van het laatste pakket."
    )


def window_example(shop) -> str:
    """W2's example with the shop's window: delivered 1 April → last day 15 April (14 days)."""
    starts_on = window_starts_on(EXAMPLE_DELIVERY, ships_goods=True, last_delivered_on=EXAMPLE_DELIVERY)
    last_day = window_ends_on(starts_on, window_days(shop))
    assert last_day is not None  # delivered, so the window has an end
    return _("Voorbeeld: komt je pakket op %(delivered)s, dan kun je herroepen tot en met %(last_day)s.") % {
        "delivered": format_date(EXAMPLE_DELIVERY, "j F"),
        "last_day": format_date(last_day, "j F"),
    }


def service_window_start() -> str:
    """W2: an order of services only counts from the day after it was placed."""
    return _("Bestel je alleen een dienst, dan begint de bedenktijd op de dag na je bestelling.")


def notice_in_time() -> str:
    """W3: sent in time counts; then 14 days to send the goods back."""
    return _(
        "Je bent op tijd als je je melding verstuurt voordat de bedenktijd voorbij is. Daarna heb je "
        "nog %(days)s dagen om de artikelen terug te sturen."
    ) % {"days": LEGAL_WINDOW_DAYS}


def postal_address(shop) -> str:
    return ", ".join(part for part in (shop.street_address, f"{shop.postcode} {shop.city}".strip()) if part)


def other_statement(shop) -> str:
    """W4: any clear statement counts."""
    return _(
        "Een andere duidelijke verklaring mag ook: per e-mail aan %(email)s of per post aan %(name)s, "
        "%(address)s."
    ) % {"email": shop.email, "name": shop.legal_name, "address": postal_address(shop)}


def how_to_withdraw(shop) -> str:
    """W4, W12, W18: the button, the model form or any other clear statement."""
    button = _(
        "Melden kan met de knop “Overeenkomst hier herroepen” op je bestelpagina of met het modelformulier."
    )
    return f"{button} {other_statement(shop)}"


def handling() -> str:
    """W7: trying is allowed; only a loss of value beyond that may be deducted, with a reason."""
    return _(
        "Je mag het artikel uitpakken en bekijken zoals in een winkel. Gebruik je het meer dan nodig "
        "is om het te beoordelen, dan mogen we de waardevermindering inhouden; we vertellen je dan "
        "waarom."
    )


def return_shipping(shop) -> list[str]:
    """W11: who pays for sending the goods back, as the shop set it."""
    if shop.return_shipping_paid_by == ReturnShippingPaidBy.SHOP:
        return [_("Terugsturen kost je niets: wij betalen de retourzending.")]
    sentences = [_("Je betaalt alleen de directe kosten van het terugsturen. Andere kosten rekenen we niet.")]
    if shop.return_shipping_cost is not None:
        sentences.append(
            _("Reken voor het terugsturen op ongeveer %(cost)s.")
            % {"cost": currency(shop.return_shipping_cost)}
        )
    return sentences


def refund() -> str:
    """W8-W10: everything paid, within 14 days of the notice, by the same means of payment."""
    return _(
        "Binnen %(days)s dagen na je melding betalen we alles terug wat je voor de herroepen artikelen "
        "betaalde, via hetzelfde betaalmiddel. We mogen wachten tot we de artikelen terug hebben of tot "
        "je laat zien dat je ze hebt verstuurd."
    ) % {"days": LEGAL_WINDOW_DAYS}


def delivery_cost_back() -> str:
    """W8: the standard delivery cost once the whole order is withdrawn, never the surplus."""
    return _(
        "Herroep je de hele bestelling, dan krijg je ook de standaardverzendkosten terug; de meerprijs "
        "van een duurdere verzendmethode niet. Herroep je een deel, dan volgen de standaardverzendkosten "
        "zodra je ook de rest herroept."
    )


def refund_goal() -> str:
    """W14: the shop's own goal."""
    return _(
        "Ons doel is sneller: je geld terug binnen %(days)s werkdagen nadat je pakket bij ons binnen is."
    ) % {"days": REFUND_GOAL_WORKING_DAYS}


def exception_text(letter: str, days: int) -> str:
    """W13: what an exception means for the customer; `days` is the shop's normal window."""
    return EXCEPTION_TEXTS[WithdrawalException(letter)] % {"days": days}


def consent_given(letter: str, consented: bool, days: int) -> str:
    """W13 a/m on the order confirmation (a durable medium): whether the customer asked to start
    at once, with what that means; without it the normal window applies."""
    if not consented:
        return _(
            "Je hebt niet gevraagd om direct te beginnen, dus je hebt gewoon %(days)s dagen bedenktijd."
        ) % {"days": days}
    if letter == WithdrawalException.SERVICE_PERFORMED:
        return _(
            "Je hebt gevraagd om direct te beginnen en weet dat je herroepingsrecht vervalt zodra de dienst "
            "volledig is uitgevoerd."
        )
    return _(
        "Je hebt gevraagd om direct te beginnen en weet dat je herroepingsrecht vervalt zodra de levering "
        "is begonnen."
    )
