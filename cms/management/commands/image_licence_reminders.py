"""python manage.py image_licence_reminders: e-mail the editors about licences running out (S6).

Run daily (README, Deploying; the background task ``cms.tasks.send_image_licence_reminders``
does the same). Reminders go 30, 7 and 1 days before an image's licence runs out, each once
per image and expiry date however often this runs; a missed day is made up the next run.
``--today YYYY-MM-DD`` counts from another day (to look ahead or make up a missed run).
"""

from django.core.management.base import BaseCommand, CommandError

from cms.image_licence_reminders import send_licence_reminders
from home.clock import amsterdam_today
from home.command_options import add_today_option


class Command(BaseCommand):
    help = "E-mail the editors 30, 7 and 1 days before an image's licence runs out (each reminder once)."

    def add_arguments(self, parser):
        add_today_option(parser)

    def handle(self, *args, **options):
        today = options["today"] or amsterdam_today()
        outcome = send_licence_reminders(today)
        for reminder in outcome.reminders:
            pages = ", ".join(usage.label for usage in reminder.pages) or "no pages"
            self.stdout.write(
                f"'{reminder.image.title}': expires {reminder.expires_on.isoformat()} "
                f"({reminder.days_before}-day reminder) — shown on {pages}"
            )
        if outcome.undelivered:
            raise CommandError(outcome.summary())
        self.stdout.write(self.style.SUCCESS(outcome.summary()))
