"""Options shared by the daily management commands."""

import datetime

from django.core.management.base import CommandError


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--today expects a date as YYYY-MM-DD, not {value!r}") from error


def add_today_option(parser) -> None:
    """`--today YYYY-MM-DD`: count from another day than today in Amsterdam."""
    parser.add_argument("--today", type=iso_date, help="count from this date (YYYY-MM-DD) instead of today")
