"""What the nightly computation stores and what the storefront counts.

Pages never compute: they read ``Recommendation`` rows (one indexed query by product and
rank) and ``BestSeller`` rows for the fallback. Exclusions are edited on the product page
(Wagtail) and published with it. ``PlacementCount`` holds clicks and basket additions per
placement and day, written in batches outside requests (counting.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel


class Placement(models.TextChoices):
    """Where recommendations are shown; links carry it so clicks and additions are counted."""

    PRODUCT = "product", _("Productpagina: vaak samen gekocht")
    BASKET = "basket", _("Winkelmand: maak het compleet")
    EMAIL = "email", _("Orderbevestiging")
    FOLLOW_UP = "followup", _("Opvolgmail: past hier goed bij")


class Recommendation(models.Model):
    """One computed neighbour of a product (a parent or standalone product), with its evidence."""

    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+")
    recommended = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("positie"))
    score = models.FloatField(_("score"))
    together = models.PositiveIntegerField(
        _("samen besteld"), help_text=_("Bestellingen met beide producten.")
    )
    same_customer = models.PositiveIntegerField(
        _("zelfde klant"), help_text=_("Keren dat één klant beide kocht binnen een periode.")
    )
    computed_at = models.DateTimeField(_("berekend op"))

    class Meta:
        verbose_name = _("berekende aanbeveling")
        verbose_name_plural = _("berekende aanbevelingen")
        ordering = ("product", "rank")
        constraints = [
            models.UniqueConstraint(fields=("product", "rank"), name="recommendation_product_rank"),
            models.UniqueConstraint(fields=("product", "recommended"), name="recommendation_product_pair"),
        ]

    def __str__(self):
        return f"{self.product_id} → {self.recommended_id} ({self.score:.3f})"


class BestSeller(models.Model):
    """A product's number of orders in the computed history: the fallback when history is thin."""

    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    orders = models.PositiveIntegerField(_("bestellingen"))

    class Meta:
        verbose_name = _("bestseller")
        verbose_name_plural = _("bestsellers")
        indexes = [models.Index(fields=("-orders",), name="bestseller_orders")]

    def __str__(self):
        return f"{self.product_id}: {self.orders}"


class Exclusion(models.Model):
    """The editor's "never recommend this product next to this page's product"."""

    page = ParentalKey("cms.ProductPage", on_delete=models.CASCADE, related_name="recommendation_exclusions")
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("niet aanbevelen"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"parent__isnull": True},
    )

    panels = [FieldPanel("product")]

    class Meta:
        verbose_name = _("uitgesloten aanbeveling")
        verbose_name_plural = _("uitgesloten aanbevelingen")
        constraints = [
            models.UniqueConstraint(fields=("page", "product"), name="recommendation_exclusion_pair")
        ]

    def __str__(self):
        return f"{self.page_id} ✕ {self.product_id}"


class PlacementCount(models.Model):
    """Clicks on and basket additions of recommended products, per placement and day."""

    placement = models.CharField(_("plek"), max_length=20, choices=Placement.choices)
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("dag"))
    clicks = models.PositiveIntegerField(_("kliks"), default=0)
    additions = models.PositiveIntegerField(_("in winkelmand"), default=0)

    class Meta:
        verbose_name = _("telling per plek")
        verbose_name_plural = _("tellingen per plek")
        constraints = [
            models.UniqueConstraint(fields=("placement", "product", "day"), name="placement_count_day")
        ]

    def __str__(self):
        return f"{self.placement} {self.product_id} {self.day}: {self.clicks}/{self.additions}"
