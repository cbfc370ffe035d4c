from functools import cache, partial

from django.utils import timezone

from commerce.storefront import navigation


def storefront(request):
    """Header, footer and notice data for the one base template.

    Values are callables so pages that never show them (the admin) never query them;
    each is cached for the request because header and footer both use them.
    """
    return {
        "nav_pages": cache(partial(navigation.menu_pages, request)),
        "nav_categories": cache(navigation.top_categories),
        "closing_notice": cache(partial(navigation.closing_notice, request, timezone.localdate())),
    }
