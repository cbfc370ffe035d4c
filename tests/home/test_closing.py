"""Shop closing days (domain.md N4): storefront notice and working-day counting."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.utils import timezone
from wagtail.models import Site

from home.closing import add_working_days, is_working_day, period_to_announce
from home.models import ClosingPeriod, ShopSettings

pytestmark = pytest.mark.rule("N4")

CHRISTMAS = SimpleNamespace(label="Kerstsluiting", starts_on=date(2026, 12, 24), ends_on=date(2027, 1, 1))


def test_n4_weekends_and_closing_days_are_not_working_days():
    assert is_working_day(date(2026, 12, 23), [CHRISTMAS])  # Wednesday
    assert not is_working_day(date(2026, 12, 28), [CHRISTMAS])  # Monday, closed
    assert not is_working_day(date(2026, 12, 19), [CHRISTMAS])  # Saturday


def test_n4_working_days_skip_the_christmas_closure():
    # Wednesday 23 Dec + 2 working days: 24 Dec - 1 Jan closed, 2-3 Jan weekend -> Tue 5 Jan.
    assert add_working_days(date(2026, 12, 23), 2, [CHRISTMAS]) == date(2027, 1, 5)
    assert add_working_days(date(2026, 11, 20), 1, []) == date(2026, 11, 23)  # Friday -> Monday


@pytest.mark.parametrize(
    ("today", "announced"),
    [
        (date(2026, 12, 9), False),  # 15 days before: too early
        (date(2026, 12, 10), True),  # 14 days before
        (date(2026, 12, 31), True),  # during
        (date(2027, 1, 2), False),  # after
    ],
)
def test_n4_notice_window(today, announced):
    assert (period_to_announce([CHRISTMAS], today, lead_days=14) is CHRISTMAS) is announced


def test_n4_the_first_upcoming_period_is_announced():
    kingsday = SimpleNamespace(label="Koningsdag", starts_on=date(2027, 4, 27), ends_on=date(2027, 4, 27))
    easter = SimpleNamespace(label="Pasen", starts_on=date(2027, 3, 28), ends_on=date(2027, 3, 29))
    assert period_to_announce([kingsday, easter], date(2027, 3, 20), lead_days=60) is easter


@pytest.mark.django_db
def test_n4_storefront_shows_the_notice_on_every_page(client, settings):
    today = timezone.localdate()
    shop = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    ClosingPeriod.objects.create(settings=shop, label="Inventarisatie", starts_on=today, ends_on=today)
    for url in ("/", "/basket/", "/catalogue/"):
        body = client.get(url).content.decode()
        assert "Inventarisatie" in body, url
        assert "wij zijn gesloten" in body, url
