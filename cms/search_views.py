"""The site search at /zoeken/: one box finding product pages and columns (issue 3, item 7).

Wagtail's search backend (the database backend here) ranks the pages by their indexed
fields: a product page's own texts and its Oscar product's title and UPC, a column's intro
and body. Every result links to the page, the one canonical URL of a product (S2).

Any input is answered without an error page (issue 9): only the query's words reach the
backend (cms/search_terms.py), a query of no words finds nothing with a hint, and a query
longer than QUERY_MAX is refused with 400 and a message (the search box keeps the text).
A NUL never gets here: the site answers it with 400 (commerce/storefront/middleware.py).
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Page

from cms.models import ColumnPage, ProductPage
from cms.search_terms import QUERY_MAX, searchable_words, visible_query

RESULTS_PER_PAGE = 10
MAX_RESULTS = 200


def search_pages(words: list[str]):
    """Live public product pages and columns matching any of ``words``, best first."""
    pages = Page.objects.live().public().type(ProductPage, ColumnPage).specific()
    return list(pages.search(" ".join(words))[:MAX_RESULTS])


@require_GET
def search(request):
    query = visible_query(request.GET.get("q", ""))
    if len(query) > QUERY_MAX:
        context = {"query": "", "too_long": True, "query_max": QUERY_MAX, "results": [], "result_count": 0}
        return render(request, "cms/search.html", context, status=400)
    words = searchable_words(query)
    results = search_pages(words) if words else []
    paginator = Paginator(results, RESULTS_PER_PAGE)
    page_of_results = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "cms/search.html",
        {
            "query": query,
            "no_words": bool(query) and not words,
            "results": page_of_results,
            "result_count": paginator.count,
        },
    )
