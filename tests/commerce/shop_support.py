"""The shop's details as an owner fills them in (e-mails, forms, invoices, slips read them)."""

from wagtail.models import Site

from home.models import ShopSettings


def filled_in_shop() -> ShopSettings:
    settings = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    settings.legal_name = "Winkelier Utrecht"
    settings.street_address = "Oudegracht 99"
    settings.postcode = "3511 AB"
    settings.city = "Utrecht"
    settings.email = "hallo@winkelier.test"
    settings.kvk_number = "12345678"
    settings.vat_number = "NL862301234B01"
    settings.save()
    return settings
