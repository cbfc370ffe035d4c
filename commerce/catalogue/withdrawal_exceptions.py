"""The exceptions to the right of withdrawal a product class can carry (domain.md W13).

Letters follow Article 16 of Directive 2011/83/EU so staff and lawyers speak the same
language. Only the exceptions a webshop like ours can meet are offered.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WithdrawalException(models.TextChoices):
    NONE = "", _("Geen: 14 dagen bedenktijd")
    SERVICE_PERFORMED = "a", _("(a) Dienst volledig uitgevoerd met uitdrukkelijke toestemming")
    PERSONALISED = "c", _("(c) Op maat gemaakt of duidelijk gepersonaliseerd")
    PERISHABLE = "d", _("(d) Bederfelijk of snel verouderend")
    SEALED_HYGIENE = "e", _("(e) Verzegeld, om hygiënische redenen niet retour na openen")
    SEALED_MEDIA = "i", _("(i) Verzegelde audio, video of software, na openen")
    DIGITAL_CONTENT = "m", _("(m) Digitale inhoud, levering gestart met toestemming")


# Sealed goods stay returnable while the seal is intact (W13 e/i): the form asks.
SEAL_DEPENDENT = {WithdrawalException.SEALED_HYGIENE, WithdrawalException.SEALED_MEDIA}
