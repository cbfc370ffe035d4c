"""The shop's calendar day: legal windows and licence expiry count dates in Europe/Amsterdam."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def amsterdam_today() -> date:
    """Today in Amsterdam, whatever the server's or Django's time zone."""
    return datetime.now(AMSTERDAM).date()


def amsterdam_date(moment: datetime) -> date:
    """The Amsterdam calendar day of an aware datetime (an order placed at 00:30 CEST is that day)."""
    return moment.astimezone(AMSTERDAM).date()
