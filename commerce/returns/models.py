"""Returns (withdrawals, W17): a return of some lines of one order, its events and its refund.

The state moves only through commerce/returns/transitions.py, which writes an event for every
move. The deadlines that staff filter on (W8 legal, W14 goal and escalation) are stored when the
facts they count from are known, so the returns list filters in the database.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commerce.partner.vat import share
from commerce.returns.policy import Eligibility, ReturnState


class State(models.TextChoices):
    REQUESTED = ReturnState.REQUESTED, _("Aangevraagd")
    REVIEW = ReturnState.REVIEW, _("Ter beoordeling")
    AUTHORISED = ReturnState.AUTHORISED, _("Goedgekeurd")
    SENT = ReturnState.SENT, _("Onderweg terug")
    RECEIVED = ReturnState.RECEIVED, _("Ontvangen")
    REFUNDED = ReturnState.REFUNDED, _("Terugbetaald")
    CLOSED = ReturnState.CLOSED, _("Afgesloten")
    REJECTED = ReturnState.REJECTED, _("Afgewezen")
    CANCELLED = ReturnState.CANCELLED, _("Ingetrokken door klant")


class Channel(models.TextChoices):
    WEB = "web", _("Herroepknop op de site")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Telefoon")
    LETTER = "letter", _("Brief")
    CANCELLATION = "cancellation", _("Annulering door de winkel")


class Reason(models.TextChoices):
    """The optional, friendly question (W6): never required, and no free text to fill in."""

    NONE = "", _("Zeg ik liever niet")
    SIZE = "size", _("De maat of het formaat past niet")
    NOT_AS_EXPECTED = "not_as_expected", _("Het is anders dan ik verwachtte")
    CHANGED_MIND = "changed_mind", _("Ik heb me bedacht")
    DAMAGED = "damaged", _("Het kwam beschadigd aan")
    WRONG_ITEM = "wrong_item", _("Ik kreeg iets anders dan ik bestelde")
    OTHER = "other", _("Een andere reden")


class Return(models.Model):
    number = models.CharField(_("retournummer"), max_length=40, unique=True)
    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, related_name="returns", verbose_name=_("bestelling")
    )
    state = models.CharField(_("status"), max_length=16, choices=State.choices, default=State.REQUESTED)
    channel = models.CharField(
        _("ontvangen via"), max_length=16, choices=Channel.choices, default=Channel.WEB
    )
    # W3: when the notice was sent (the button pressed; for a letter or e-mail, its date).
    notice_at = models.DateTimeField(_("herroeping verstuurd op"))
    customer_name = models.CharField(_("naam"), max_length=255)
    email = models.EmailField(_("e-mailadres voor de bevestiging"))
    language = models.CharField(max_length=10, default="nl")
    reason = models.CharField(_("reden (vrijwillig)"), max_length=32, choices=Reason.choices, blank=True)
    pickup_on = models.DateField(_("ophalen op"), null=True, blank=True)  # W16
    exchange_for = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ruilen voor"),
    )  # W15
    tracking_code = models.CharField(
        _("track & trace retourzending"), max_length=64, blank=True, db_index=True
    )
    sent_on = models.DateField(_("teruggestuurd op"), null=True, blank=True)
    received_on = models.DateField(_("ontvangen op"), null=True, blank=True)
    deduction = models.DecimalField(_("waardevermindering"), max_digits=12, decimal_places=2, default=0)
    deduction_reason = models.CharField(_("reden waardevermindering"), max_length=255, blank=True)
    rejection_reason = models.TextField(_("reden van afwijzing"), blank=True)
    w5_applies = models.BooleanField(_("W5: herroepingsinformatie ontbrak"), default=False)
    legal_refund_deadline = models.DateField(_("uiterlijk terugbetalen (wet)"))  # W8
    escalate_on = models.DateField(_("escalatie op"), db_index=True)  # W14
    refund_goal_on = models.DateField(_("doel terugbetaling"), null=True, blank=True)  # W14, from arrival
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("retour")
        verbose_name_plural = _("retouren")
        ordering = ["-notice_at", "-pk"]
        indexes = [models.Index(fields=["state", "notice_at"])]

    def __str__(self):
        return self.number

    @property
    def is_cancellation(self) -> bool:
        return self.channel == Channel.CANCELLATION


class ReturnLine(models.Model):
    class Disposition(models.TextChoices):
        PENDING = "", _("Nog niet ontvangen")
        RESELLABLE = "resellable", _("Verkoopbaar: terug in voorraad")
        NOT_RESELLABLE = "not_resellable", _("Niet verkoopbaar")

    return_request = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey("order.Line", on_delete=models.PROTECT, related_name="return_lines")
    quantity = models.PositiveIntegerField(_("aantal"))
    # Of `quantity`, how many had not been shipped yet: their stock allocation was released and
    # they are never sent, so nothing comes back for them.
    unshipped_quantity = models.PositiveIntegerField(default=0)
    seal_intact = models.BooleanField(_("verzegeling intact"), null=True, blank=True)  # W13 e/i
    eligibility = models.CharField(
        _("beoordeling"),
        max_length=16,
        choices=[(value, value) for value in Eligibility],
        default=Eligibility.ACCEPTED,
    )
    disposition = models.CharField(_("bij ontvangst"), max_length=16, choices=Disposition.choices, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    restocked_at = models.DateTimeField(null=True, blank=True)  # stock back exactly once

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["return_request", "order_line"], name="return_line_once"),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="return_line_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.order_line.title}"

    @property
    def quantity_to_come_back(self) -> int:
        return self.quantity - self.unshipped_quantity

    @property
    def paid_incl_tax(self) -> Decimal:
        """W8: what the customer paid for these units, incl. VAT (their share of the line)."""
        return share(self.order_line.line_price_incl_tax, self.quantity, self.order_line.quantity)


class ReturnEvent(models.Model):
    """One move of a return (W17), or a note on it: who, when and why."""

    return_request = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=State.choices)
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who, when there is no staff user: "klant", "systeem", "vervoerder".
    actor_label = models.CharField(max_length=64, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_state or '—'} → {self.to_state}"


class Refund(models.Model):
    """The refund of one return (W8, W9): recorded and committed before Stripe is called, so a
    second click, a second staff member or a retry finds it instead of refunding again."""

    class Method(models.TextChoices):
        STRIPE = "stripe", _("Terug via de oorspronkelijke betaling (Stripe)")
        BANK_TRANSFER = "bank_transfer", _("Per bankoverschrijving")
        EXCHANGE = "exchange", _("Verrekend met de ruil")

    class Status(models.TextChoices):
        DUE = "due", _("Te betalen")
        SUCCEEDED = "succeeded", _("Terugbetaald")

    return_request = models.OneToOneField(Return, on_delete=models.PROTECT, related_name="refund")
    method = models.CharField(max_length=16, choices=Method.choices)
    lines_amount = models.DecimalField(max_digits=12, decimal_places=2)
    delivery_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    deduction = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DUE)
    # While in the future, one process is calling Stripe for this refund.
    claimed_until = models.DateTimeField(null=True, blank=True)
    # The last call may have reached Stripe (a timeout): look there before calling again.
    maybe_at_stripe = models.BooleanField(default=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(_("laatste fout"), blank=True)
    stripe_refund_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    bank_reference = models.CharField(_("referentie overboeking"), max_length=120, blank=True)
    credit_notes = models.ManyToManyField("invoices.Invoice", blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    refunded_at = models.DateTimeField(_("terugbetaald op"), null=True, blank=True)

    class Meta:
        verbose_name = _("terugbetaling")
        verbose_name_plural = _("terugbetalingen")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0), name="refund_not_negative")]

    def __str__(self):
        return f"{self.return_request.number}: € {self.amount}"

    @property
    def idempotency_key(self) -> str:
        return f"winkelier-return-refund-{self.pk}"
