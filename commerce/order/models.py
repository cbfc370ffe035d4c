from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractBillingAddress, AbstractShippingAddress
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder, AbstractShippingEvent

from commerce.checkout.address_rules import address_lines


class Order(AbstractOrder):
    language = models.CharField(
        _("taal"),
        max_length=10,
        default="nl",
        help_text=_("De taal waarin de klant bestelde; e-mails en facturen volgen die."),
    )
    refundable_shipping_incl_tax = models.DecimalField(
        _("terug te betalen verzendkosten (incl. btw)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        help_text=_("Wat bij herroeping van de hele bestelling terugkomt: de standaardkosten (W8)."),
    )
    withdrawal_info_given = models.BooleanField(
        _("herroepingsinformatie gegeven"),
        default=True,
        help_text=_(
            "Uit als de orderbevestiging het herroepingsbeleid en modelformulier miste: "
            "de bedenktijd loopt dan 12 maanden langer (W5)."
        ),
    )


class DutchAddressLines:
    def active_address_fields(self):
        """Every address on order pages, e-mails and invoices reads "Oudegracht 12", "3511 AB Utrecht"."""
        return address_lines(self)


class ShippingAddress(DutchAddressLines, AbstractShippingAddress):
    pass


class BillingAddress(DutchAddressLines, AbstractBillingAddress):
    pass


class Line(AbstractLine):
    vat_rate = models.DecimalField(
        _("btw-tarief (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Het tarief dat bij het plaatsen van de bestelling gold (N2)."),
    )
    # W13 (a)/(m): the consumer's express consent to start at once, and the acknowledgement
    # that the right of withdrawal lapses once fully performed, ticked at checkout.
    performance_consent_at = models.DateTimeField(_("toestemming direct uitvoeren op"), null=True, blank=True)
    performed_on = models.DateField(
        _("volledig uitgevoerd op"),
        null=True,
        blank=True,
        help_text=_("Voor een dienst: de dag waarop hij volledig is uitgevoerd (W13 a)."),
    )


class ShippingEvent(AbstractShippingEvent):
    """A dispatch event is one shipment (parcel); its delivery date starts W2's window."""

    tracking_code = models.CharField(_("track & trace-code"), max_length=64, blank=True, db_index=True)
    delivered_on = models.DateField(
        _("afgeleverd op"),
        null=True,
        blank=True,
        help_text=_("Datum (Europe/Amsterdam) waarop deze zending bij de klant aankwam (W2)."),
    )


class CarrierCallback(models.Model):
    """A signed carrier callback already received: its signature, kept while its signed time
    is inside the freshness window, so the same signed message is refused a second time
    (commerce/order/carrier_callbacks.py). In the database, not the cache: every web process
    of the shop (and every machine at scale) must see the same list, and losing it would let
    a replay through."""

    signature = models.CharField(max_length=64, unique=True)
    signed_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.signature[:12]}… ({self.signed_at:%Y-%m-%d %H:%M:%S})"


class OrderEmail(models.Model):
    """One e-mail about an order that goes out once (commerce/order/sending.py): claimed in a
    short transaction, sent with no transaction open, then marked sent. A claim left behind by
    a crash expires; `send_pending_emails` sends what is left."""

    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="sends")
    name = models.CharField(max_length=64)  # the e-mail's template name, e.g. "order_confirmation"
    reference = models.CharField(max_length=64, blank=True)  # which one of its kind: an invoice's id
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["order", "name", "reference"], name="order_email_sent_once")
        ]

    def __str__(self):
        return f"{self.name} {self.reference} ({self.order_id})".replace("  ", " ")


from oscar.apps.order.models import *  # noqa: E402,F403 - Oscar's fork pattern
