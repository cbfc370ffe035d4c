"""`manage.py load_demo_shop`: fill the database with the Winkelier demo shop.

Idempotent and deterministic: run it as often as you like, the counts stay the same.
`--logins` only prints the demo staff logins (for `make run`).
"""

from django.core.management.base import BaseCommand

from demo.loader import load_demo_shop
from demo.staff import login_table
from home.progress import Progress


class Command(BaseCommand):
    help = "Load the demo shop: catalogue, customers, 18 months of orders, staff and site content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--logins", action="store_true", help="Only print the demo staff logins and exit."
        )

    def handle(self, *args, logins=False, verbosity=1, **options):
        if logins:
            self.stdout.write(login_table())
            return
        progress = Progress(self.stdout, verbosity=verbosity)
        summary = load_demo_shop(progress)
        if verbosity < 1:
            return
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo shop ready in {summary.seconds:.1f}s"))
        width = max(len(name) for name in summary.totals)
        for name, total in summary.totals.items():
            created = summary.created.get(name, 0)
            self.stdout.write(f"  {name.ljust(width)}  {total:>6}  ({created} new)")
        self.stdout.write("")
        self.stdout.write("Demo logins:")
        self.stdout.write(login_table())
