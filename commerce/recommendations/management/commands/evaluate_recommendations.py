"""`manage.py evaluate_recommendations`: how often the computed recommendations would have
predicted a product shoppers actually bought, against the best sellers as a baseline, on the
shop's own history (commerce/recommendations/evaluation.py says how). Reads only.
"""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from oscar.core.loading import get_model

from commerce.recommendations import evaluation, history
from home.progress import Progress

Product = get_model("catalogue", "Product")


def day(ordinal: int | None) -> str | None:
    return None if ordinal is None else date.fromordinal(ordinal).isoformat()


def as_json(result: evaluation.Evaluation, split: evaluation.Split, holdout_days: int, catalogue: int):
    ratio = result.hit_rate_ratio
    return {
        "orders_evaluated": result.orders_evaluated,
        "tests": result.tests,
        "recommender": result.recommender.as_dict(),
        "popularity": result.popularity.as_dict(),
        "hit_rate_ratio": None if ratio is None else round(ratio, 4),
        "cutoff": day(split.cutoff),
        "holdout_days": holdout_days,
        "train_orders": result.train_orders,
        "held_out_orders": result.held_out_orders,
        "unseen": result.unseen,
        "catalogue_size": catalogue,
    }


def report(result: evaluation.Evaluation, split: evaluation.Split, holdout_days: int, catalogue: int):
    count = evaluation.COUNT
    ratio = "n/a" if result.hit_rate_ratio is None else f"{result.hit_rate_ratio:.2f}"
    rows = [("recommender", result.recommender), ("popularity", result.popularity)]
    return [
        f"Held out: {result.held_out_orders} orders from {day(split.cutoff)} (the last {holdout_days} "
        f"days of the history); trained on the {result.train_orders} orders before.",
        f"Evaluated: {result.orders_evaluated} orders with 2 or more products, each product hidden in "
        f"turn: {result.tests} tests ({result.unseen} hiding a product never bought before the cut-off).",
        "",
        f"{'':<12}  {f'HitRate@{count}':>10}  {f'NDCG@{count}':>8}  {'coverage':>8}",
        *(f"{name:<12}  {m.hit_rate:>10.3f}  {m.ndcg:>8.3f}  {m.coverage:>8.3f}" for name, m in rows),
        "",
        f"Hit rate: recommender / popularity = {ratio}; coverage counts {catalogue} products "
        "(parents and standalone).",
    ]


class Command(BaseCommand):
    help = (
        "Test the recommendations on the order history: train before a cut-off, predict each product "
        "of each later order from the others; HitRate@10, NDCG@10 and coverage against the best sellers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print only the figures, as JSON")
        parser.add_argument(
            "--holdout-days",
            type=int,
            default=90,
            help="test on the orders of the history's last N days (default 90), train on those before",
        )

    def handle(self, *args, **options):
        holdout_days = options["holdout_days"]
        if holdout_days < 1:
            raise CommandError("--holdout-days must be 1 or more.")
        # With --json, stdout carries the JSON alone; the progress goes to stderr.
        if options["json"]:
            self.stderr.style_func = None
        progress = Progress(self.stderr if options["json"] else self.stdout, options["verbosity"])
        progress.stage("Reading the order lines")
        split = evaluation.split(history.purchases(), holdout_days)
        catalogue = Product.objects.browsable_dashboard().count()
        result = evaluation.evaluate(split.train, split.test, catalogue, progress=progress)
        progress.stage("Done")
        if options["json"]:
            self.stdout.write(json.dumps(as_json(result, split, holdout_days, catalogue)))
            return
        for line in report(result, split, holdout_days, catalogue):
            progress.write(line)
        progress.write(f"In {progress.elapsed():.1f} s.")
