"""python manage.py email_return_escalations: e-mail the Order managers the escalated returns (W14).

Run daily (settings.WINKELIER_SCHEDULE; README, Deploying). ``--today YYYY-MM-DD`` counts from
another day. Exits non-zero when returns were escalated and no Order manager could be e-mailed.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from commerce.returns.escalations import email_escalations
from home.clock import amsterdam_today
from home.progress import Progress


class Command(BaseCommand):
    help = "E-mail the Order managers every return escalated before its legal refund deadline (W14)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=date.fromisoformat, help="count from this date (YYYY-MM-DD) instead of today"
        )

    def handle(self, *args, **options):
        progress = Progress(self.stdout, options["verbosity"])
        outcome = email_escalations(options["today"] or amsterdam_today(), progress)
        for return_request in outcome.returns:
            progress.write(
                f"{return_request.number} (order {return_request.order.number}): legal deadline "
                f"{return_request.legal_refund_deadline.isoformat()}"
            )
        if outcome.undelivered:
            raise CommandError(outcome.summary())
        progress.write(self.style.SUCCESS(outcome.summary()))
