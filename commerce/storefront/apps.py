from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    """Storefront plumbing shared by Wagtail and Oscar pages: language, base context."""

    name = "commerce.storefront"
    label = "storefront"
    verbose_name = "Storefront"
