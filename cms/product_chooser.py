"""The product chooser of the product page editor: pick the Oscar product by title or EAN.

Registered in cms/wagtail_hooks.py; the viewset makes its chooser the widget of every foreign key
to the product, ``ProductPage.product`` included.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

Product = get_model("catalogue", "Product")


class ProductSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Zoek op naam of EAN"),
        widget=forms.TextInput(attrs={"placeholder": _("Naam of EAN")}),
        required=False,
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            words = Q()
            for word in query.split():
                words &= Q(title__icontains=word)
            objects = objects.filter(Q(upc__startswith=query) | words)
        return objects


class ProductChooseMixin:
    filter_form_class = ProductSearchForm
    ordering = ("title", "pk")
    per_page = 20

    @property
    def columns(self):
        return [
            self.title_column,
            Column("upc", label=_("EAN"), accessor="upc"),
            Column("structure", label=_("Soort"), accessor="get_structure_display"),
        ]


class ProductChooseView(ProductChooseMixin, ChooseView):
    pass


class ProductChooseResultsView(ProductChooseMixin, ChooseResultsView):
    pass


class ProductChooserViewSet(ChooserViewSet):
    """Pick the Oscar product of a product page: search by title or EAN, no giant <select>.

    Standalone and parent products only: a variant is sold through its parent's page.
    """

    model = Product
    icon = "tag"
    choose_one_text = _("Kies een product")
    choose_another_text = _("Kies een ander product")
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView

    def get_object_list(self):
        return Product.objects.filter(parent__isnull=True).only("pk", "title", "upc", "structure")


product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="products/chooser")
