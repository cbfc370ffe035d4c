"""The site search at /zoeken/: one box finding product pages and columns (issue 3, item 7).

Wagtail's search backend (the database backend here) ranks the pages by their indexed
fields; product pages are also found by the words Wagtail does not index on them yet
(their own intro and description, the Oscar product's title and UPC). Every result links to
the page, the one canonical URL of a product (S2).
"""

from contextlib import suppress

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

RESULTS_PER_PAGE = 10
MAX_RESULTS = 200
QUERY_MAX = 100


def searchable_models():
    from django.apps import apps

    from cms.models import ProductPage

    models = [ProductPage]
    with suppress(LookupError):  # before the columns land
        models.append(apps.get_model("cms", "ColumnPage"))
    return models


def search_pages(query):
    """Live public product pages and columns matching ``query``, best first."""
    from wagtail.models import Page

    from cms.models import ProductPage

    models = searchable_models()
    ranked = list(Page.objects.live().public().type(*models).specific().search(query)[:MAX_RESULTS])
    seen = {page.pk for page in ranked}
    words = query.split()
    extra = ProductPage.objects.live().public().exclude(pk__in=seen)
    for word in words:
        extra = extra.filter(
            Q(title__icontains=word)
            | Q(intro__icontains=word)
            | Q(description__icontains=word)
            | Q(product__title__icontains=word)
            | Q(product__upc__iexact=word)
        )
    return ranked + list(extra.order_by("title")[: MAX_RESULTS - len(ranked)])


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:QUERY_MAX]
    results = search_pages(query) if query else []
    paginator = Paginator(results, RESULTS_PER_PAGE)
    page_of_results = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "cms/search.html",
        {"query": query, "results": page_of_results, "result_count": paginator.count},
    )
