from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Stripe payments for the checkout: PaymentIntents, the webhook, placing the order once."""

    name = "commerce.payments"
    label = "payments"
    verbose_name = _("Betalingen (Stripe)")
    default_auto_field = "django.db.models.BigAutoField"
