"""May we show this image? (domain.md S6) — the licence rules and where images are used.

- ``licence_state(image, today)``: unknown / expired / expiring (within 30 days) / valid.
- ``usable(image, today)``: an image with licence *unknown* or an expiry date before today
  may not be published (the licence is valid up to and including ``licence_expires_on``).
- ``withdrawn(image, today)``: from the day after ``licence_expires_on`` the live site shows a
  neutral placeholder instead of the image (``cms.image_placeholders``), until an editor
  renews the licence (a later date) or replaces the image on the page.
- ``images_shown_by(page)``: the library images a page shows, found the way Wagtail's
  ReferenceIndex finds them (foreign keys such as the SEO image, StreamField image blocks,
  rich-text embeds, gallery child objects) — on the page *as being published*, so images
  added in this very edit count too.
- ``usage_by_image(images)``: where each image is used, from the ReferenceIndex.

Creator and credit line read from the file on upload: ``cms.image_credits``.

Rules take ``today`` (a date in Europe/Amsterdam, see ``home.clock.amsterdam_today``) so they are
testable without a clock.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from cms.models.images import LicensedImage

EXPIRING_WITHIN_DAYS = 30
PUBLISH_UNLICENSED_PERMISSION = "cms.publish_unlicensed_images"
PUBLISH_UNLICENSED_ACTION = "cms.publish_unlicensed"

UNKNOWN, EXPIRED, EXPIRING, VALID = "unknown", "expired", "expiring", "valid"
STATE_ORDER = (UNKNOWN, EXPIRED, EXPIRING, VALID)


def licence_state(image, today: datetime.date) -> str:
    if image.licence_type == "unknown" or not image.licence_type:
        return UNKNOWN
    expires = image.licence_expires_on
    if expires is not None:
        if expires < today:
            return EXPIRED
        if expires <= today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS):
            return EXPIRING
    return VALID


def usable(image, today: datetime.date) -> bool:
    """May a page that shows this image be published? Unknown or expired licence: no."""
    return licence_state(image, today) not in (UNKNOWN, EXPIRED)


def withdrawn(image, today: datetime.date) -> bool:
    """Has the licence run out? Then the storefront shows a placeholder instead of the image.

    Only the expiry date decides (the day after ``licence_expires_on``): an image published
    before its licence ran out is on live pages that nobody republishes.
    """
    expires = getattr(image, "licence_expires_on", None)
    return expires is not None and expires < today


def refusal_reason(image, today: datetime.date) -> str:
    if licence_state(image, today) == EXPIRED:
        return _("licentie verlopen op %(date)s") % {"date": date_format(image.licence_expires_on)}
    return _("licentie onbekend")


# ---------------------------------------------------------------------------- usage


def _image_content_type_id():
    return ReferenceIndex._get_base_content_type(get_image_model()).id


def images_shown_by(page) -> list:
    """The library images the page (in its current, possibly unsaved state) refers to.

    Uses the ReferenceIndex's own extraction, so whatever the index would record for this
    page — FKs (SEO/og image), StreamField image blocks, rich-text image embeds and the
    gallery's child objects — is found, but on the page as being published: the stored
    index still describes the previous revision. Ordered by title.
    """
    image_ct = _image_content_type_id()
    references = ReferenceIndex._extract_references_from_object(page)
    object_ids = {
        object_id for content_type_id, object_id, _path, _content in references if content_type_id == image_ct
    }
    ids = [int(object_id) for object_id in object_ids if str(object_id).isdigit()]
    return list(get_image_model().objects.filter(pk__in=ids).order_by("title", "pk"))


def unusable_images_shown_by(page, today: datetime.date) -> list:
    return [image for image in images_shown_by(page) if not usable(image, today)]


@dataclass
class Usage:
    label: str
    kind: str
    object_id: str
    edit_url: str = ""
    url: str = ""
    live: bool = False


@dataclass
class ImageLicenceRow:
    image: LicensedImage
    state: str
    usages: list[Usage] = field(default_factory=list)


def usage_by_image(images) -> dict[int, list[Usage]]:
    """{image id: [Usage]} from Wagtail's ReferenceIndex, in three queries whatever the size."""
    image_ids = [str(image.pk) for image in images]
    references = ReferenceIndex.objects.filter(
        to_content_type_id=_image_content_type_id(), to_object_id__in=image_ids
    ).values_list("to_object_id", "base_content_type_id", "content_type_id", "object_id")
    references = list(references)
    page_ct = ContentType.objects.get_for_model(Page).id
    page_ids = {object_id for _to, base_ct, _ct, object_id in references if base_ct == page_ct}
    pages = {
        str(page.pk): page
        for page in Page.objects.filter(pk__in=[int(pk) for pk in page_ids]).only("title", "url_path", "live")
    }
    usage: dict[int, list[Usage]] = {}
    seen = set()
    for to_id, base_ct, content_type_id, object_id in references:
        key = (to_id, base_ct, object_id)
        if key in seen:
            continue
        seen.add(key)
        if base_ct == page_ct and object_id in pages:
            page = pages[object_id]
            entry = Usage(
                label=page.title,
                kind="page",
                object_id=object_id,
                edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                url=page.get_url() or "",
                live=page.live,
            )
        else:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            name = model._meta.verbose_name if model else "?"
            entry = Usage(
                label=f"{name} #{object_id}",
                kind=model._meta.label_lower if model else "?",
                object_id=object_id,
            )
        usage.setdefault(int(to_id), []).append(entry)
    return usage


def licence_register(today: datetime.date, images=None) -> list[ImageLicenceRow]:
    """Every image with its licence state and usage, unknown/expired/expiring first."""
    if images is None:
        images = get_image_model().objects.order_by("title", "pk")
    images = list(images)
    usage = usage_by_image(images)
    rows = [ImageLicenceRow(image, licence_state(image, today), usage.get(image.pk, [])) for image in images]
    rows.sort(key=lambda row: (STATE_ORDER.index(row.state), row.image.title.lower(), row.image.pk))
    return rows


def live_pages(row: ImageLicenceRow) -> int:
    """How many live pages use the row's image (for an expired one: show the placeholder)."""
    return sum(1 for usage in row.usages if usage.kind == "page" and usage.live)


def register_as_json(rows: list[ImageLicenceRow], today: datetime.date) -> dict:
    counts = {state: 0 for state in STATE_ORDER}
    for row in rows:
        counts[row.state] += 1
    return {
        "today": today.isoformat(),
        "counts": counts,
        "expiring_within_30_days": [row.image.pk for row in rows if row.state == EXPIRING],
        "images": [
            {
                "id": row.image.pk,
                "title": row.image.title,
                "licence_type": row.image.licence_type,
                "state": row.state,
                "usable": row.state not in (UNKNOWN, EXPIRED),
                "creator": row.image.creator,
                "credit_line": row.image.credit_line,
                "source_url": row.image.source_url,
                "licence_expires_on": (
                    row.image.licence_expires_on.isoformat() if row.image.licence_expires_on else None
                ),
                "used_on": [
                    {
                        "kind": usage.kind,
                        "id": usage.object_id,
                        "title": usage.label,
                        "url": usage.url,
                        "live": usage.live,
                    }
                    for usage in row.usages
                ],
                "placeholder_on_live_pages": live_pages(row) if row.state == EXPIRED else 0,
            }
            for row in rows
        ],
    }
