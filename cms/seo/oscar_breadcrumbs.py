"""JSON-LD of Oscar's views (domain.md S3): wagtail-seo renders nothing on non-Page views, so
the meta include asks here for their BreadcrumbList (category pages and the basket)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from cms.seo.json_ld import breadcrumb_list
from cms.seo.site_urls import absolute, site_root_url

Category = get_model("catalogue", "Category")


def oscar_breadcrumbs(context, request):
    """Breadcrumbs of Oscar's views: category pages (ancestors) and the basket; other views below
    home by their `breadcrumb_title`."""
    root = site_root_url(request)
    home = (_("Home"), f"{root}/")
    category = context.get("category")
    if isinstance(category, Category):
        items = [home] + [
            (ancestor.name, absolute(ancestor.get_absolute_url(), root))
            for ancestor in category.get_ancestors_and_self()
        ]
        return breadcrumb_list(items)
    if request.path == reverse("basket:summary"):
        return breadcrumb_list([home, (_("Winkelmand"), absolute(request.path, root))])
    # A page of its own just below home names itself (e.g. the returns policy).
    if context.get("breadcrumb_title"):
        return breadcrumb_list([home, (context["breadcrumb_title"], absolute(request.path, root))])
    return None


def oscar_json_ld(context, request):
    crumbs = oscar_breadcrumbs(context, request)
    return [crumbs] if crumbs else []
