"""The model withdrawal form (W12): its wording, shared by the printable web page and the PDF,
and what a withdrawal already tells us to fill it in with.

The fields are the ones the law lists; the form speaks to the shop, so it says "u".
"""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from commerce.order import shipments
from home.clock import amsterdam_date

TITLE = _("Modelformulier voor herroeping")
ONLY_WHEN = _("Vul dit formulier alleen in en stuur het terug als u de overeenkomst wilt herroepen.")
TO = _("Aan")
STATEMENT = _(
    "Hierbij laat ik/laten wij (*) u weten dat ik/wij (*) de overeenkomst herroep/herroepen (*) over "
    "de verkoop van de volgende goederen / de levering van de volgende dienst (*):"
)
STRIKE_OUT = _("Doorhalen wat niet van toepassing is.")


@dataclass(frozen=True)
class Field:
    key: str
    label: str | Promise
    tall: bool = False  # room for more than one line


GOODS = "goods"  # the blank below STATEMENT
FIELDS = [
    Field("dates", _("Besteld op (*) / ontvangen op (*)")),
    Field("names", _("Naam/namen consument(en)")),
    Field("addresses", _("Adres(sen) consument(en)"), tall=True),
    Field(
        "signature",
        _("Handtekening consument(en) (alleen als u dit formulier op papier instuurt)"),
        tall=True,
    ),
    Field("date", _("Datum")),
]


def filled_in(return_request, lines) -> dict[str, list[str]]:
    """{field key: lines of text} for a withdrawal made: everything but the signature."""
    order = return_request.order
    delivered_on = shipments.last_delivery_on(order)
    dates = [
        f"{_('Besteld op')} {date_format(amsterdam_date(order.date_placed), 'j F Y')}",
    ]
    if delivered_on:
        dates.append(f"{_('ontvangen op')} {date_format(delivered_on, 'j F Y')}")
    address = order.shipping_address or order.billing_address
    return {
        GOODS: [
            _("Bestelling %s:") % order.number,
            *(f"{line.quantity} × {line.order_line.title}" for line in lines),
        ],
        "dates": [" / ".join(dates)],
        "names": [return_request.customer_name],
        "addresses": list(address.active_address_fields()) if address else [],
        "date": [date_format(amsterdam_date(return_request.notice_at), "j F Y")],
    }


def wording() -> dict:
    """The form's text for the web page (templates/commerce/withdrawal/model_form.html)."""
    return {
        "title": TITLE,
        "only_when": ONLY_WHEN,
        "to": TO,
        "statement": STATEMENT,
        "fields": FIELDS,
        "strike_out": STRIKE_OUT,
    }
