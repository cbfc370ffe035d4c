"""Fixtures shared by the commerce tests."""

import pytest
from wagtail.models import Site

from home.models import ShopSettings
from tests.stripe_support import post_event


@pytest.fixture
def shop(db):
    """The default site's shop details as an owner fills them in (e-mails, forms, invoices read them)."""
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


@pytest.fixture
def deliver(client, django_capture_on_commit_callbacks):
    """POST a signed event and run what the view left for after its commit (the task)."""

    def deliver(payload: str, signature_header: str | None = "sign"):
        with django_capture_on_commit_callbacks(execute=True):
            return post_event(client, payload, signature_header)

    return deliver
