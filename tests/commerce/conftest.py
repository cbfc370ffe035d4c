"""Fixtures shared by the commerce tests."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Site

from home.models import ShopSettings
from home.staff_groups import ORDER_MANAGERS, ensure_staff_groups
from tests.factories import PartnerFactory, UserFactory


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
def order_manager_user(db):
    """A member of the Order managers group, a user of the partner every test stock record has."""
    ensure_staff_groups()
    manager = UserFactory(email="orders@winkelier.test")
    manager.groups.add(Group.objects.get(name=ORDER_MANAGERS))
    PartnerFactory().users.add(manager)
    return manager
