"""Oscar's catalogue views, forked for one URL per product (domain.md S2).

Oscar loads ``commerce.catalogue.views.ProductDetailView`` through ``get_class`` because
this app replaces ``oscar.apps.catalogue`` in INSTALLED_APPS.
"""

from django.http import HttpResponsePermanentRedirect
from oscar.apps.catalogue.views import *  # noqa: F403 - the fork keeps every other view
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView


class ProductDetailView(OscarProductDetailView):
    """Oscar's product URL answers 301 to the product's live page (a variant: its parent's page).

    A product without a live page keeps Oscar's own detail page: listings still link to it
    (``Product.get_absolute_url`` falls back to Oscar's URL), and a shopper who clicks a
    product card expects a product, not a 404. Once its page goes live, the old URL
    redirects, so bookmarks and search engines follow.
    """

    def get_queryset(self):
        return super().get_queryset().select_related("page", "parent__page")

    def redirect_if_necessary(self, current_path, product):
        page_url = product.page_url()
        if page_url:
            return HttpResponsePermanentRedirect(page_url)
        return super().redirect_if_necessary(current_path, product)
