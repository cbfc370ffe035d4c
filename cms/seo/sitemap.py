"""/sitemap.xml and /robots.txt (domain.md S4) on Wagtail's sitemap framework.

The sitemap lists every live, public Wagtail page (home, product pages, columns, information
pages) except those cms.seo.noindex marks noindex, Oscar's public category listings, and the
returns policy and model withdrawal form.
"""

from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from oscar.core.loading import get_model
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from cms.seo.noindex import is_noindex_page, noindex_content_type_ids
from cms.seo.site_urls import absolute, site_root_url

# Paths no crawler has business in: the shopper's own pages and the staff's.
ROBOTS_DISALLOW = ["/basket/", "/checkout/", "/accounts/", "/dashboard/", "/admin/"]

Category = get_model("catalogue", "Category")


class PublicPagesSitemap(Sitemap):
    """Every live, public Wagtail page (products and columns included) but the noindex ones."""

    def items(self):
        pages = super().items()
        excluded = noindex_content_type_ids()
        if excluded:
            pages = pages.exclude(content_type_id__in=excluded)
        return pages

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        for item in self.paginator.page(page).object_list.iterator():
            if is_noindex_page(item):
                continue
            for url_info in item.get_sitemap_urls(self.request):
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        # A page never published through a revision (the home page the migration made) has
        # no date of its own: it changed when the newest content below it did.
        newest = max((mod for mod in last_mods if mod is not None), default=None)
        for url_info in urls:
            if url_info.get("lastmod") is None and newest is not None:
                url_info["lastmod"] = newest
        if newest is not None:
            self.latest_lastmod = newest
        return urls


class CategorySitemap(Sitemap):
    """Oscar's public category listings; lastmod: the newest change to a product in them."""

    def items(self):
        return (
            Category.objects.filter(is_public=True, ancestors_are_public=True)
            .annotate(products_updated=Max("product__date_updated"))
            .order_by("path")
        )

    def _urls(self, page, protocol, domain):
        root = site_root_url(self.request)
        categories = list(self.paginator.page(page).object_list)
        newest = max((c.products_updated for c in categories if c.products_updated), default=None)
        return [
            {
                "item": category,
                "location": absolute(category.get_absolute_url(), root),
                "lastmod": category.products_updated or newest,
            }
            for category in categories
        ]


class ShopTermsSitemap(Sitemap):
    """The pages the shop generates from its settings rather than Wagtail: the returns policy
    and the model withdrawal form."""

    url_names = ["returns-policy", "withdrawal-model-form"]

    def items(self):
        return self.url_names

    def _urls(self, page, protocol, domain):
        root = site_root_url(self.request)
        return [{"item": name, "location": absolute(reverse(name), root)} for name in self.url_names]


@require_GET
def sitemap(request):
    sitemaps = {"pages": PublicPagesSitemap, "categories": CategorySitemap, "terms": ShopTermsSitemap}
    return wagtail_sitemap(request, sitemaps=sitemaps)


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines += ["", f"Sitemap: {site_root_url(request)}/sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
