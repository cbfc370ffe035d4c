from django.core.management.base import BaseCommand

from commerce.recommendations.computation import compute
from home.progress import Progress


class Command(BaseCommand):
    help = "Bereken 'vaak samen gekocht' opnieuw uit alle bestellingen (ook elke nacht)."

    def handle(self, *args, **options):
        progress = Progress(self.stdout, options["verbosity"])
        summary = compute(progress)
        progress.write(str(summary))
