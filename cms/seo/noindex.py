"""Pages that are never indexed (domain.md S4): ``<meta name="robots" content="noindex">``
in the meta include, and left out of /sitemap.xml."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

# Page types that are never indexed. Model labels in lower case ("cms.contentpage"). A page
# model may also answer ``seo_noindex = True`` (a property or a field) for one page.
NOINDEX_PAGE_TYPES: set[str] = set()


def is_noindex_page(page):
    """True for a page that must not be indexed nor listed in the sitemap."""
    specific = getattr(page, "specific_deferred", page)
    label = specific._meta.label_lower
    return label in NOINDEX_PAGE_TYPES or bool(getattr(specific, "seo_noindex", False))


def noindex_content_type_ids():
    models = [apps.get_model(label) for label in NOINDEX_PAGE_TYPES]
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()] if models else []
