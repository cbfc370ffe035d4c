"""python manage.py image_licence_report [--json]: the image licence register (domain.md S6).

Every image in the library by licence state (unknown, expired, expiring within 30 days,
valid) with the pages and objects that use it (Wagtail's reference index). --json prints
{"today", "counts", "expiring_within_30_days": [ids], "images": [...]} on stdout.
"""

import json

from django.core.management.base import BaseCommand

from cms.image_licences import EXPIRED, EXPIRING, UNKNOWN, licence_register, live_pages, register_as_json
from home.clock import amsterdam_today

STATE_NAMES = {
    UNKNOWN: "licence unknown",
    EXPIRED: "licence expired",
    EXPIRING: "expires within 30 days",
    "valid": "valid",
}


class Command(BaseCommand):
    help = "Images by licence state, where each is used, and those expiring within 30 days (S6)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the register as JSON.")

    def handle(self, *args, **options):
        today = amsterdam_today()
        rows = licence_register(today)
        data = register_as_json(rows, today)
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        for row in rows:
            expires = row.image.licence_expires_on.isoformat() if row.image.licence_expires_on else "-"
            used = ", ".join(usage.label for usage in row.usages) or "not used"
            state = STATE_NAMES[row.state]
            placeholders = live_pages(row) if row.state == EXPIRED else 0
            if placeholders:
                used = f"{used} (placeholder shown on {placeholders} live pages)"
            self.stdout.write(
                f"{row.image.pk:>6}  {state:<24} {row.image.licence_type:<10} "
                f"{expires:<10}  {row.image.title[:40]:<40}  {used}"
            )
        counts = data["counts"]
        self.stderr.write(
            f"{len(rows)} images on {today.isoformat()}: {counts[UNKNOWN]} unknown, {counts[EXPIRED]} "
            f"expired, {counts[EXPIRING]} expiring within 30 days, {counts['valid']} valid."
        )
