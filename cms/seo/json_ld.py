"""JSON-LD building blocks (domain.md S3): plain dicts turned into a ``<script>`` block.

:func:`json_ld_script` renders a dict as ``<script type="application/ld+json">``;
:func:`image_object` and :func:`breadcrumb_list` are the pieces every other builder uses.
"""

import json

from django.utils.safestring import mark_safe

from cms.seo.site_urls import absolute

SCHEMA = "https://schema.org/"

# Wagtail's image licence types (cms.models.images.LicenceType) with a public licence text.
LICENCE_URLS = {
    "cc-by": "https://creativecommons.org/licenses/by/4.0/",
    "cc-by-sa": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


def json_ld_script(data):
    """A dict as a <script type="application/ld+json"> block, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</script>" or "<!--" in a product text must not end the block early.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


def image_object(image, root):
    """A Wagtail image (LicensedImage) as ImageObject with its licence, credit and creator."""
    url = absolute(image.file.url, root)
    data = {"@type": "ImageObject", "contentUrl": url, "url": url, "name": image.title}
    if image.width and image.height:
        data["width"], data["height"] = image.width, image.height
    licence = LICENCE_URLS.get(getattr(image, "licence_type", ""))
    if licence:
        data["license"] = licence
    creator = getattr(image, "creator", "")
    credit = getattr(image, "credit_line", "") or creator
    if credit:
        data["creditText"] = credit
        data["copyrightNotice"] = credit
    if creator:
        data["creator"] = {"@type": "Person", "name": creator}
    source = getattr(image, "source_url", "")
    if source:
        data["acquireLicensePage"] = source
    return data


def breadcrumb_list(items):
    """[(name, absolute URL), ...] from home to the current page as BreadcrumbList."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }
