from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct, AbstractProductClass

from commerce.catalogue.withdrawal_exceptions import WithdrawalException


class VatClass(models.TextChoices):
    """VAT class of a product class (N2); rates live in settings.WINKELIER_VAT_RATES."""

    STANDARD = "standard", _("Hoog tarief (21%)")
    REDUCED = "reduced", _("Laag tarief (9%)")
    ZERO = "zero", _("Nultarief (0%)")


class ProductClass(AbstractProductClass):
    vat_class = models.CharField(
        _("btw-tarief"), max_length=16, choices=VatClass.choices, default=VatClass.STANDARD
    )
    withdrawal_exception = models.CharField(
        _("uitzondering herroepingsrecht"),
        max_length=1,
        choices=WithdrawalException.choices,
        blank=True,
        default=WithdrawalException.NONE,
        help_text=_("Wordt vóór aankoop op de productpagina getoond (W13)."),
    )
    lifetime_days = models.PositiveSmallIntegerField(
        _("gaat gemiddeld mee (dagen)"),
        null=True,
        blank=True,
        help_text=_("Voor de mail ‘Bijna op?’ van het opvolgplan (A6); leeg: die mail gaat niet."),
    )


class Product(AbstractProduct):
    supplier_text = models.TextField(
        _("tekst van de leverancier"),
        blank=True,
        help_text=_("Bewaard om te controleren dat onze eigen tekst uniek is; nooit getoond."),
    )

    def page_url(self):
        """The URL of the live product page (a variant's: its parent's page), or None.

        Free of queries when the list was built with ``select_related("page", "parent__page")``
        (or ``prefetch_related_objects``); otherwise one query per product.
        """
        product = self.parent if self.is_child else self
        try:
            page = product.page
        except ObjectDoesNotExist:
            return None
        if not page.live:
            return None
        return page.url

    def get_absolute_url(self):
        """One URL per product (S2): the product page; Oscar's detail URL until a page is live."""
        return self.page_url() or super().get_absolute_url()


from oscar.apps.catalogue.models import *  # noqa: E402,F403 - Oscar's fork pattern
