"""What the storefront header and notice show, read from the page tree and the catalogue."""

from oscar.core.loading import get_model
from wagtail.models import Site

from home.closing import period_to_announce
from home.models import ShopSettings

Category = get_model("catalogue", "Category")


def menu_pages(request):
    """Live pages under the site's home page that editors marked "show in menus"."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(site.root_page.get_children().live().in_menu().specific())


def top_categories():
    return list(Category.get_root_nodes().filter(is_public=True))


def closing_notice(request, today):
    shop = ShopSettings.for_request(request)
    return period_to_announce(shop.closing_periods.all(), today, shop.closing_notice_days)
