"""The one image library (domain.md S6): every image records where it came from and how we may use it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class LicenceType(models.TextChoices):
    """How we may use an image (domain.md S6)."""

    OWN_WORK = "own", _("Eigen werk")
    PURCHASED = "purchased", _("Gekochte licentie")
    CC_BY = "cc-by", _("CC BY")
    CC_BY_SA = "cc-by-sa", _("CC BY-SA")
    PUBLIC_DOMAIN = "cc0", _("CC0 / publiek domein")
    UNKNOWN = "unknown", _("Onbekend")


class LicensedImage(AbstractImage):
    """The one image library: every image records where it came from and how we may use it."""

    licence_type = models.CharField(
        _("licentie"), max_length=16, choices=LicenceType.choices, default=LicenceType.UNKNOWN
    )
    creator = models.CharField(_("maker"), max_length=255, blank=True)
    credit_line = models.CharField(_("bronvermelding"), max_length=255, blank=True)
    source_url = models.URLField(_("bron-URL"), blank=True)
    licence_proof_url = models.URLField(_("bewijs van licentie (URL)"), blank=True)
    licence_proof_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("bewijs van licentie (document)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    licence_expires_on = models.DateField(_("licentie verloopt op"), null=True, blank=True)

    admin_form_fields = Image.admin_form_fields + (
        "licence_type",
        "creator",
        "credit_line",
        "source_url",
        "licence_proof_url",
        "licence_proof_document",
        "licence_expires_on",
    )


class LicensedRendition(AbstractRendition):
    image = models.ForeignKey(LicensedImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class ImageLicenceReminder(models.Model):
    """A licence reminder the editors were sent (domain.md S6): one per image, expiry date and
    threshold (30, 7 or 1 days before), so each goes out once however often the daily job
    runs. A renewed licence has a new expiry date, so its reminders start afresh; the rows of
    the old date stay as the record of what was sent."""

    image = models.ForeignKey(
        LicensedImage,
        verbose_name=_("afbeelding"),
        on_delete=models.CASCADE,
        related_name="licence_reminders",
    )
    expires_on = models.DateField(_("licentie verloopt op"))
    days_before = models.PositiveSmallIntegerField(_("dagen vooraf"))
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        verbose_name = _("licentieherinnering")
        verbose_name_plural = _("licentieherinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["image", "expires_on", "days_before"], name="cms_one_licence_reminder_per_threshold"
            )
        ]

    def __str__(self):
        return f"{self.image_id}: {self.expires_on} −{self.days_before}"
