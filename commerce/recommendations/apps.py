from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    """Cross-sell computed from the shop's own orders ("vaak samen gekocht"), issue 10."""

    name = "commerce.recommendations"
    label = "recommendations"
    verbose_name = _("Aanbevelingen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from commerce.recommendations import receivers  # noqa: F401, PLC0415 - connects the receivers
