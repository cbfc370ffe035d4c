"""`manage.py retry_stripe_events`: handle stored Stripe events that were never processed.

An event stays unprocessed when Stripe could not be reached while its task ran (or the task
worker was down). Run this from cron every few minutes; handling is idempotent.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from commerce.payments import events, gateway
from commerce.payments.models import StripeEvent


class Command(BaseCommand):
    help = "Process stored Stripe webhook events that have not been processed yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=60,
            help="only events received at least this many seconds ago (fresh ones are still queued)",
        )

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(seconds=options["older_than"])
        pending = list(
            StripeEvent.objects.filter(processed_at=None, received_at__lte=cutoff)
            .order_by("stripe_created", "received_at")
            .values_list("event_id", flat=True)
        )
        done = failed = 0
        for number, event_id in enumerate(pending, start=1):
            try:
                outcome = events.process(event_id)
            except gateway.PaymentUnavailable as error:
                failed += 1
                outcome = f"Stripe unavailable, left for the next run ({error})"
            else:
                done += 1
            self.stdout.write(f"[{number}/{len(pending)}] {event_id}: {outcome}")
        summary = f"{done} processed, {failed} still waiting for Stripe, of {len(pending)} pending."
        self.stdout.write(self.style.SUCCESS(summary))
