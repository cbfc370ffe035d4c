"""Fixtures shared by the after-sales page tests."""

from decimal import Decimal

import pytest

from home.staff_groups import AFTER_SALES
from tests.aftersales.task_support import staff_member
from tests.commerce.shop_support import filled_in_shop


@pytest.fixture
def filled_in_shop_without_holdout(settings):
    """The shop's details filled in, and every customer's first order earning its card."""
    settings.WINKELIER_HOLDOUT_SHARE = Decimal("0")
    return filled_in_shop()


@pytest.fixture
def anouk(db):
    """An After-sales member known by her first name only."""
    return staff_member(AFTER_SALES, "Anouk", "anouk@winkelier.test", last_name="")
