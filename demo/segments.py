"""The demo's segment history (A5): the nightly computation run as on one day a week, from the
day of the first demo order up to today, oldest first, so every customer's history of segments
is the one the shop would have recorded (New, then Potential loyalist, ..., then At risk).

aftersales.segmenting counts only what was known on the day counted; runs go forward in time,
so a later load computes only the days after the last one scored.
"""

from datetime import date, timedelta

from django.db.models import Max, Min
from oscar.core.loading import get_model

from aftersales.models import CustomerScore, SegmentChange
from aftersales.segmenting import compute_segments
from demo.seed import ORDER_NUMBER_PREFIX
from home.clock import amsterdam_date

Order = get_model("order", "Order")

EVERY = timedelta(days=7)


def history_days(first: date, today: date, last_scored: date | None) -> list[date]:
    """One day a week from `first`, and `today`, after the last day scored."""
    days = [first + n * EVERY for n in range((today - first) // EVERY + 1)]
    if days[-1] != today:
        days.append(today)
    return [day for day in days if last_scored is None or day > last_scored]


def load_segment_history(today: date, progress) -> dict[str, int]:
    first_placed = Order.objects.filter(number__startswith=ORDER_NUMBER_PREFIX).aggregate(
        first=Min("date_placed")
    )["first"]
    if first_placed is None:
        return {"segment changes": 0}
    last_scored = CustomerScore.objects.aggregate(last=Max("scored_on"))["last"]
    days = history_days(amsterdam_date(first_placed), today, last_scored)
    before = SegmentChange.objects.count()
    for done, day in enumerate(days, start=1):
        summary = compute_segments(day)
        progress.count(done, len(days), "weeks scored")
        if day == today:
            counts = summary.counts.most_common()
            progress.write(f"    segments today: {', '.join(f'{name} {size}' for name, size in counts)}")
    return {"segment changes": SegmentChange.objects.count() - before}
