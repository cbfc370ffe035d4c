from django.apps import AppConfig


class AftersalesConfig(AppConfig):
    """Thank-you tasks, segments, follow-up plan and dashboard (domain.md A1-A8)."""

    name = "aftersales"
    verbose_name = "After-sales"
