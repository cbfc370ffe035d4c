"""python manage.py content_audit [--json]: the uniqueness audit of every live product page (S5).

Prints a table of the flagged products (own text ≥ 50 % supplier text, or a near-duplicate
of another product's own text) and a summary; progress goes to stderr. With --json, stdout
is only a JSON list of the flagged products:
[{"product_id", "page_url", "supplier_containment", "near_duplicates": [product ids]}].
"""

import json

from django.core.management.base import BaseCommand

from cms.content_audit import run_audit
from home.progress import Progress


class Command(BaseCommand):
    help = "Uniqueness audit: own product texts vs supplier texts and near-duplicates (S5)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the flagged products as JSON.")

    def handle(self, *args, **options):
        progress = Progress(self.stderr, options["verbosity"])
        progress.stage("Content audit: live product pages")
        result = run_audit(progress=lambda done, total: progress.count(done, total, "pages"))
        flagged = result.flagged
        if options["json"]:
            self.stdout.write(json.dumps([row.as_json() for row in flagged], indent=2))
        else:
            self.print_table(flagged)
        progress.write(
            f"[{progress.elapsed():5.1f}s] {result.pages} live product pages audited in "
            f"{result.seconds:.1f} s: {len(flagged)} flagged, {result.copied_count} with "
            f"≥ 50 % supplier text, {result.near_duplicate_count} with near-duplicates "
            f"({result.candidates_checked} LSH candidates re-checked)."
        )

    def print_table(self, flagged):
        if not flagged:
            self.stdout.write("No product is flagged: every own text is unique.")
            return
        header = f"{'product':>8}  {'supplier':>8}  {'near-duplicates':<18}  title / page"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for row in flagged:
            duplicates = ", ".join(str(other) for other in row.near_duplicates) or "-"
            self.stdout.write(
                f"{row.product_id:>8}  {row.supplier_containment:>7.0%}  {duplicates:<18}  "
                f"{row.title[:50]} {row.page_url}"
            )
