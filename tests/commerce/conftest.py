"""Fixtures shared by the commerce tests."""

import pytest

from tests.commerce.shop_support import filled_in_shop


@pytest.fixture
def shop(db):
    """The default site's shop details as an owner fills them in (e-mails, forms, invoices read them)."""
    return filled_in_shop()
