"""`manage.py reconcile_payments`: place the orders of payments that neither the browser nor the
webhook turned into an order.

Normally the return view or the webhook places every order. This catches what both missed (the
webhook endpoint unreachable for longer than Stripe retries, a lost task). Placement re-reads
each PaymentIntent from Stripe, so a payment that never completed stays unplaced. Card
authorisations expire after 7 days; older payments are left alone.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from commerce.payments import events, gateway
from commerce.payments.models import CheckoutPayment


class Command(BaseCommand):
    help = "Place orders for completed Stripe payments that have no order yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age-minutes",
            type=int,
            default=15,
            help="leave younger payments to the browser and the webhook",
        )
        parser.add_argument("--days", type=int, default=7, help="look back this many days")

    def handle(self, *args, **options):
        now = timezone.now()
        unplaced = list(
            CheckoutPayment.objects.filter(
                order=None,
                refused_reason="",
                created_at__lte=now - timedelta(minutes=options["min_age_minutes"]),
                created_at__gte=now - timedelta(days=options["days"]),
            )
            .exclude(status="canceled")
            .order_by("created_at")
            .values_list("payment_intent_id", flat=True)
        )
        unavailable = 0
        for number, intent_id in enumerate(unplaced, start=1):
            try:
                outcome = events.place(intent_id)
            except gateway.PaymentUnavailable as error:
                unavailable += 1
                outcome = f"Stripe unavailable, left for the next run ({error})"
            self.stdout.write(f"[{number}/{len(unplaced)}] {intent_id}: {outcome}")
        placed = CheckoutPayment.objects.filter(payment_intent_id__in=unplaced).exclude(order=None).count()
        summary = f"{placed} of {len(unplaced)} placed now; {unavailable} not checked (Stripe unavailable)."
        self.stdout.write(self.style.SUCCESS(summary))
