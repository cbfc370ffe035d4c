"""Invoices and credit notes (N3), each with a frozen copy of everything it prints.

The snapshot is written once, when the document is issued, and the PDF is drawn from it alone:
a later change to the shop's address, a product title or a price never alters an issued invoice.
The PDF itself is archived as a file once, right after issuing: the legal record, identical in
every e-mail, download and backup.
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class InvoiceCounter(models.Model):
    """The last number handed out in one series ("2026", "C2026"); locked while numbering."""

    series = models.CharField(_("reeks"), max_length=16, unique=True)
    last_sequence = models.PositiveIntegerField(_("laatste volgnummer"), default=0)

    class Meta:
        verbose_name = _("factuurteller")

    def __str__(self):
        return f"{self.series}: {self.last_sequence}"


class Invoice(models.Model):
    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Factuur")
        CREDIT_NOTE = "credit_note", _("Creditnota")

    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, related_name="invoices", verbose_name=_("bestelling")
    )
    shipping_event = models.ForeignKey(
        "order.ShippingEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
        verbose_name=_("zending"),
    )
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices, default=Kind.INVOICE)
    series = models.CharField(_("reeks"), max_length=16)
    sequence = models.PositiveIntegerField(_("volgnummer"))
    number = models.CharField(_("nummer"), max_length=32, unique=True)
    issued_on = models.DateField(_("factuurdatum"))
    credits = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        verbose_name=_("crediteert factuur"),
    )
    snapshot = models.JSONField(_("inhoud"), encoder=DjangoJSONEncoder)
    # The PDF as issued, stored once in default storage after the issuing transaction committed
    # (commerce/invoices/archive.py); the e-mail and every download serve these very bytes.
    pdf = models.FileField(_("PDF"), max_length=255, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    class Meta:
        verbose_name = _("factuur")
        verbose_name_plural = _("facturen")
        ordering = ["series", "sequence"]
        constraints = [models.UniqueConstraint(fields=["series", "sequence"], name="invoice_unique_sequence")]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("invoice-pdf", kwargs={"number": self.number})

    @property
    def filename(self):
        prefix = "creditnota" if self.kind == self.Kind.CREDIT_NOTE else "factuur"
        return f"{prefix}-{self.number}.pdf"
