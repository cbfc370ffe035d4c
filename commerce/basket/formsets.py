"""Oscar's basket formsets with the shop's amount limit over all lines changed at once.

Loaded through Oscar's `get_classes("basket.formsets", ...)`; SavedLineFormSet stays Oscar's.
"""

from django import forms
from django.forms.models import modelformset_factory
from oscar.apps.basket.formsets import BaseBasketLineFormSet
from oscar.core.loading import get_class, get_model

from commerce.basket import limits

Line = get_model("basket", "line")
BasketLineForm = get_class("basket.forms", "BasketLineForm")


class LimitedBasketLineFormSet(BaseBasketLineFormSet):
    def clean(self):
        """The basket total after every change in this submission (removals included) stays
        within the maximum amount."""
        super().clean()
        if any(self.errors):
            return
        line_forms = [form for form in self.forms if form.instance.id]
        if not line_forms:
            return
        total = limits.basket_total(line_forms[0].instance.basket)
        for form in line_forms:
            line = form.instance
            price = limits.unit_price(line.purchase_info)
            if price is not None:
                wanted = (
                    0 if self._should_delete_form(form) else form.cleaned_data.get("quantity", line.quantity)
                )
                total += price * (wanted - line.quantity)
        problem = limits.amount_problem(total)
        if problem:
            raise forms.ValidationError(problem, code="max_basket_amount")


BasketLineFormSet = modelformset_factory(
    Line, form=BasketLineForm, formset=LimitedBasketLineFormSet, extra=0, can_delete=True
)
