"""Which JSON-LD a Wagtail page carries (domain.md S3): Organization and WebSite on home,
a BreadcrumbList on every page below it, Product on product pages, Article on columns."""

from wagtail.models import Page, Site

from cms.seo.article_json_ld import article_json
from cms.seo.json_ld import breadcrumb_list
from cms.seo.product_json_ld import product_json
from cms.seo.shop_json_ld import organization, website
from cms.seo.site_urls import site_root_url


def page_breadcrumbs(page, request):
    """Wagtail ancestors from the site's home page down to ``page`` (None on home itself)."""
    site = Site.find_for_request(request) if request is not None else None
    home_depth = site.root_page.depth if site else 2
    if page.depth <= home_depth:
        return None
    ancestors = list(Page.objects.ancestor_of(page).filter(depth__gte=home_depth).order_by("depth"))
    items = [(ancestor.title, ancestor.get_full_url(request)) for ancestor in ancestors]
    items.append((page.title, page.get_full_url(request)))
    return breadcrumb_list(items)


def is_column_page(page):
    return page._meta.label_lower == "cms.columnpage"


def page_json_ld(page, request, shop_settings, seo_settings=None):
    """Every JSON-LD dict a Wagtail page carries."""
    blocks = []
    site = Site.find_for_request(request)
    root = site_root_url(request)
    is_home = site is not None and page.pk == site.root_page_id
    if is_home:
        blocks.append(organization(shop_settings, root, seo_settings))
        blocks.append(website(shop_settings, root))
    else:
        crumbs = page_breadcrumbs(page, request)
        if crumbs:
            blocks.append(crumbs)
    if page._meta.label_lower == "cms.productpage":
        blocks.append(product_json(page, request, shop_settings))
    elif is_column_page(page):
        blocks.append(article_json(page, request, shop_settings, seo_settings))
    return blocks
