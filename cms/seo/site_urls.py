"""The site's root URL, absolute URLs and the canonical URL of a request (domain.md S1)."""

from wagtail.models import Site


def site_root_url(request):
    """The site's root URL without a trailing slash, e.g. "https://winkelier.nl"."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/")


def absolute(url, root):
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    return f"{root}{url if url.startswith('/') else '/' + url}"


def canonical_url(request, page=None):
    """A Wagtail page's canonical URL (wagtail-seo), else the request path on the site's root.

    Other query parameters (filters, sorting, tracking) are dropped; page 2 and further of a
    listing stay their own canonical page.
    """
    if page is not None and hasattr(page, "seo_canonical_url"):
        url = page.seo_canonical_url
    else:
        url = absolute(request.path, site_root_url(request))
    number = request.GET.get("page", "") if request is not None else ""
    if number.isdigit() and int(number) > 1 and "?" not in url:
        url = f"{url}?page={int(number)}"
    return url
