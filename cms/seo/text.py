"""Titles and meta descriptions (domain.md S1): plain text fitted to what search engines show."""

import html
import re

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from commerce.returns.policy import window_days

TITLE_MAX = 60
DESCRIPTION_MIN = 50
DESCRIPTION_MAX = 160


def plain_text(value: object) -> str:
    """Rich text or HTML as one line of plain text."""
    return re.sub(r"\s+", " ", html.unescape(strip_tags(str(value or "")))).strip()


def fit_title(title: object, site_name: str = "") -> str:
    """One line, at most TITLE_MAX characters: drop the " | site" suffix before cutting words."""
    title = plain_text(title)
    if len(title) <= TITLE_MAX:
        return title
    for separator in (" | ", " - ", " – "):
        suffix = f"{separator}{site_name}"
        if site_name and title.endswith(suffix):
            title = title[: -len(suffix)]
            if len(title) <= TITLE_MAX:
                return title
    return Truncator(title).chars(TITLE_MAX, truncate="…")


def fit_description(text: object, fallback: object) -> str:
    """Between DESCRIPTION_MIN and DESCRIPTION_MAX characters; a short text gets the fallback added."""
    text = plain_text(text)
    if len(text) < DESCRIPTION_MIN:
        fallback = plain_text(fallback)
        if not text or text.rstrip(".").lower() in fallback.lower():
            text = fallback
        else:
            text = f"{text.rstrip('.')}. {fallback}"
    if len(text) > DESCRIPTION_MAX:
        text = Truncator(text).chars(DESCRIPTION_MAX, truncate="…")
    return text


def shop_description(shop_settings: object) -> str:
    """The site-wide description, used where a page has too little of its own (50–160 chars)."""
    name = getattr(shop_settings, "legal_name", "") or "Winkelier"
    days = window_days(shop_settings)
    return _(
        "%(name)s: goede spullen, eerlijk verkocht. Eigen productteksten, prijzen incl. btw "
        "en %(days)s dagen bedenktijd."
    ) % {"name": name, "days": days}


def page_own_description(page: object) -> str:
    """A page's own words when the editor left the search description empty."""
    for attribute in ("search_description", "intro", "description", "hero_text"):
        text = plain_text(getattr(page, attribute, ""))
        if text:
            return text
    return ""
