"""Fixtures shared by the commerce tests."""

import pytest

from tests.commerce.shop_support import filled_in_shop
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
