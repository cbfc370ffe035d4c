"""Search-engine metadata as plain functions (domain.md S1–S4).

Titles, descriptions and canonical URLs for the one meta include, and JSON-LD as plain
dicts (``Product``, ``BreadcrumbList``, ``Article``, ``Organization``, ``WebSite``,
``ImageObject``) turned into ``<script type="application/ld+json">`` blocks by
:func:`json_ld_script`. The include (templates/includes/seo/meta.html) calls
:func:`page_json_ld` for Wagtail pages and :func:`oscar_json_ld` for Oscar's views.
"""

import html
import json
import re
from decimal import Decimal

from django.db.models import Avg, Count
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from commerce.returns.policy import window_days

TITLE_MAX = 60
DESCRIPTION_MIN = 50
DESCRIPTION_MAX = 160

SCHEMA = "https://schema.org/"

# Page types that are never indexed: they get <meta name="robots" content="noindex"> and
# are left out of /sitemap.xml. Model labels in lower case ("cms.contentpage"). A page
# model may also answer ``seo_noindex = True`` (a property or a field) for one page.
NOINDEX_PAGE_TYPES: set[str] = set()

# Wagtail's image licence types (cms.models.images.LicenceType) with a public licence text.
LICENCE_URLS = {
    "cc-by": "https://creativecommons.org/licenses/by/4.0/",
    "cc-by-sa": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


# -- text -------------------------------------------------------------------------------


def plain_text(value):
    """Rich text or HTML as one line of plain text."""
    return re.sub(r"\s+", " ", html.unescape(strip_tags(str(value or "")))).strip()


def fit_title(title, site_name=""):
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


def fit_description(text, fallback):
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


def shop_description(shop_settings):
    """The site-wide description, used where a page has too little of its own (50–160 chars)."""
    name = getattr(shop_settings, "legal_name", "") or "Winkelier"
    days = window_days(shop_settings)
    return _(
        "%(name)s: goede spullen, eerlijk verkocht. Eigen productteksten, prijzen incl. btw "
        "en %(days)s dagen bedenktijd."
    ) % {"name": name, "days": days}


def page_own_description(page):
    """A page's own words when the editor left the search description empty."""
    for attribute in ("search_description", "intro", "description", "hero_text"):
        text = plain_text(getattr(page, attribute, ""))
        if text:
            return text
    return ""


def is_noindex_page(page):
    """True for a page that must not be indexed nor listed in the sitemap."""
    specific = getattr(page, "specific_deferred", page)
    label = specific._meta.label_lower
    return label in NOINDEX_PAGE_TYPES or bool(getattr(specific, "seo_noindex", False))


def noindex_content_type_ids():
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    models = [apps.get_model(label) for label in NOINDEX_PAGE_TYPES]
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()] if models else []


# -- URLs -------------------------------------------------------------------------------


def site_root_url(request):
    """The site's root URL without a trailing slash, e.g. "https://winkelier.nl"."""
    from wagtail.models import Site

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


# -- JSON-LD ----------------------------------------------------------------------------


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


def page_image(page, seo_settings=None):
    """wagtail-seo's ``seo_image`` without its settings lookup (which may create a row)."""
    from wagtail.images.models import AbstractImage

    for attribute in getattr(page, "seo_image_sources", ()):
        image = getattr(page, attribute, None)
        if isinstance(image, AbstractImage):
            return image
    return getattr(seo_settings, "og_image_default", None) if seo_settings is not None else None


def existing_seo_settings(request):
    """wagtail-seo's SeoSettings for the request's site if saved; never creates the row."""
    from wagtail.models import Site
    from wagtailseo.models import SeoSettings

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


def page_breadcrumbs(page, request):
    """Wagtail ancestors from the site's home page down to ``page`` (None on home itself)."""
    from wagtail.models import Page, Site

    site = Site.find_for_request(request) if request is not None else None
    home_depth = site.root_page.depth if site else 2
    if page.depth <= home_depth:
        return None
    ancestors = list(Page.objects.ancestor_of(page).filter(depth__gte=home_depth).order_by("depth"))
    items = [(ancestor.title, ancestor.get_full_url(request)) for ancestor in ancestors]
    items.append((page.title, page.get_full_url(request)))
    return breadcrumb_list(items)


