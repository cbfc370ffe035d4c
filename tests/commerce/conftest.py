"""Fixtures shared by the commerce tests."""

import pytest
from django.contrib.auth.models import Group

from home.staff_groups import ORDER_MANAGERS, ensure_staff_groups
from tests.commerce.shop_support import filled_in_shop
from tests.factories import PartnerFactory, UserFactory
from tests.stripe_support import post_event


@pytest.fixture
def shop(db):
    """The default site's shop details as an owner fills them in (e-mails, forms, invoices read them)."""
    return filled_in_shop()


@pytest.fixture
def deliver(client, django_capture_on_commit_callbacks):
    """POST a signed event and run what the view left for after its commit (the task)."""

    def deliver(payload: str, signature_header: str | None = "sign"):
        with django_capture_on_commit_callbacks(execute=True):
            return post_event(client, payload, signature_header)

    return deliver


@pytest.fixture
def order_manager_user(db):
    """A member of the Order managers group, a user of the partner every test stock record has."""
    ensure_staff_groups()
    manager = UserFactory(email="orders@winkelier.test")
    manager.groups.add(Group.objects.get(name=ORDER_MANAGERS))
    PartnerFactory().users.add(manager)
    return manager
