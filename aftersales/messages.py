"""The message on a thank-you card (A3, A4): the tier's template in the customer's language with
its merge fields filled in, or the text staff wrote for this one customer.

Merge fields are words in braces. A value that is unknown (a guest without a first name, an
order without products) becomes a fallback that still reads well, so no card ever says "{}".
"""

import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

FIELD = re.compile(r"\{(\w+)\}")
FIELDS = ("aanhef", "voornaam", "product", "bestelnummer", "medewerker", "winkel")


@dataclass(frozen=True)
class MergeValues:
    """What is known about the card's customer and order; empty strings where nothing is."""

    first_name: str = ""
    product: str = ""
    order_number: str = ""
    staff_first_name: str = ""
    shop_name: str = ""


def unknown_fields(text: str) -> list[str]:
    """The merge fields in `text` that `merge` cannot fill in, each named once, in order."""
    return list(dict.fromkeys(name for name in FIELD.findall(text) if name not in FIELDS))


def field_values(values: MergeValues, language: str) -> dict[str, str]:
    """Each merge field's text in `language`, falling back where the value is unknown."""
    with translation.override(language):
        first_name = values.first_name.strip()
        team = _("het team van %(shop)s") % {"shop": values.shop_name}
        return {
            "aanhef": _("Beste %(name)s") % {"name": first_name} if first_name else _("Beste klant"),
            "voornaam": first_name or _("klant"),
            "product": values.product.strip() or _("je bestelling"),
            "bestelnummer": values.order_number,
            "medewerker": values.staff_first_name.strip() or team,
            "winkel": values.shop_name,
        }


def merge(template: str, values: MergeValues, language: str) -> str:
    """`template` with its merge fields filled in; unknown fields are left as written."""
    filled = field_values(values, language)
    return FIELD.sub(lambda match: filled.get(match.group(1), match.group(0)), template)