def organization(shop_settings, root, seo_settings=None):
    """The shop as Organization (OnlineStore) with contact and address from ShopSettings."""
    data = {
        "@context": SCHEMA,
        "@type": "OnlineStore",
        "@id": f"{root}/#organization",
        "name": shop_settings.legal_name,
        "url": f"{root}/",
    }
    if shop_settings.email:
        data["email"] = shop_settings.email
    if shop_settings.phone:
        data["telephone"] = shop_settings.phone
    if shop_settings.vat_number:
        data["vatID"] = shop_settings.vat_number
    if shop_settings.kvk_number:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "KvK",
            "value": shop_settings.kvk_number,
        }
    if shop_settings.street_address or shop_settings.city:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": shop_settings.street_address,
            "postalCode": shop_settings.postcode,
            "addressLocality": shop_settings.city,
            "addressCountry": "NL",
        }
    logo = getattr(seo_settings, "struct_org_logo", None) if seo_settings else None
    if logo is not None:
        data["logo"] = image_object(logo, root)
    return data


def website(shop_settings, root):
    """WebSite with a SearchAction to the site search (/zoeken/)."""
    from django.urls import reverse

    search_url = f"{root}{reverse('site_search')}?q={{search_term_string}}"
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "@id": f"{root}/#website",
        "name": shop_settings.legal_name,
        "url": f"{root}/",
        "inLanguage": "nl-NL",
        "publisher": {"@id": f"{root}/#organization"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": search_url},
            "query-input": "required name=search_term_string",
        },
    }


def return_policy(shop_settings, product_class=None):
    """The shop's real return policy (W1, W2, W11, W13) as MerchantReturnPolicy."""
    from commerce.catalogue.withdrawal_exceptions import SEAL_DEPENDENT
    from home.models import ReturnShippingPaidBy

    exception = getattr(product_class, "withdrawal_exception", "") or ""
    data = {"@type": "MerchantReturnPolicy", "applicableCountry": "NL"}
    if exception and exception not in SEAL_DEPENDENT:
        data["returnPolicyCategory"] = f"{SCHEMA}MerchantReturnNotPermitted"
        return data
    data.update(
        {
            "returnPolicyCategory": f"{SCHEMA}MerchantReturnFiniteReturnWindow",
            # Counted from delivery (W2), which is how merchantReturnDays is defined.
            "merchantReturnDays": window_days(shop_settings),
            "returnMethod": f"{SCHEMA}ReturnByMail",
            "refundType": f"{SCHEMA}FullRefund",
        }
    )
    if exception in SEAL_DEPENDENT:
        # W13 e/i: returnable while the seal is intact, i.e. unopened.
        data["itemCondition"] = f"{SCHEMA}NewCondition"
    if shop_settings.return_shipping_paid_by == ReturnShippingPaidBy.SHOP:
        data["returnFees"] = f"{SCHEMA}FreeReturn"
    else:
        data["returnFees"] = f"{SCHEMA}ReturnShippingFees"
        if shop_settings.return_shipping_cost is not None:
            data["returnShippingFeesAmount"] = {
                "@type": "MonetaryAmount",
                "value": money(shop_settings.return_shipping_cost),
                "currency": "EUR",
            }
    return data


def money(amount):
    return str(Decimal(amount).quantize(Decimal("0.01")))


def is_valid_ean13(code):
    code = (code or "").strip()
    if not re.fullmatch(r"\d{13}", code):
        return False
    digits = [int(c) for c in code]
    checksum = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - checksum % 10) % 10 == digits[12]


def availability_uri(purchase_info):
    available = purchase_info.availability.is_available_to_buy
    return f"{SCHEMA}{'InStock' if available else 'OutOfStock'}"


def product_offers(product, strategy):
    """(item, purchase info) for each sellable item: the product itself, or each public variant."""
    if product.is_parent:
        children = product.get_public_children()
        return [(child, strategy.fetch_for_product(child)) for child in children]
    return [(product, strategy.fetch_for_product(product))]


BRAND_ATTRIBUTE_CODES = {"brand", "merk"}


def product_brand(product, shop_settings):
    """The "brand"/"merk" attribute when the catalogue has one, else the shop's own name."""
    if "attribute_values" in getattr(product, "_prefetched_objects_cache", {}):
        values = [v for v in product.attribute_values.all() if v.attribute.code in BRAND_ATTRIBUTE_CODES]
    else:
        values = product.attribute_values.filter(attribute__code__in=BRAND_ATTRIBUTE_CODES).select_related(
            "attribute"
        )
    for value in values:
        if value.value:
            return str(value.value)
    return shop_settings.legal_name


