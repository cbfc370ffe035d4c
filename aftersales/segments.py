"""The segments as staff read them (A5; issue 13, item 2): what each one means and what to do
with it, and the overview of all of them: customers, share, revenue and the change since a
month before the scores' day.

The overview is a fixed number of aggregate queries, whatever the number of customers: the
current counts and revenue grouped by segment over CustomerScore, and the moves of the last
month grouped by (from, to) over SegmentChange, read through its changed_on index.

A segment's count on a day D is the number of customers whose latest change on or before D
went into it. Each change starts where the customer's previous one ended (from_segment is the
segment they had; empty for their first scoring), so the count a month ago is today's count
minus the customers who moved in since, plus those who moved out: only the last month's
changes are read, not the whole history.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Max, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from aftersales.models import CustomerScore, SegmentChange, SegmentChoice
from aftersales.rfm import Segment

# One line per segment: what the customers in it did, and what to do for them.
ADVICE: dict[str, Promise] = {
    Segment.CHAMPIONS: _("Koopt vaak en recent, besteedt veel — bedank en beloon."),
    Segment.LOYAL: _("Koopt vaak, maar niet het laatst — houd het persoonlijk, vraag om een review."),
    Segment.POTENTIAL_LOYALISTS: _("Kocht recent, een paar keer — help naar een vaste gewoonte."),
    Segment.NEW: _("Kocht pas voor het eerst — heet welkom, help met de eerste stappen."),
    Segment.PROMISING: _("Kocht onlangs één keer — laat zien wat er nog meer is."),
    Segment.NEED_ATTENTION: _("Gemiddeld in alles — een persoonlijk bericht houdt ze erbij."),
    Segment.ABOUT_TO_SLEEP: _("Kocht een tijd terug, weinig — wek ze met iets relevants."),
    Segment.AT_RISK: _("Kocht vaak, maar lang geleden — neem contact op voor je ze kwijt bent."),
    Segment.CANT_LOSE: _("Was een van je beste klanten, nu stil — bel of schrijf persoonlijk."),
    Segment.HIBERNATING: _("Lang geleden, weinig gekocht — alleen een aanbod dat echt past."),
    Segment.LOST: _("Het langst weg, kocht één keer — een laatste poging, daarna loslaten."),
    Segment.PROSPECTS: _("Nog geen bestelling — kent de winkel, overtuig met een eerste reden."),
}


def month_before(day: date) -> date:
    """The same day a calendar month earlier (31 March → 28 or 29 February)."""
    return day - relativedelta(months=1)


@dataclass(frozen=True)
class SegmentRow:
    segment: SegmentChoice
    customers: int
    share: Decimal  # percent of all scored customers
    revenue: Decimal  # incl. VAT, net of refunds, over all their orders
    month_ago: int | None  # None: no scores as long ago

    @property
    def advice(self) -> Promise:
        return ADVICE[self.segment]

    @property
    def change(self) -> str:
        """ "+3", "−2" (a minus sign, not a hyphen), "0"; "" without scores a month ago."""
        if self.month_ago is None:
            return ""
        difference = self.customers - self.month_ago
        return f"+{difference}" if difference > 0 else f"−{-difference}" if difference < 0 else "0"


@dataclass(frozen=True)
class Overview:
    scored_on: date
    compared_with: date  # a month before scored_on
    compared: bool  # whether there were scores on compared_with
    rows: list[SegmentRow]

    @property
    def customers(self) -> int:
        return sum(row.customers for row in self.rows)

    @property
    def revenue(self) -> Decimal:
        return sum((row.revenue for row in self.rows), Decimal(0))


def share(part: int, whole: int) -> Decimal:
    """`part` as a percentage of `whole`, one decimal (0 of nothing is 0)."""
    if not whole:
        return Decimal(0)
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"))


def net_moves(moves: dict[tuple[str, str], int]) -> Counter[str]:
    """Per segment, customers who moved in minus those who moved out, from counts per
    (from_segment, to_segment)."""
    net: Counter[str] = Counter()
    for (from_segment, to_segment), customers in moves.items():
        net[to_segment] += customers
        net[from_segment] -= customers
    return net


def overview() -> Overview | None:
    """Every segment, best first and Prospects last; None before the first computation."""
    grouped = CustomerScore.objects.values_list("segment").annotate(
        customers=Count("pk"), revenue=Sum("monetary"), scored_on=Max("scored_on")
    )
    current = {segment: (customers, revenue, day) for segment, customers, revenue, day in grouped}
    if not current:
        return None
    scored_on = max(day for _customers, _revenue, day in current.values())
    then = month_before(scored_on)
    since_then = SegmentChange.objects.filter(changed_on__gt=then, changed_on__lte=scored_on)
    moves = since_then.values_list("from_segment", "to_segment").annotate(customers=Count("pk"))
    net = net_moves({(old, new): customers for old, new, customers in moves})
    known_then = SegmentChange.objects.filter(changed_on__lte=then).exists()
    total = sum(customers for customers, _revenue, _day in current.values())
    rows = []
    for segment in SegmentChoice:
        customers, revenue, _day = current.get(segment.value, (0, Decimal(0), scored_on))
        rows.append(
            SegmentRow(
                segment=segment,
                customers=customers,
                share=share(customers, total),
                revenue=revenue,
                month_ago=customers - net[segment.value] if known_then else None,
            )
        )
    return Overview(scored_on, then, known_then, rows)
