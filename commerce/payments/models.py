"""What the shop knows about each Stripe payment and each Stripe event it received.

`CheckoutPayment` holds everything needed to place the order without the shopper's browser
(addresses, e-mail, delivery method, language, a frozen copy of the basket), so the webhook can
place it when the browser never comes back. The order is placed exactly once per PaymentIntent:
`payment_intent_id` is unique and `order` is a one-to-one link, and placement locks the row.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Creditcard")
    IDEAL = "ideal", _("iDEAL")


class CheckoutPayment(models.Model):
    payment_intent_id = models.CharField(_("PaymentIntent"), max_length=255, unique=True)
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
    # Guest e-mail, user id, shipping/billing address fields, delivery method code, language.
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
    # Set when the order could not be placed after payment (sold out): refunded/cancelled.
    refused_reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("checkoutbetaling")
        verbose_name_plural = _("checkoutbetalingen")
        ordering = ["-created_at"]

    def __str__(self):
        return self.payment_intent_id


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
