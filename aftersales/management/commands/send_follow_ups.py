"""python manage.py send_follow_ups: the follow-up plan's due e-mails sent (domain.md A6).

Run every few minutes (settings.WINKELIER_SCHEDULE; README, Deploying); it sends only on the shop's
working days inside its send window (Winkelgegevens, "Opvolgplan") and does nothing otherwise, so
cron may run it around the clock. Several may run at once: each step goes out once. First makes
the plans of delivered orders that have none yet. Prints what became of each due follow-up.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from aftersales import followups


class Command(BaseCommand):
    help = "Send the follow-up plan's due e-mails (A6) and plan delivered orders that have no plan yet."

    def handle(self, *args, **options):
        now = timezone.now()
        planned = followups.plan_missing(now)
        outcomes = followups.send_due(now)
        summary = (
            ", ".join(f"{name}: {count}" for name, count in sorted(outcomes.items())) or "nothing due now"
        )
        self.stdout.write(f"Plans made: {planned}. Follow-ups: {summary}.")
