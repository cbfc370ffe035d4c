"""`manage.py reconcile_payments`: finish the Stripe steps left unfinished, then place the orders of
payments that neither the browser nor the webhook turned into an order.

First the steps (recovery.py): a payment stuck "creating", "capturing" or "releasing" for a few
minutes with nobody on it (a crash or a timeout between a Stripe call and its record) is finished
or undone from Stripe's state. Then placement: normally the return view or the webhook places
every order; this catches what both missed (the webhook endpoint unreachable for longer than
Stripe retries, a lost task). Placement re-reads each PaymentIntent from Stripe, so a payment that
never completed stays unplaced. Card authorisations expire after 7 days; older payments are left
alone. Run it every few minutes (README, "Orders, payments and invoices").
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from commerce.payments import events, gateway, recovery, steps
from commerce.payments.models import CheckoutPayment, StripeCall


class Command(BaseCommand):
    help = "Finish unfinished Stripe steps; place orders for completed Stripe payments without one."

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age-minutes",
            type=int,
            default=15,
            help="leave younger payments to the browser and the webhook",
        )
        parser.add_argument(
            "--stuck-minutes",
            type=int,
            default=5,
            help="finish a Stripe step only when nobody touched it for this long",
        )
        parser.add_argument("--days", type=int, default=7, help="look back this many days")

    def handle(self, *args, **options):
        now = timezone.now()
        self.resume_steps(now - timedelta(minutes=options["stuck_minutes"]))
        unplaced = list(
            CheckoutPayment.objects.filter(
                order=None,
                refused_reason="",
                pending_call=StripeCall.NONE,
                payment_intent_id__isnull=False,
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

    def resume_steps(self, older_than):
        stuck = list(steps.stuck(older_than))
        left = 0
        for number, payment in enumerate(stuck, start=1):
            label = f"payment {payment.pk} {payment.pending_call}"
            try:
                outcome = recovery.resume(payment)
            except gateway.PaymentUnavailable as error:
                left += 1
                outcome = f"Stripe unavailable, left for the next run ({error})"
            self.stdout.write(f"[{number}/{len(stuck)}] {label}: {outcome}")
        summary = f"{len(stuck) - left} of {len(stuck)} unfinished Stripe steps finished; {left} left."
        self.stdout.write(self.style.SUCCESS(summary))
