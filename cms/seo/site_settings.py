"""wagtail-seo's site settings (logo, default share image, Twitter handle) and a page's share image,
read without the writes wagtail-seo's own lookups may make inside a shopper's request.
An image whose licence has run out is never a share image (domain.md S6)."""

from wagtail.images.models import AbstractImage
from wagtail.models import Site
from wagtailseo.models import SeoSettings

from cms.image_placeholders import on_display


def page_image(page, seo_settings=None):
    """wagtail-seo's ``seo_image`` without its settings lookup (which may create a row); the
    first source whose image the site may show (an expired licence: the next one)."""
    for attribute in getattr(page, "seo_image_sources", ()):
        image = getattr(page, attribute, None)
        if isinstance(image, AbstractImage) and on_display(image):
            return image
    default = getattr(seo_settings, "og_image_default", None) if seo_settings is not None else None
    return default if on_display(default) else None


def existing_seo_settings(request):
    """wagtail-seo's SeoSettings for the request's site if saved; never creates the row."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    cache = getattr(request, "_winkelier_seo_settings", None)
    if cache is None:
        cache = (
            SeoSettings.objects.filter(site=site)
            .select_related("struct_org_logo", "og_image_default")
            .first()
        )
        request._winkelier_seo_settings = cache or False
    return cache or None
