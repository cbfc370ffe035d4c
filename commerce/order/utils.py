from oscar.apps.order.utils import OrderCreator as OscarOrderCreator
from oscar.apps.order.utils import OrderNumberGenerator  # noqa: F401 - re-exported for get_class


class OrderCreator(OscarOrderCreator):
    def create_line_models(self, order, basket_line, extra_line_fields=None):
        """Store the VAT rate used on every order line (N2)."""
        extra_line_fields = dict(extra_line_fields or {}, vat_rate=basket_line.vat_rate)
        return super().create_line_models(order, basket_line, extra_line_fields)
