"""A service fully performed (W13 a), or digital content whose supply started (W13 m), as staff
record it on the dashboard order page.

That day ends the right of withdrawal only when the customer asked at checkout to start at once
(Line.performance_consent_at); without that consent performing changes nothing, the normal
window applies, so the day is refused rather than recorded as if it mattered.
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from commerce.catalogue.withdrawal_exceptions import WithdrawalException
from home.clock import amsterdam_date, amsterdam_today

Line = get_model("order", "Line")

PERFORMED_EXCEPTIONS = (WithdrawalException.SERVICE_PERFORMED, WithdrawalException.DIGITAL_CONTENT)


class PerformanceRefused(Exception):
    """The day cannot be recorded; nothing was written. str() is the reason for staff."""


def is_performable(line) -> bool:
    """A line of a service (a) or of digital content (m)."""
    return (
        bool(line.product_id)
        and line.product.get_product_class().withdrawal_exception in PERFORMED_EXCEPTIONS
    )


def mark_performed(line, performed_on: date) -> None:
    """Record the day the service was fully performed (its supply started, for (m))."""
    with transaction.atomic():
        line = Line.objects.select_for_update().select_related("order").get(pk=line.pk)
        if not is_performable(line):
            raise PerformanceRefused(_("“%s” is geen dienst of digitale inhoud.") % line.title)
        if line.performance_consent_at is None:
            raise PerformanceRefused(
                _(
                    "De klant heeft bij “%s” niet gevraagd om direct te beginnen: uitvoeren beëindigt "
                    "het herroepingsrecht niet, de gewone bedenktijd blijft gelden (W13 a)."
                )
                % line.title
            )
        if not amsterdam_date(line.order.date_placed) <= performed_on <= amsterdam_today():
            raise PerformanceRefused(_("Kies een dag tussen de bestelling en vandaag."))
        line.performed_on = performed_on
        line.save(update_fields=["performed_on"])
