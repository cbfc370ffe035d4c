from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.utils import OrderCreator as OscarOrderCreator
from oscar.apps.order.utils import OrderNumberGenerator  # noqa: F401 - re-exported for get_class
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")


class OutOfStock(Exception):
    """Fewer units are left than the order needs; nothing of the order is written."""

    def __init__(self, titles):
        self.titles = list(titles)
        super().__init__(_("Niet meer genoeg voorraad van: %s") % ", ".join(self.titles))


class OrderCreator(OscarOrderCreator):
    def __init__(self, performance_consent=None):
        # W13 a/m: {basket line reference: when the customer asked to start at once}.
        self.performance_consent = performance_consent or {}

    def create_line_models(self, order, basket_line, extra_line_fields=None):
        """Store the VAT rate used on every order line (N2) and the consent to start (W13 a/m)."""
        extra_line_fields = dict(extra_line_fields or {}, vat_rate=basket_line.vat_rate)
        consented_at = self.performance_consent.get(basket_line.line_reference)
        if consented_at:
            extra_line_fields["performance_consent_at"] = consented_at
        return super().create_line_models(order, basket_line, extra_line_fields)

    def update_stock_records(self, line):
        """Allocate with one conditional UPDATE, so two orders can never both take the last unit.

        The database re-checks the free stock while it holds the row (PostgreSQL re-evaluates
        the WHERE after waiting for a concurrent writer); zero rows updated means sold out and
        the OutOfStock rolls back the whole order. Oscar calls this in stock-record order, which
        keeps concurrent orders from deadlocking.
        """
        if not line.product.get_product_class().track_stock:
            return
        after = Coalesce(F("num_allocated"), Value(0)) + line.quantity
        allocated = StockRecord.objects.filter(pk=line.stockrecord_id, num_in_stock__gte=after).update(
            num_allocated=after
        )
        if not allocated:
            raise OutOfStock([line.product.get_title()])
