"""python manage.py compute_segments: every customer's RFM segment recomputed (domain.md A5).

Run daily (settings.WINKELIER_SCHEDULE; README, Deploying); staff can start the same from the
admin (the background task ``aftersales.tasks.compute_segments``). Prints each stage, then the
customers per segment with how many came in (+) and left (-). ``--today YYYY-MM-DD`` counts from
another day (runs are meant to go forward in time: each change is recorded on that day).
"""

from django.core.management.base import BaseCommand

from aftersales.segmenting import compute_segments
from home.clock import amsterdam_today
from home.command_options import add_today_option
from home.progress import Progress


class Command(BaseCommand):
    help = "Recompute every customer's RFM segment (A5) and keep each change of segment as history."

    def add_arguments(self, parser):
        add_today_option(parser)

    def handle(self, *args, **options):
        progress = Progress(self.stdout, options["verbosity"])
        summary = compute_segments(options["today"] or amsterdam_today(), progress)
        progress.write(str(summary))
