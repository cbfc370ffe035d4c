from django.apps import AppConfig


class AftersalesConfig(AppConfig):
    """Thank-you tasks, segments, follow-up plan and dashboard (domain.md A1-A8)."""

    name = "aftersales"
    verbose_name = "After-sales"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from aftersales import receivers  # noqa: F401, PLC0415 - connects the receivers
