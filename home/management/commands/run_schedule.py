"""`manage.py run_schedule`: the embedded shop's scheduled jobs (settings.WINKELIER_SCHEDULE),
until Ctrl-C or SIGTERM. run_embedded starts it; home/schedule.py explains the loop."""

import signal
import threading
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.schedule import Scheduler, jobs_from, log_outcome, run_manage_command


class Command(BaseCommand):
    help = (
        "Run the scheduled management commands of settings.WINKELIER_SCHEDULE at their intervals "
        "(retry_stripe_events and reconcile_payments every 5 minutes, backup and verify_backup daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="print the schedule and exit")
        parser.add_argument(
            "--once",
            action="store_true",
            help="run every scheduled command once, now, and exit (1 if any failed)",
        )
        parser.add_argument(
            "--first-delay",
            type=float,
            default=60.0,
            help="seconds before a job that never ran starts (default 60)",
        )
        parser.add_argument(
            "--state",
            default=str(settings.BASE_DIR / "run" / "schedule-state.json"),
            help="where the time each job last ran is kept",
        )

    def handle(self, *args, **options):
        jobs = jobs_from(settings.WINKELIER_SCHEDULE)
        if options["list"]:
            for job in jobs:
                self.stdout.write(str(job))
            return
        if options["once"]:
            self.run_once(jobs)
            return
        scheduler = Scheduler(jobs, Path(options["state"]), first_delay=options["first_delay"])
        stopping = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stopping.set())
        scheduler.serve(stopping)

    def run_once(self, jobs):
        failed = []
        for job in jobs:
            for command in job.commands:
                outcome = run_manage_command(command, job.every.total_seconds())
                log_outcome(outcome)
                if not outcome.ok:
                    failed.append(command)
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)} (their output is above).")
