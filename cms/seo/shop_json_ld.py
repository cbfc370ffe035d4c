"""The shop itself as JSON-LD (domain.md S3): Organization (OnlineStore) and WebSite on home;
the Organization is also an Article's publisher."""

from django.urls import reverse

from cms.image_placeholders import on_display
from cms.seo.json_ld import SCHEMA, image_object


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
    if on_display(logo):  # not once its licence has run out (S6)
        data["logo"] = image_object(logo, root)
    return data


def website(shop_settings, root):
    """WebSite with a SearchAction to the site search (/zoeken/)."""
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
