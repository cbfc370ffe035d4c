"""What the shop knows about each Stripe payment and each Stripe event it received.

`CheckoutPayment` holds everything needed to place the order without the shopper's browser
(addresses, e-mail, delivery method, language, a frozen copy of the basket), so the webhook can
place it when the browser never comes back. The order is placed exactly once per PaymentIntent:
`payment_intent_id` is unique and `order` is a one-to-one link, and placement locks the row.

No Stripe call is made while a database transaction is open (steps.py): a call that changes
something at Stripe is first recorded here (`pending_call`, claimed until `claimed_until`),
then made, then its result is recorded; `reconcile_payments` finishes a step left behind.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Creditcard")
    IDEAL = "ideal", _("iDEAL")


class StripeCall(models.TextChoices):
    """The Stripe call a payment is waiting on: recorded before the call, cleared with its result."""

    NONE = "", _("geen")
    CREATING = "creating", _("PaymentIntent aanmaken")
    CAPTURING = "capturing", _("betaling innen")
    RELEASING = "releasing", _("betaling vrijgeven of terugstorten")


class CheckoutPayment(models.Model):
    # Empty only while the PaymentIntent is being created (pending_call "creating").
    payment_intent_id = models.CharField(
        _("PaymentIntent"), max_length=255, unique=True, null=True, blank=True
    )
    # Sent with the create call and stored in the PaymentIntent's metadata, so an intent whose
    # creation was never recorded here (a crash, a timeout) is found at Stripe by it.
    idempotency_key = models.CharField(max_length=255, blank=True)
    pending_call = models.CharField(
        _("lopende Stripe-aanroep"), max_length=16, choices=StripeCall.choices, blank=True, db_index=True
    )
    # While in the future, one process is making `pending_call`; afterwards (or when empty) the
    # next request for this payment or reconcile_payments may take the call over.
    claimed_until = models.DateTimeField(null=True, blank=True)
    # The frozen copy of the shopper's basket that this payment pays for; the shopper's own
    # basket stays open (a failed payment keeps it) and is emptied when the order is placed.
    basket = models.OneToOneField("basket.Basket", on_delete=models.PROTECT, related_name="checkout_payment")
    source_basket_id = models.PositiveIntegerField(_("winkelmand van de klant"), null=True, blank=True)
    # Hash of the basket lines, prices, delivery method and checkout data: the same checkout
    # retried reuses its PaymentIntent (never two charges); a changed one gets a new one.
    fingerprint = models.CharField(max_length=64, db_index=True)
    method = models.CharField(_("betaalmethode"), max_length=16, choices=PaymentMethod.choices)
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    status = models.CharField(_("Stripe-status"), max_length=40, blank=True)
    failure_code = models.CharField(_("reden van weigering"), max_length=80, blank=True)
    # Guest e-mail, user id, shipping/billing address fields, delivery method code, language,
    # the basket lines to start at once (W13 a/m), the marketing consent box (A6).
    checkout_data = models.JSONField(default=dict)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.OneToOneField(
        "order.Order",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="checkout_payment",
    )
    # Set when no paid order came of this payment: sold_out / amount_changed (the authorisation
    # cancelled, iDEAL refunded) or capture_failed (the order cancelled, nothing was charged).
    refused_reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("checkoutbetaling")
        verbose_name_plural = _("checkoutbetalingen")
        ordering = ["-created_at"]

    def __str__(self):
        return self.payment_intent_id or f"{self.pending_call} ({self.idempotency_key})"


class StripeEvent(models.Model):
    """Every webhook event once: a replayed or duplicate event id is stored only the first time."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    # The object the event is about (e.g. the PaymentIntent id).
    object_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_created = models.DateTimeField()
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"
