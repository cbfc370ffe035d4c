"""The site search at /zoeken/: one box finding product pages and columns (issue 3, item 7).

Wagtail's search backend (the database backend here) ranks the pages by their indexed
fields: a product page's own texts and its Oscar product's title and UPC, a column's intro
and body. Every result links to the page, the one canonical URL of a product (S2).
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Page

from cms.models import ColumnPage, ProductPage

RESULTS_PER_PAGE = 10
MAX_RESULTS = 200
QUERY_MAX = 100


def search_pages(query):
    """Live public product pages and columns matching ``query``, best first."""
    pages = Page.objects.live().public().type(ProductPage, ColumnPage).specific()
    return list(pages.search(query)[:MAX_RESULTS])


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
