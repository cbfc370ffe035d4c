"""JSON-LD Article for a column (domain.md S3): every real author (guests included) as Person,
the shop as publisher."""

from django.utils.text import Truncator

from cms.seo.json_ld import SCHEMA, image_object
from cms.seo.shop_json_ld import organization
from cms.seo.site_settings import page_image
from cms.seo.site_urls import site_root_url
from cms.seo.text import page_own_description, plain_text


def column_authors(page):
    """The real authors of a column (guests included) as (name, url) pairs."""
    if hasattr(page, "authors"):
        people = page.authors()
    else:
        people = [getattr(link, "author", link) for link in page.column_authors.all()]
    authors = []
    for author in people:
        if author is None:
            continue
        link = getattr(author, "link_url", "") or getattr(author, "url", "") or ""
        authors.append((author.name, link))
    if not authors:
        name = getattr(page, "seo_author", "")
        if name:
            authors.append((name, ""))
    return authors


def article_json(page, request, shop_settings, seo_settings=None):
    """JSON-LD Article for a column: every real author as Person, publisher the shop (S3)."""
    root = site_root_url(request)
    data = {
        "@context": SCHEMA,
        "@type": "Article",
        "headline": Truncator(page.title).chars(110, truncate="…"),
        "url": page.seo_canonical_url,
        "mainEntityOfPage": page.seo_canonical_url,
        "inLanguage": "nl-NL",
        "publisher": organization(shop_settings, root, seo_settings),
    }
    del data["publisher"]["@context"]
    published = getattr(page, "seo_published_at", None) or page.first_published_at
    if published:
        data["datePublished"] = published.isoformat()
    modified = page.last_published_at or published
    if modified:
        data["dateModified"] = modified.isoformat()
    authors = []
    for name, link in column_authors(page):
        person = {"@type": "Person", "name": name}
        if link:
            person["url"] = link
        authors.append(person)
    if authors:
        data["author"] = authors
    image = page_image(page, seo_settings)
    if image is not None:
        data["image"] = image_object(image, root)
    description = plain_text(page.seo_description) or page_own_description(page)
    if description:
        data["description"] = description
    return data
