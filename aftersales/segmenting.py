"""Recomputing every customer's RFM segment (domain.md A5): nightly and on demand.

`compute_segments(today)` first gives each e-mail address with an order its Customer row (what
customers.customer_for does at placement, here in bulk), then scores every customer by
aftersales/rfm.py's rules as on `today` (Europe/Amsterdam) and writes their CustomerScore and,
for each customer whose segment changed, a SegmentChange dated `today`.

On PostgreSQL the scoring is one set-based query (CTEs, RANK() windows, and rfm.GROUPS turned
into a CASE expression, so the rule is stated once) into a temporary table; the history and the
scores are written from it with INSERT ... SELECT, never a Python loop per customer
(tests/bench/test_segments_bench.py: 200,000 customers, 1,000,000 orders). On SQLite, the
embedded shop, the orders are read and rfm.py scores them in Python; a PostgreSQL test checks
that both give every customer the same values, scores and segment.

A run counts as on `today` only what was known then: orders placed on or before it, refunds paid
back on or before it, and the customers who existed: those with such an order, and those whose
row was made on or before it (a newsletter subscriber without orders is a Prospect from the day
they signed up, not before). A customer whose first order comes later is not scored at all, so a
computation as on a past day (the demo shop's history, a missed night made up) never sees the
future.

Runs are meant to go forward in time: the history records a change on the day counted. Two runs
at once queue behind each other (an advisory lock on PostgreSQL, SQLite's immediate
transactions), so a change is recorded once.
"""

import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Case, Exists, F, Min, OuterRef, When
from django.db.models.functions import Lower, Trim
from django.utils import timezone
from oscar.core.loading import get_model

from aftersales import rfm
from aftersales.models import Customer, CustomerScore, SegmentChange, SegmentChoice
from commerce.order import statuses
from commerce.returns.models import Refund, Return
from home.clock import AMSTERDAM, amsterdam_date

Order = get_model("order", "Order")
User = get_model("users", "User")

LOCK = 0x5E6_4E47  # pg_advisory_xact_lock key of this computation
NO_SEGMENT = ""  # SegmentChange.from_segment of a customer's first scoring


