"""Admin wiring of the product pages: the product chooser, publish-time preparation, view counts."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.signals import product_viewed
from oscar.core.loading import get_model
from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from cms.models import ProductPage
from cms.product_pages import prepare_page

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


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


# --- publishing: renditions and embeds are made here, not in the shopper's request ----------


@hooks.register("after_publish_page")
def prepare_published_product_page(request, page):
    if isinstance(page.specific, ProductPage):
        prepare_page(page.specific)


@hooks.register("after_edit_page")
@hooks.register("after_create_page")
def prepare_saved_product_page(request, page):
    # A page saved as draft gets its renditions too, so previews and the first view are fast.
    if isinstance(page.specific, ProductPage) and page.live:
        prepare_page(page.specific)


# --- serving: a product page view counts for its product (in memory, view_counts) ----------


@hooks.register("on_serve_page")
def count_product_page_views(next_serve_page):
    def serve(page, request, args, kwargs):
        response = next_serve_page(page, request, args, kwargs)
        if isinstance(page, ProductPage) and request.method == "GET" and response.status_code == 200:

            def viewed(rendered):
                # Oscar's signal: recently-viewed cookie and the buffered view count
                # (commerce.analytics receives it: views are buffered in memory). After
                # rendering, the page holds its product already: no extra query.
                product_viewed.send(
                    sender=ProductPage,
                    product=page.product,
                    user=request.user,
                    request=request,
                    response=rendered,
                )

            if hasattr(response, "add_post_render_callback"):
                response.add_post_render_callback(viewed)
            else:
                viewed(response)
        return response

    return serve
