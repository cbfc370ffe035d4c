"""python manage.py compute_dashboard: count the after-sales dashboard's figures (A8) again for
every preset period, or the one given, and store them for the page.

Run daily (settings.WINKELIER_SCHEDULE; README, Deploying); managers can also ask for one
period from the dashboard ("Nu bijwerken", the task aftersales.tasks.compute_dashboard).
"""

from django.core.management.base import BaseCommand

from aftersales.dashboard import Preset, refresh
from home.progress import Progress


class Command(BaseCommand):
    help = "Bereken de cijfers van het after-sales-dashboard opnieuw (ook elke nacht)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--period",
            choices=Preset.values,
            action="append",
            help="only this period (may be repeated); default: every period",
        )

    def handle(self, *args, **options):
        progress = Progress(self.stdout, options["verbosity"])
        presets = [Preset(value) for value in options["period"] or Preset.values]
        for preset in presets:
            progress.stage(f"{preset.value}: {preset.label}")
            stored = refresh(preset)
            figures = stored.figures
            progress.write(
                f"    {stored.since} - {stored.until}: "
                f"{figures['repeat']['customers']} new customers, {figures['returns']['orders']} orders, "
                f"{figures['tasks']['due']} thank-yous due"
            )
        progress.write(
            self.style.SUCCESS(
                f"Dashboard figures computed for {len(presets)} periods in {progress.elapsed():.1f} s"
            )
        )
