"""Who made this image? (domain.md S6) — creator and credit line read from the file on upload.

- ``read_embedded_credits(fileobj)``: creator and copyright/credit from the file's XMP
  (``Image.getxmp()``, parsed with defusedxml) or IPTC IIM (``IptcImagePlugin.getiptcinfo``).
- ``fill_credits_on_create``: the post_save receiver of the image model (connected in
  ``CmsConfig.ready``) that copies them into a new image's empty creator/credit line fields.

No Django models imported: cms/apps.py imports this module before the models are loaded.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PIL import Image, IptcImagePlugin

logger = logging.getLogger(__name__)


@dataclass
class EmbeddedCredits:
    creator: str = ""
    copyright: str = ""
    credit: str = ""

    @property
    def credit_line(self) -> str:
        return self.copyright or self.credit


def _first_text(value) -> str:
    """An XMP value as Pillow's getxmp() returns it: str, {"Seq": {"li": ...}}, {"Alt": ...}."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return ", ".join(text for text in (_first_text(item) for item in value) if text)
    if isinstance(value, dict):
        for key in ("Seq", "Alt", "Bag", "li", "text"):
            if key in value:
                return _first_text(value[key])
    return ""


def _xmp_credits(image) -> EmbeddedCredits:
    try:
        xmp = image.getxmp()
    except Exception:  # noqa: BLE001 - unreadable XMP is no XMP
        logger.info("Unreadable XMP packet", exc_info=True)
        return EmbeddedCredits()
    description = xmp.get("xmpmeta", {}).get("RDF", {}).get("Description", {})
    descriptions = description if isinstance(description, list) else [description]
    credits = EmbeddedCredits()
    for item in descriptions:
        if not isinstance(item, dict):
            continue
        credits.creator = credits.creator or _first_text(item.get("creator"))
        credits.copyright = credits.copyright or _first_text(item.get("rights"))
        credits.credit = credits.credit or _first_text(item.get("Credit"))
    return credits


def _decode_iptc(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_decode_iptc(item) for item in value if item)
    for encoding in ("utf-8", "latin-1"):
        try:
            return value.decode(encoding).strip()
        except UnicodeDecodeError:
            continue
    return ""


def _iptc_credits(image) -> EmbeddedCredits:
    try:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:  # noqa: BLE001 - unreadable IPTC is no IPTC
        logger.info("Unreadable IPTC block", exc_info=True)
        return EmbeddedCredits()
    return EmbeddedCredits(
        creator=_decode_iptc(iptc.get((2, 80))),  # By-line
        copyright=_decode_iptc(iptc.get((2, 116))),  # Copyright Notice
        credit=_decode_iptc(iptc.get((2, 110))),  # Credit
    )


def read_embedded_credits(fileobj) -> EmbeddedCredits:
    """Creator and copyright from XMP, else IPTC; empty strings where the file says nothing."""
    try:
        with Image.open(fileobj) as image:
            xmp, iptc = _xmp_credits(image), _iptc_credits(image)
    except Exception:  # noqa: BLE001 - not an image Pillow reads: nothing to take over
        logger.info("Could not read image metadata", exc_info=True)
        return EmbeddedCredits()
    return EmbeddedCredits(
        creator=xmp.creator or iptc.creator,
        copyright=xmp.copyright or iptc.copyright,
        credit=xmp.credit or iptc.credit,
    )


def fill_credits_from_file(image) -> list[str]:
    """Copy creator/credit line from the file's metadata into the empty fields; names set."""
    if image.creator and image.credit_line:
        return []
    try:
        image.file.open("rb")
        image.file.seek(0)
        credits = read_embedded_credits(image.file)
    except OSError:
        logger.warning("Image %s: file not readable for its metadata", image.pk, exc_info=True)
        return []
    changed = {}
    if not image.creator and credits.creator:
        changed["creator"] = credits.creator[:255]
    if not image.credit_line and credits.credit_line:
        changed["credit_line"] = credits.credit_line[:255]
    for name, value in changed.items():
        setattr(image, name, value)
    return list(changed)


def fill_credits_on_create(sender, instance, created, raw=False, **kwargs):
    """post_save receiver for the image model: on upload, take over embedded credits."""
    if not created or raw:
        return
    changed = fill_credits_from_file(instance)
    if changed:
        sender.objects.filter(pk=instance.pk).update(**{name: getattr(instance, name) for name in changed})
