"""Thank-you tasks (domain.md A1–A3, A8): the owner's tier rules, the customers they are for, and
one task per placed order.

The rules themselves live in aftersales/tiers.py; these models hold what the owner edits and
what staff work on. A customer is known by e-mail address, so guests and account holders are
one and the same customer across their orders.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from aftersales.tiers import Condition, Tier


class TierChoice(models.IntegerChoices):
    CARD = Tier.CARD, _("Kaartje")
    NOTE = Tier.NOTE, _("Handgeschreven briefje")
    SMALL_GIFT = Tier.SMALL_GIFT, _("Klein cadeau")
    PERSONAL_GIFT = Tier.PERSONAL_GIFT, _("Persoonlijk cadeau")


class TierRule(models.Model):
    """One of the owner's rules (A1): when it matches an order, the order earns its tier."""

    class ConditionChoice(models.TextChoices):
        FIRST_ORDER = Condition.FIRST_ORDER, _("Eerste bestelling")
        EVERY_NTH_ORDER = Condition.EVERY_NTH_ORDER, _("Elke N-de bestelling")
        ORDER_TOTAL_AT_LEAST = Condition.ORDER_TOTAL_AT_LEAST, _("Bestelbedrag minstens")
        SPEND_12_MONTHS_AT_LEAST = Condition.SPEND_12_MONTHS_AT_LEAST, _("Besteed in 12 maanden minstens")
        KEY_ACCOUNT = Condition.KEY_ACCOUNT, _("Klant is een sleutelklant")
        PRODUCT_CLASS = Condition.PRODUCT_CLASS, _("Productsoort in de bestelling")
        CATEGORY = Condition.CATEGORY, _("Categorie in de bestelling")

    sort_order = models.PositiveIntegerField(_("volgorde"), default=0)
    condition = models.CharField(_("voorwaarde"), max_length=32, choices=ConditionChoice.choices)
    amount = models.DecimalField(
        _("bedrag (incl. btw)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    every = models.PositiveSmallIntegerField(_("elke N-de"), null=True, blank=True)
    product_class = models.ForeignKey(
        "catalogue.ProductClass",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("productsoort"),
    )
    category = models.ForeignKey(
        "catalogue.Category", on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("categorie")
    )
    tier = models.PositiveSmallIntegerField(_("bedankje"), choices=TierChoice.choices)
    budget = models.DecimalField(
        _("budget (incl. btw)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Voor een cadeau: wat het hoogstens mag kosten."),
    )
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("bedankregel")
        verbose_name_plural = _("bedankregels")

    def __str__(self):
        return f"{self.get_condition_display()} → {self.get_tier_display()}"

    def clean(self):
        """Each condition needs its one value (and no other), so every rule reads as meant."""
        needed = {
            Condition.EVERY_NTH_ORDER: "every",
            Condition.ORDER_TOTAL_AT_LEAST: "amount",
            Condition.SPEND_12_MONTHS_AT_LEAST: "amount",
            Condition.PRODUCT_CLASS: "product_class",
            Condition.CATEGORY: "category",
        }.get(Condition(self.condition))
        errors = {}
        for name in ("every", "amount", "product_class", "category"):
            given = getattr(self, name) is not None
            if name == needed and not given:
                errors[name] = _("Deze voorwaarde heeft dit nodig.")
            elif name != needed and given:
                errors[name] = _("Laat dit leeg bij deze voorwaarde.")
        if self.every is not None and self.every < 2:
            errors["every"] = _("Kies 2 of meer.")
        if errors:
            raise ValidationError(errors)


class Customer(models.Model):
    """A customer as after-sales sees them: by e-mail address, with or without an account."""

    email = models.EmailField(_("e-mailadres"), unique=True)  # stored lower-case
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aftersales_customer",
    )
    key_account = models.BooleanField(_("sleutelklant"), default=False)
    # A8: decided once, at the first order that earns a thank-you; None until then.
    in_holdout = models.BooleanField(_("in de controlegroep"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("klant")
        verbose_name_plural = _("klanten")

    def __str__(self):
        return self.email


class Task(models.Model):
    """Work for after-sales staff: the thank-you an order earned (A1–A3)."""

    class Kind(models.TextChoices):
        THANK_YOU = "thank_you", _("Bedankje")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        AWAITING_APPROVAL = "awaiting_approval", _("Wacht op akkoord")
        CLAIMED = "claimed", _("Opgepakt")
        STARTED = "started", _("Bezig")
        PRINTED = "printed", _("Geprint")
        SENT = "sent", _("Verstuurd")
        SKIPPED = "skipped", _("Overgeslagen")
        HELD_OUT = "held_out", _("Controlegroep: geen bedankje")  # A8, never shown in the queue

    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices, default=Kind.THANK_YOU)
    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="aftersales_tasks", verbose_name=_("bestelling")
    )
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="tasks")
    tier = models.PositiveSmallIntegerField(_("bedankje"), choices=TierChoice.choices, null=True, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=10, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    due_on = models.DateField(_("uiterlijk"), db_index=True)  # A2
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aftersales_tasks",
        verbose_name=_("opgepakt door"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["due_on", "pk"]
        constraints = [
            # A1: exactly one thank-you per order, however often the placement task runs.
            models.UniqueConstraint(
                fields=["order"], condition=models.Q(kind="thank_you"), name="one_thank_you_per_order"
            )
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.order.number}"
