"""What the storefront shows of a library image whose licence has run out (domain.md S6).

The rule is ``cms.image_licences.withdrawn``: from the day after ``licence_expires_on`` (a
date in Europe/Amsterdam) the live site shows a neutral placeholder instead of the image, with
the same alt text and the size the rendition would have, until an editor renews the licence
(enters a later date) or replaces the image. Nothing is written: the expiry date is on the
image row the page loads anyway, so the check costs no query, and renewing brings the image
back at once.

Every storefront path to a library image asks :func:`on_display` (or uses the helpers here):

- ``cms.product_pages.picture`` — product page gallery and main image, product cards
  (home, listings, /producten/), basket/checkout/order thumbnails;
- ``{% licensed_image %}`` (cms/templatetags/licensed_image_tags.py) — column and content
  page image blocks, author photos;
- ``cms.image_formats`` — images embedded in rich text;
- :func:`shown` — Open Graph/Twitter image, JSON-LD ImageObjects and the product feed leave
  withdrawn images out instead of pointing at a placeholder.
"""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.images.models import Filter

from cms.image_licences import withdrawn
from home.clock import amsterdam_today

PLACEHOLDER = "img/image-withdrawn.svg"
PLACEHOLDER_CLASS = "image-withdrawn"


def on_display(image) -> bool:
    """May the live site show this image today (Amsterdam)? False once its licence has run out."""
    return image is not None and not withdrawn(image, amsterdam_today())


def shown(images) -> list:
    """The images of ``images`` the live site may show today, in order (None left out)."""
    today = amsterdam_today()
    return [image for image in images if image is not None and not withdrawn(image, today)]


def placeholder_url() -> str:
    return static(PLACEHOLDER)


def placeholder_size(image, filter_spec: str) -> tuple[int, int]:
    """The size the rendition ``filter_spec`` of ``image`` has (or would have): no query, no file."""
    width, height = Filter(spec=filter_spec).get_transform(image).size
    return int(width), int(height)


def placeholder_tag(image, filter_spec: str, alt: str, attrs: dict | None = None) -> SafeString:
    """An ``<img>`` of the placeholder in the rendition's size, with the image's alt text."""
    attrs = dict(attrs or {})
    for name in ("src", "srcset", "alt", "width", "height"):
        attrs.pop(name, None)
    width, height = placeholder_size(image, filter_spec)
    classes = " ".join(part for part in (str(attrs.pop("class", "") or ""), PLACEHOLDER_CLASS) if part)
    extra = "".join(format_html(' {}="{}"', name, value) for name, value in attrs.items())
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" class="{}"{}>',
        placeholder_url(),
        alt,
        width,
        height,
        classes,
        SafeString(extra),
    )
