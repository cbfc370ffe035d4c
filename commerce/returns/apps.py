from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReturnsConfig(AppConfig):
    """The right of withdrawal (domain.md W1–W18): the withdrawal function, returns, refunds."""

    name = "commerce.returns"
    label = "returns"
    verbose_name = _("Retouren")
    default_auto_field = "django.db.models.BigAutoField"