def product_json(page, request, shop_settings, gallery=None):
    """JSON-LD Product for a ProductPage with live price and availability (S3)."""
    from oscar.core.loading import get_model

    ProductReview = get_model("reviews", "ProductReview")
    root = site_root_url(request)
    product = page.product
    strategy = request.strategy
    url = page.seo_canonical_url
    if gallery is None:
        gallery = [item.image for item in page.gallery_images.select_related("image")]
    images = [image_object(image, root) for image in gallery]
    fallback = page_image(page, existing_seo_settings(request))
    if not images and fallback is not None:
        images = [image_object(fallback, root)]
    description = page_own_description(page) or plain_text(page.seo_description)
    policy = return_policy(shop_settings, product.get_product_class())

    offers = []
    items = product_offers(product, strategy)
    own_info = items[0][1] if items and items[0][0] is product else None
    for item, info in items:
        price = info.price
        if not price.exists or price.incl_tax is None or price.incl_tax <= 0:
            continue
        offer = {
            "@type": "Offer",
            "url": url,
            "price": money(price.incl_tax),
            "priceCurrency": price.currency or "EUR",
            "availability": availability_uri(info),
            "itemCondition": f"{SCHEMA}NewCondition",
            "seller": {"@id": f"{root}/#organization"},
            "hasMerchantReturnPolicy": policy,
        }
        if item is not product:
            offer["name"] = item.get_title()
            offer["sku"] = sku_of(item, info)
            if is_valid_ean13(item.upc):
                offer["gtin13"] = item.upc
        offers.append(offer)

    data = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": page.title,
        "description": description,
        "sku": sku_of(product, own_info),
        "brand": {"@type": "Brand", "name": product_brand(product, shop_settings)},
        "url": url,
    }
    if images:
        data["image"] = images
    if is_valid_ean13(product.upc):
        data["gtin13"] = product.upc
    if offers:
        data["offers"] = offers[0] if len(offers) == 1 else offers
    rating = ProductReview.objects.filter(product=product, status=ProductReview.APPROVED).aggregate(
        count=Count("id"), average=Avg("score")
    )
    if rating["count"]:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": str(Decimal(rating["average"]).quantize(Decimal("0.1"))),
            "reviewCount": rating["count"],
            "bestRating": "5",
            "worstRating": "1",
        }
    return data


def sku_of(product, purchase_info):
    record = getattr(purchase_info, "stockrecord", None)
    return (
        (record.partner_sku if record is not None and record.partner_sku else "")
        or product.upc
        or str(product.pk)
    )


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


def is_column_page(page):
    return page._meta.label_lower == "cms.columnpage"


def page_json_ld(page, request, shop_settings, seo_settings=None):
    """Every JSON-LD dict a Wagtail page carries."""
    from wagtail.models import Site

    blocks = []
    site = Site.find_for_request(request)
    root = site_root_url(request)
    is_home = site is not None and page.pk == site.root_page_id
    if is_home:
        blocks.append(organization(shop_settings, root, seo_settings))
        blocks.append(website(shop_settings, root))
    else:
        crumbs = page_breadcrumbs(page, request)
        if crumbs:
            blocks.append(crumbs)
    if page._meta.label_lower == "cms.productpage":
        blocks.append(product_json(page, request, shop_settings))
    elif is_column_page(page):
        blocks.append(article_json(page, request, shop_settings, seo_settings))
    return blocks


def oscar_breadcrumbs(context, request):
    """Breadcrumbs of Oscar's views: category pages (ancestors) and the basket."""
    from django.urls import reverse
    from oscar.core.loading import get_model

    Category = get_model("catalogue", "Category")
    root = site_root_url(request)
    home = (_("Home"), f"{root}/")
    category = context.get("category")
    if isinstance(category, Category):
        items = [home] + [
            (ancestor.name, absolute(ancestor.get_absolute_url(), root))
            for ancestor in category.get_ancestors_and_self()
        ]
        return breadcrumb_list(items)
    if request.path == reverse("basket:summary"):
        return breadcrumb_list([home, (_("Winkelmand"), absolute(request.path, root))])
    return None


def oscar_json_ld(context, request):
    crumbs = oscar_breadcrumbs(context, request)
    return [crumbs] if crumbs else []
