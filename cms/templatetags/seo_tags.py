"""Template tags for the one meta include (templates/includes/seo/meta.html).

``{% capture as name %}…{% endcapture %}`` renders its content (including ``{% block %}``
tags, which child templates still override) into a context variable, so base.html can
hand the title/description/robots blocks that Oscar's templates fill to the include.
``{% seo_meta as seo %}`` gathers everything the include prints.
"""

from django import template
from django.apps import apps
from django.utils.safestring import mark_safe
from wagtail.models import Page

from cms.image_placeholders import shown
from cms.seo.json_ld import json_ld_script
from cms.seo.noindex import is_noindex_page
from cms.seo.oscar_breadcrumbs import oscar_json_ld
from cms.seo.page_json_ld import page_json_ld
from cms.seo.site_settings import existing_seo_settings, page_image
from cms.seo.site_urls import absolute, canonical_url, site_root_url
from cms.seo.text import fit_description, fit_title, page_own_description, plain_text, shop_description

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # Set on the outermost context so the include and the rest of the head see it.
        context.dicts[0][self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


def _settings(request, model_label):
    model = apps.get_model(model_label)
    try:
        return model.for_request(request)
    except Exception:  # noqa: BLE001 - no site for this request (e.g. an unknown host)
        return None


@register.simple_tag(takes_context=True)
def seo_meta(context):
    """Title, description, canonical URL, robots, Open Graph data and JSON-LD for the head."""
    request = context.get("request")
    shop_settings = _settings(request, "home.ShopSettings")
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    # wagtail-seo's settings (logo, default image, Twitter handle) matter on Wagtail pages;
    # Oscar's pages skip the query.
    seo_settings = existing_seo_settings(request) if page is not None else None
    site_name = getattr(shop_settings, "legal_name", "") or context.get("shop_name", "")

    description = context.get("seo_description_block", "")
    if page is not None and plain_text(description) == "":
        description = page_own_description(page)
    robots = context.get("seo_robots_block", "")
    if not robots and page is not None and is_noindex_page(page):
        robots = mark_safe('<meta name="robots" content="noindex, follow">')
    root = site_root_url(request)
    og_type = open_graph_type(page)
    blocks = []
    if shop_settings is not None and request is not None:
        if page is not None:
            blocks = page_json_ld(page, request, shop_settings, seo_settings)
        else:
            blocks = oscar_json_ld(context, request)
    return {
        "title": fit_title(meta_title(context, page, site_name), site_name),
        "description": fit_description(description, shop_description(shop_settings)),
        "canonical": canonical_url(request, page),
        "robots": robots,
        "site_name": site_name,
        "og_type": og_type,
        "image_url": share_image_url(page, seo_settings, root),
        "twitter_site": seo_settings.at_twitter_site if seo_settings and seo_settings.twitter_site else "",
        "article": article_meta(page) if og_type == "article" else {},
        "json_ld": [json_ld_script(block) for block in blocks],
        "root": root,
    }


def meta_title(context, page, site_name: str) -> str:
    """The title block of the template; home without its own SEO title: "Winkelier | <tagline>"
    (not "Winkelier — Winkelier")."""
    if page is not None and page.depth <= 2 and not page.seo_title:
        tagline = context.get("shop_tagline", "")
        return f"{site_name} | {tagline}" if tagline else site_name
    return context.get("seo_title_block", "") or site_name


def open_graph_type(page) -> str:
    if page is None:
        return "website"
    if page._meta.label_lower == "cms.productpage":
        return "product"
    return page.seo_og_type if hasattr(page, "seo_og_type") else "website"


def share_image_url(page, seo_settings, root: str) -> str:
    """The page's share image, else its first gallery image; the original file's URL, because
    wagtail-seo's seo_image_url would create a rendition (a database write) in the request.
    Images whose licence has run out are left out (S6)."""
    if page is None:
        return ""
    image = page_image(page, seo_settings)
    if image is None and hasattr(page, "gallery_images"):
        gallery = shown(item.image for item in page.gallery_images.select_related("image"))
        image = gallery[0] if gallery else None
    return absolute(image.file.url, root) if image is not None else ""


def article_meta(page) -> dict:
    published = getattr(page, "seo_published_at", None) or page.first_published_at
    return {
        "author": getattr(page, "seo_author", ""),
        "published": published.isoformat() if published else "",
        "modified": page.last_published_at.isoformat() if page.last_published_at else "",
    }
