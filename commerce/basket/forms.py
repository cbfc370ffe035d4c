"""Oscar's basket forms, plus the shop's limits (commerce/basket/limits.py).

Loaded through Oscar's `get_class("basket.forms", ...)`: the add-to-basket form refuses more
units of a product than one basket may hold, and a basket total over the maximum amount; the
basket page's line form refuses a line over the maximum quantity (formsets.py checks the
amount over all lines changed at once).
"""

from django import forms
from oscar.apps.basket import forms as oscar_forms
from oscar.apps.basket.forms import SimpleAddToBasketMixin

from commerce.basket import limits


class AddToBasketForm(oscar_forms.AddToBasketForm):
    def clean(self):
        cleaned_data = super().clean()
        quantity = cleaned_data.get("quantity")
        if quantity is None:  # already refused by the field
            return cleaned_data
        product = self.product
        wanted = self.basket.product_quantity(product) + quantity
        problem = limits.quantity_problem(wanted, product.get_title())
        if problem:
            raise forms.ValidationError(problem, code="max_line_quantity")
        price = limits.unit_price(self.basket.strategy.fetch_for_product(product))
        if price is not None:
            problem = limits.amount_problem(limits.basket_total(self.basket) + price * quantity)
            if problem:
                raise forms.ValidationError(problem, code="max_basket_amount")
        return cleaned_data


class SimpleAddToBasketForm(SimpleAddToBasketMixin, AddToBasketForm):
    """Oscar's quantity-less add form (quantity 1, hidden), on top of ours (as Oscar's docs say)."""


class BasketLineForm(oscar_forms.BasketLineForm):
    def __init__(self, strategy, *args, **kwargs):
        super().__init__(strategy, *args, **kwargs)
        widget_max = self.fields["quantity"].widget.attrs.get("max")
        limit = limits.max_line_quantity()
        self.fields["quantity"].widget.attrs["max"] = min(widget_max, limit) if widget_max else limit

    def clean_quantity(self):
        quantity = super().clean_quantity()
        if quantity > 0:
            # Other lines of the same product (other options) count too.
            others = self.instance.basket.product_quantity(self.instance.product) - self.instance.quantity
            problem = limits.quantity_problem(others + quantity, self.instance.product.get_title())
            if problem:
                raise forms.ValidationError(problem, code="max_line_quantity")
        return quantity
