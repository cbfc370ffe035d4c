"""Oscar's basket views; the basket page survives a hand-made POST (issue 9).

Loaded through Oscar's `get_class("basket.views", ...)`; the other views stay Oscar's.
"""

from oscar.apps.basket import views


class BasketView(views.BasketView):
    def remove_deleted_forms(self, formset):
        """Oscar copies every management field from the POST when it drops removed lines; a
        POST without MIN_NUM_FORMS/MAX_NUM_FORMS (not sent by our page, optional to Django)
        was a KeyError, a 500. Missing ones are read as empty, as Django's formset reads them."""
        data = formset.data.copy()
        for name in formset.management_form.fields:
            data.setdefault(formset.management_form.add_prefix(name), "")
        formset.data = data
        super().remove_deleted_forms(formset)