@dataclass(frozen=True)
class Summary:
    today: date
    created: int  # Customer rows made for buyers who had none
    moves: dict[tuple[str, str], int]  # customers per (previous segment, segment)
    seconds: float

    @property
    def counts(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for (_previous, segment), customers in self.moves.items():
            counts[segment] += customers
        return counts

    @property
    def changed(self) -> dict[tuple[str, str], int]:
        return {move: customers for move, customers in self.moves.items() if move[0] != move[1]}

    def __str__(self) -> str:
        counts = self.counts
        joined: Counter[str] = Counter()
        left: Counter[str] = Counter()
        for (previous, segment), customers in self.changed.items():
            joined[segment] += customers
            left[previous] += customers
        buyers = sum(counts.values()) - counts[rfm.Segment.PROSPECTS]
        lines = [
            f"Segments on {self.today.isoformat()}: {sum(counts.values())} customers, {buyers} with orders; "
            f"{sum(self.changed.values())} changed segment, {self.created} customers added, "
            f"in {self.seconds:.1f} s"
        ]
        for segment in SegmentChoice.values:
            lines.append(f"  {segment:<20} {counts[segment]:>9}   +{joined[segment]} -{left[segment]}")
        return "\n".join(lines)


def compute_segments(today: date, progress=None) -> Summary:
    """Score every customer as on `today` and keep each change of segment (module doc)."""
    started = time.monotonic()
    stage = progress.stage if progress else (lambda title: None)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
        stage("Klanten aanmaken voor e-mailadressen met een bestelling")
        created = create_missing_customers()
        if connection.vendor == "postgresql":
            moves = write_in_sql(today, stage)
        else:
            stage("Bestellingen lezen en scoren")
            results = python_results(today)
            stage(f"Opslaan ({len(results)} klanten)")
            moves = write_results(results, today)
    return Summary(today, created, moves, time.monotonic() - started)


# -- Customers for every buyer ----------------------------------------------------------------


def counted_orders():
    """The orders that count for after-sales (customers.orders_of), of every customer."""
    return Order.objects.exclude(status=statuses.CANCELLED)


def create_missing_customers() -> int:
    """A Customer row for each buyer's e-mail address that has none, linked to the account like
    customer_for does (unless that account has its customer already); one query finds them."""
    order_email = Lower(Trim(Case(When(user__isnull=True, then=F("guest_email")), default=F("user__email"))))
    known = Customer.objects.filter(email=OuterRef("key"))  # stored lower-case: the unique index
    missing = (
        counted_orders()
        .annotate(key=order_email)
        .exclude(key="")
        .exclude(Exists(known))  # an anti-join; NOT IN (subquery) would be quadratic on PostgreSQL
        .values("key")
        .annotate(user_id=Min("user_id"))
        .values_list("key", "user_id")
    )
    linked = set(Customer.objects.exclude(user=None).values_list("user_id", flat=True))
    new = [
        Customer(email=email.lower(), user_id=None if user_id in linked else user_id)
        for email, user_id in missing
    ]
    Customer.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
    return len(new)


def day_after(today: date) -> datetime:
    """Midnight after `today` in Amsterdam: what happened before it happened on or before today."""
    return datetime.combine(today + timedelta(days=1), datetime.min.time(), tzinfo=AMSTERDAM)


# -- In Python (SQLite) -----------------------------------------------------------------------


def python_results(today: date) -> dict[int, rfm.Result]:
    """rfm.py's result per id of each customer known on `today` (module doc), from the orders
    read into Python; writes nothing."""
    refunded: defaultdict[int, Decimal] = defaultdict(Decimal)
    paid_back = Refund.objects.filter(status=Refund.Status.SUCCEEDED, refunded_at__lt=day_after(today))
    for order_id, amount in paid_back.values_list("return_request__order_id", "amount").iterator():
        refunded[order_id] += amount
    rows = (
        counted_orders()
        .filter(date_placed__lt=day_after(today))
        .values_list("pk", "user_id", "user__email", "guest_email", "date_placed", "total_incl_tax")
    )
    purchases = [
        rfm.Purchase(
            (user_email if user_id else guest_email).strip().lower(),
            amsterdam_date(placed),
            total,
            refunded.get(pk, Decimal(0)),
        )
        for pk, user_id, user_email, guest_email, placed, total in rows.iterator(chunk_size=5000)
    ]
    known = Customer.objects.filter(created_at__lt=day_after(today)).values_list(Lower("email"), flat=True)
    by_email = rfm.a5_results(known, purchases, today)
    customers = Customer.objects.values_list("pk", Lower("email"))
    return {pk: by_email[email] for pk, email in customers if email in by_email}


def write_results(results: dict[int, rfm.Result], today: date) -> dict[tuple[str, str], int]:
    """Each customer's score, and a SegmentChange for each one whose segment changed."""
    previous = dict(CustomerScore.objects.values_list("customer_id", "segment"))
    moves = Counter((previous.get(pk, NO_SEGMENT), str(result.segment)) for pk, result in results.items())
    SegmentChange.objects.bulk_create(
        (
            SegmentChange(
                customer_id=pk,
                from_segment=previous.get(pk, NO_SEGMENT),
                to_segment=result.segment,
                changed_on=today,
            )
            for pk, result in results.items()
            if previous.get(pk) != result.segment
        ),
        batch_size=2000,
    )
    CustomerScore.objects.bulk_create(
        (score_row(pk, result, today) for pk, result in results.items()),
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["customer"],
        update_fields=SCORE_FIELDS,
    )
    return dict(moves)


SCORE_FIELDS = [
    "recency_days",
    "frequency",
    "monetary",
    "recency_score",
    "frequency_score",
    "monetary_score",
    "segment",
    "scored_on",
]


def score_row(customer_id: int, result: rfm.Result, today: date) -> CustomerScore:
    values = result.values
    return CustomerScore(
        customer_id=customer_id,
        recency_days=values.recency_days if values else None,
        frequency=values.frequency if values else 0,
        monetary=values.monetary if values else Decimal(0),
        recency_score=result.recency_score,
        frequency_score=result.frequency_score,
        monetary_score=result.monetary_score,
        segment=result.segment,
        scored_on=today,
    )


# -- In SQL (PostgreSQL) ----------------------------------------------------------------------


def segment_case(recency: str, frequency: str) -> str:
    """rfm.GROUPS as a CASE expression over two score columns (NULL when there are no scores)."""
    whens = []
    for group in rfm.GROUPS:
        assert re.fullmatch(r"[a-z_]+", group.segment)  # a literal in SQL
        (low_r, high_r), (low_f, high_f) = group.recency, group.frequency
        whens.append(
            f"WHEN {recency} BETWEEN {low_r} AND {high_r} AND {frequency} BETWEEN {low_f} AND {high_f} "
            f"THEN '{group.segment}'"
        )
    return f"CASE {' '.join(whens)} END"


def tables() -> dict[str, str]:
    models = {
        "order": Order,
        "user": User,
        "refund": Refund,
        "return": Return,
        "customer": Customer,
        "score": CustomerScore,
        "change": SegmentChange,
    }
    return {name: connection.ops.quote_name(model._meta.db_table) for name, model in models.items()}


# rfm.py's values, quintile scores (1 + 5 * (rank - 1) / n, ranked worst first, ties sharing a
# rank) and group of every customer, with the segment they had, into a temporary table.
SCORING = """
CREATE TEMPORARY TABLE aftersales_segment_run AS
WITH counted AS (
    SELECT o.id,
           lower(btrim(CASE WHEN o.user_id IS NULL THEN o.guest_email ELSE u.email END)) AS email,
           (o.date_placed AT TIME ZONE %(zone)s)::date AS placed_on,
           o.total_incl_tax AS total
    FROM {order} o LEFT JOIN {user} u ON u.id = o.user_id
    WHERE o.status <> %(cancelled)s AND o.date_placed < %(day_after)s
), refunded AS (
    SELECT r.order_id, SUM(f.amount) AS amount
    FROM {refund} f JOIN {return} r ON r.id = f.return_request_id
    WHERE f.status = %(succeeded)s AND f.refunded_at < %(day_after)s
    GROUP BY r.order_id
), bought AS (
    SELECT c.email,
           %(today)s::date - MAX(c.placed_on) AS recency_days,
           COUNT(*) AS frequency,
           SUM(c.total) - COALESCE(SUM(r.amount), 0) AS monetary
    FROM counted c LEFT JOIN refunded r ON r.order_id = c.id
    GROUP BY c.email
), scored AS (
    SELECT email, recency_days, frequency, monetary,
           1 + 5 * (RANK() OVER (ORDER BY recency_days DESC) - 1) / COUNT(*) OVER () AS r,
           1 + 5 * (RANK() OVER (ORDER BY frequency) - 1) / COUNT(*) OVER () AS f,
           1 + 5 * (RANK() OVER (ORDER BY monetary) - 1) / COUNT(*) OVER () AS m
    FROM bought
)
SELECT c.id AS customer_id, s.recency_days,
       COALESCE(s.frequency, 0) AS frequency, COALESCE(s.monetary, 0) AS monetary,
       s.r, s.f, s.m,
       COALESCE({segment}, %(prospects)s) AS segment,
       COALESCE(old.segment, %(no_segment)s) AS previous
FROM {customer} c
LEFT JOIN scored s ON s.email = lower(c.email)
LEFT JOIN {score} old ON old.customer_id = c.id
WHERE s.email IS NOT NULL OR c.created_at < %(day_after)s
"""

HISTORY = """
INSERT INTO {change} (customer_id, from_segment, to_segment, changed_on, created_at)
SELECT customer_id, previous, segment, %(today)s, %(now)s
FROM aftersales_segment_run WHERE previous <> segment
"""

SCORES = """
INSERT INTO {score} (customer_id, recency_days, frequency, monetary,
                     recency_score, frequency_score, monetary_score, segment, scored_on)
SELECT customer_id, recency_days, frequency, monetary, r, f, m, segment, %(today)s
FROM aftersales_segment_run
ON CONFLICT (customer_id) DO UPDATE SET
    recency_days = EXCLUDED.recency_days, frequency = EXCLUDED.frequency,
    monetary = EXCLUDED.monetary, recency_score = EXCLUDED.recency_score,
    frequency_score = EXCLUDED.frequency_score, monetary_score = EXCLUDED.monetary_score,
    segment = EXCLUDED.segment, scored_on = EXCLUDED.scored_on
"""


def write_in_sql(today: date, stage) -> dict[tuple[str, str], int]:
    names = {**tables(), "segment": segment_case("s.r", "s.f")}
    params: dict[str, Any] = {
        "zone": str(AMSTERDAM),
        "cancelled": statuses.CANCELLED,
        "succeeded": Refund.Status.SUCCEEDED.value,
        "day_after": day_after(today),
        "today": today,
        "now": timezone.now(),
        "prospects": rfm.Segment.PROSPECTS.value,
        "no_segment": NO_SEGMENT,
    }
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '256MB'")  # the window sorts stay in memory
        stage("Scores berekenen (één query over alle bestellingen)")
        cursor.execute(SCORING.format(**names), params)  # noqa: S608 - table names and rfm.GROUPS
        stage("Segmentwissels en scores opslaan")
        cursor.execute(HISTORY.format(**names), params)  # noqa: S608 - table names
        cursor.execute(SCORES.format(**names), params)  # noqa: S608 - table names
        cursor.execute("SELECT previous, segment, COUNT(*) FROM aftersales_segment_run GROUP BY 1, 2")
        moves = {(previous, segment): customers for previous, segment, customers in cursor.fetchall()}
        cursor.execute("DROP TABLE aftersales_segment_run")
    return moves
