from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo shop and the embedded runner; installed so their management commands are found."""

    name = "demo"
    verbose_name = "Demo shop"
