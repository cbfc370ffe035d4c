from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvoicesConfig(AppConfig):
    """Dutch invoices and credit notes (N3): gap-free numbers, PDFs, e-mail on dispatch."""

    name = "commerce.invoices"
    label = "invoices"
    verbose_name = _("Facturen")
    default_auto_field = "django.db.models.BigAutoField"
