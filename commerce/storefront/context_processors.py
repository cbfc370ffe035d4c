from functools import partial

from django.utils import timezone

from commerce.storefront import navigation


def storefront(request):
    """Header, footer and notice data for the one base template.

    Values are callables so pages that never show them (the admin) never query them.
    """
    return {
        "nav_pages": partial(navigation.menu_pages, request),
        "nav_categories": navigation.top_categories,
        "closing_notice": partial(navigation.closing_notice, request, timezone.localdate()),
    }
