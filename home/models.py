"""The home page and the site-wide settings every storefront page uses."""

from datetime import time

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtailseo.models import SeoMixin

from commerce.returns.policy import LEGAL_WINDOW_DAYS


class HomePage(SeoMixin, Page):
    """The storefront's front door: a welcome, the categories and a few products (the template
    loads those with the storefront's `featured_products` tag)."""

    hero_heading = models.CharField(_("kop"), max_length=120, blank=True)
    hero_text = RichTextField(_("welkomsttekst"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("hero_heading"), FieldPanel("hero_text")]
    promote_panels = SeoMixin.seo_panels
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")


class ReturnShippingPaidBy(models.TextChoices):
    """Who pays for sending goods back (W11)."""

    CUSTOMER = "customer", _("De klant (directe kosten, vooraf gemeld)")
    SHOP = "shop", _("De winkel (gratis retourneren)")


@register_setting(icon="site")
class ShopSettings(ClusterableModel, BaseSiteSetting):
    """Who the shop is and how to reach it: footer, invoices and legal texts read this."""

    legal_name = models.CharField(_("handelsnaam"), max_length=255, default="Winkelier")
    street_address = models.CharField(_("straat en huisnummer"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=16, blank=True)
    city = models.CharField(_("plaats"), max_length=128, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=32, blank=True)
    whatsapp = models.CharField(_("WhatsApp"), max_length=32, blank=True)
    opening_hours = models.CharField(_("bereikbaar"), max_length=255, blank=True)
    kvk_number = models.CharField(_("KvK-nummer"), max_length=16, blank=True)
    vat_number = models.CharField(_("btw-nummer"), max_length=32, blank=True)
    closing_notice_days = models.PositiveSmallIntegerField(
        _("sluiting aankondigen (dagen vooraf)"), default=14
    )
    # Return policy (W1, W2, W11): the product JSON-LD and the legal texts read these.
    return_window_days = models.PositiveSmallIntegerField(
        _("bedenktijd (dagen na levering)"),
        default=LEGAL_WINDOW_DAYS,
        validators=[MinValueValidator(LEGAL_WINDOW_DAYS)],
        help_text=_("Minstens 14 dagen, geteld vanaf de dag na levering; langer mag."),
    )
    return_shipping_paid_by = models.CharField(
        _("retourzending betaald door"),
        max_length=16,
        choices=ReturnShippingPaidBy.choices,
        default=ReturnShippingPaidBy.CUSTOMER,
        help_text=_("De klant betaalt alleen de directe kosten, en alleen als dat vooraf is gemeld."),
    )
    return_shipping_cost = models.DecimalField(
        _("directe kosten retourzending (indicatie, incl. btw)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    refund_on_receipt = models.BooleanField(
        _("terugbetalen bij ontvangst"),
        default=True,
        help_text=_("Betaal automatisch terug zodra een retour binnen is en alles weer verkoopbaar is."),
    )
    offers_pickup = models.BooleanField(
        _("retour ophalen aanbieden"),
        default=False,
        help_text=_(
            "Klanten kunnen bij het herroepen kiezen dat we het op een werkdag bij hen ophalen (W16)."
        ),
    )

    # The follow-up plan's e-mails (A6) go out on working days between these times (Amsterdam).
    follow_up_send_from = models.TimeField(_("opvolgmails versturen vanaf"), default=time(9, 0))
    follow_up_send_until = models.TimeField(_("opvolgmails versturen tot"), default=time(17, 0))

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("legal_name"),
                FieldPanel("street_address"),
                FieldPanel("postcode"),
                FieldPanel("city"),
                FieldPanel("kvk_number"),
                FieldPanel("vat_number"),
            ],
            heading=_("Bedrijf"),
        ),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("whatsapp"), FieldPanel("opening_hours")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("closing_notice_days"), InlinePanel("closing_periods", label=_("Sluitingsdag"))],
            heading=_("Sluitingsdagen"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("return_window_days"),
                FieldPanel("return_shipping_paid_by"),
                FieldPanel("return_shipping_cost"),
                FieldPanel("refund_on_receipt"),
                FieldPanel("offers_pickup"),
            ],
            heading=_("Retourneren"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("follow_up_send_from"), FieldPanel("follow_up_send_until")])],
            heading=_("Opvolgplan"),
            help_text=_("Alleen op werkdagen: niet in het weekend en niet op sluitingsdagen."),
        ),
    ]

    class Meta:
        verbose_name = _("winkelgegevens")

    def clean(self):
        super().clean()
        if self.follow_up_send_from >= self.follow_up_send_until:
            raise ValidationError({"follow_up_send_until": _("Kies een eindtijd na de begintijd.")})

    def closing_days(self) -> list["ClosingPeriod"]:
        """The closing periods, for the working-day arithmetic of home/closing.py (N4)."""
        return list(self.closing_periods.all())


class ClosingPeriod(Orderable):
    """Days the shop is closed, e.g. Christmas (N4); inclusive on both ends."""

    settings = ParentalKey(ShopSettings, on_delete=models.CASCADE, related_name="closing_periods")
    label = models.CharField(_("omschrijving"), max_length=120)
    starts_on = models.DateField(_("van"))
    ends_on = models.DateField(_("tot en met"))

    panels = [FieldPanel("label"), FieldPanel("starts_on"), FieldPanel("ends_on")]

    class Meta(Orderable.Meta):
        verbose_name = _("sluitingsperiode")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="closing_period_ends_after_start",
            )
        ]

    def __str__(self):
        return self.label


class BackupVerification(models.Model):
    """A backup restored and found complete, as its manifest says: by `verify_backup` into a
    scratch database (archives, row counts, media checksums) or by `restore` itself (archives,
    row counts). /healthz reports the age of the newest one."""

    backup_name = models.CharField(_("back-up"), max_length=64)
    backup_created_at = models.DateTimeField(_("back-up gemaakt op"))
    verified_at = models.DateTimeField(_("gecontroleerd op"), auto_now_add=True)
    tables = models.PositiveIntegerField(_("tabellen"))
    rows = models.PositiveBigIntegerField(_("rijen"))
    media_files = models.PositiveIntegerField(_("mediabestanden"))

    class Meta:
        verbose_name = _("gecontroleerde back-up")
        verbose_name_plural = _("gecontroleerde back-ups")
        ordering = ["-verified_at"]

    def __str__(self):
        return f"{self.backup_name} ({self.verified_at:%Y-%m-%d %H:%M})"
