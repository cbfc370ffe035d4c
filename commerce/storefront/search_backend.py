"""A Haystack engine that answers Oscar's catalogue queries straight from the database.

Oscar 4 lists categories, "all products" and search results through Haystack. Haystack's
``SimpleEngine`` flattens every filter into one word list (``is_public="true"`` becomes the
word "true"), so category pages and search come back empty. This engine keeps the filter
tree and turns it into an ORM query on Product, which is all a shop of this size needs:
no index to build or keep in sync, and the listing always shows what the database holds.

Supported: Oscar's base filters (is_public, structure), category filters, free text
(every word must appear in the title, description or UPC, case-insensitive), and Oscar's
sort options. Facets and spelling suggestions are not offered (Oscar hides them then).

Enabled in settings: HAYSTACK_CONNECTIONS ENGINE "commerce.storefront.search_backend.DatabaseEngine".
"""

import logging
import re

from django.db.models import Min, Q
from django.db.models.functions import Coalesce
from haystack.backends import BaseEngine, BaseSearchBackend, BaseSearchQuery, SearchNode
from haystack.models import SearchResult
from oscar.core.loading import get_model

from cms.product_pages import gallery_prefetch

logger = logging.getLogger(__name__)

# Haystack field name -> ORM sort expression on Product (price is annotated below).
SORT_FIELDS = {
    "date_created": "date_created",
    "date_updated": "date_updated",
    "price": "min_price",
    "rating": "rating",
    "title_exact": "title",
    "title_s": "title",
    "title": "title",
}
TEXT_FIELDS = {"content", "text", "title", "title_exact", "upc", "suggestions"}


def _raw(value):
    """The plain value behind Haystack's input types (AutoQuery, Exact, Clean, ...)."""
    return getattr(value, "query_string", value)


def _text_q(text):
    words = [word.strip('"') for word in re.findall(r'"[^"]+"|\S+', str(text))]
    condition = Q()
    for word in filter(None, words):
        if word.startswith("-") and len(word) > 1:
            condition &= ~_word_q(word[1:])
        else:
            condition &= _word_q(word)
    return condition


def _word_q(word):
    return (
        Q(title__icontains=word)
        | Q(description__icontains=word)
        | Q(upc__iexact=word)
        | Q(children__title__icontains=word)
    )


def _leaf_q(expression, value):
    field, _sep, lookup = expression.partition("__")
    value = _raw(value)
    if field in TEXT_FIELDS:
        return _text_q(value)
    if field == "is_public":
        return Q(is_public=str(value).lower() in {"true", "1"})
    if field == "structure":
        return Q(structure__in=list(value)) if lookup == "in" else Q(structure=value)
    if field == "category":
        ids = list(value) if lookup == "in" else [value]
        return Q(categories__in=ids)
    if field == "product_class":
        return Q(product_class__name=value) | Q(parent__product_class__name=value)
    logger.warning("Database search ignores the filter %s=%r", expression, value)
    return Q()


def node_to_q(node):
    """Translate a Haystack SearchNode tree into a Q object on Product."""
    condition = Q()
    for child in node.children:
        part = node_to_q(child) if isinstance(child, SearchNode) else _leaf_q(*child)
        if node.connector == SearchNode.OR:
            condition |= part
        else:
            condition &= part
    return ~condition if node.negated else condition


class DatabaseSearchQuery(BaseSearchQuery):
    def build_query(self):
        return str(self.query_filter) or "*"

    def build_params(self, spelling_query=None):
        params = super().build_params(spelling_query)
        params["query_filter"] = self.query_filter
        return params

    def clean(self, query_fragment):
        return query_fragment

    def get_count(self):
        # A page of results needs the total first: answer it with one COUNT, not a full run.
        if self._hit_count is None:
            self._hit_count = self.backend.count(self.query_filter)
        return self._hit_count

    def get_facet_counts(self):
        # No facets: answering without running the query spares the listing a second pass.
        return {}


class DatabaseSearchBackend(BaseSearchBackend):
    def update(self, index, iterable, commit=True):
        """Nothing to index: queries read the database."""

    def remove(self, obj_or_string, commit=True):
        """Nothing to remove from an index."""

    def clear(self, models=None, commit=True):
        """Nothing to clear."""

    def products(self, query_filter=None, sort_by=None):
        Product = get_model("catalogue", "Product")
        # select_related("page"): each card links to its product page (S2) without a query;
        # the pages' galleries: each card shows the page's main image (2 queries for all).
        products = Product.objects.base_queryset().select_related("page").prefetch_related(gallery_prefetch())
        if query_filter is not None:
            products = products.filter(node_to_q(query_filter))
        # Joins on categories or children can repeat a product; keep each once.
        products = products.distinct()
        ordering = []
        for field in sort_by or []:
            descending = field.startswith("-")
            name = SORT_FIELDS.get(field.lstrip("-"))
            if name:
                ordering.append(f"-{name}" if descending else name)
        if any(name.lstrip("-") == "min_price" for name in ordering):
            # A parent is priced by its cheapest variant ("vanaf").
            products = products.annotate(
                min_price=Coalesce(Min("stockrecords__price"), Min("children__stockrecords__price"))
            )
        return products.order_by(*ordering, "-date_created", "pk")

    def count(self, query_filter=None):
        return self.products(query_filter).count()

    def search(
        self,
        query_string,
        query_filter=None,
        sort_by=None,
        start_offset=0,
        end_offset=None,
        result_class=None,
        **kwargs,
    ):
        products = self.products(query_filter, sort_by)
        hits = products.count()
        page = products[start_offset:end_offset] if end_offset is not None else products[start_offset:]
        result_class = result_class or SearchResult
        results = []
        for product in page:
            result = result_class(product._meta.app_label, product._meta.model_name, product.pk, 0)
            result._model = type(product)
            result._object = product
            results.append(result)
        return {"results": results, "hits": hits, "facets": {}, "spelling_suggestion": None}

    def more_like_this(
        self,
        model_instance,
        additional_query_string=None,
        start_offset=0,
        end_offset=None,
        limit_to_registered_models=None,
        result_class=None,
        **kwargs,
    ):
        return {"results": [], "hits": 0}


class DatabaseEngine(BaseEngine):
    backend = DatabaseSearchBackend
    query = DatabaseSearchQuery
