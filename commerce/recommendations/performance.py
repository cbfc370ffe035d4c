"""What the recommendations bring in: clicks and basket additions per placement and product.

Read from ``PlacementCount`` (counting.py writes it in batches, so the last half minute may
not be in yet) for a period of Amsterdam days, summed in SQL: one query for the placements,
one for the products, whatever the number of rows.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F, QuerySet, Sum, Window
from django.db.models.functions import RowNumber
from django.utils.functional import Promise

from commerce.recommendations.models import Placement, PlacementCount

# Most clicked first; for equal clicks, most added; then by title (a stable order).
RANKING = [F("total_clicks").desc(), F("total_additions").desc(), F("product__title").asc()]


@dataclass(frozen=True)
class Period:
    """The last ``days`` Amsterdam calendar days, ``until`` (today) included."""

    days: int
    until: date

    @property
    def since(self) -> date:
        return self.until - timedelta(days=self.days - 1)

    def counts(self, counts: QuerySet[PlacementCount]) -> QuerySet[PlacementCount]:
        """Those of ``counts`` on the period's days."""
        return counts.filter(day__range=(self.since, self.until))


@dataclass(frozen=True)
class Figures:
    clicks: int
    additions: int

    @property
    def per_click(self) -> Decimal | None:
        """Basket additions per click, to two decimals; None without clicks.

        Above 1 is possible: the basket's one-click button adds without a click first.
        """
        if not self.clicks:
            return None
        return (Decimal(self.additions) / self.clicks).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class PlacementFigures(Figures):
    placement: str

    @property
    def label(self) -> str | Promise:
        return Placement(self.placement).label

    @property
    def name(self) -> str | Promise:
        return self.label


@dataclass(frozen=True)
class ProductFigures(PlacementFigures):
    product_id: int
    title: str

    @property
    def name(self) -> str:
        return self.title


def per_placement(counts: QuerySet[PlacementCount]) -> list[PlacementFigures]:
    """Every placement, in the order of ``Placement``, with zeros where nothing was counted."""
    sums = {
        row["placement"]: (row["total_clicks"], row["total_additions"])
        for row in counts.values("placement").annotate(
            total_clicks=Sum("clicks"), total_additions=Sum("additions")
        )
    }
    rows = []
    for placement in Placement.values:
        clicks, additions = sums.get(placement, (0, 0))
        rows.append(PlacementFigures(placement=placement, clicks=clicks, additions=additions))
    return rows


def total(rows: list[PlacementFigures]) -> Figures:
    return Figures(clicks=sum(row.clicks for row in rows), additions=sum(row.additions for row in rows))


def per_product(counts: QuerySet[PlacementCount], top: int | None = None) -> list[ProductFigures]:
    """A row per placement and product, grouped by placement (in the order of ``Placement``),
    most clicked first; with ``top``, only the first ``top`` products of each placement."""
    rows = (
        counts.values("placement", "product_id", "product__title")
        .annotate(total_clicks=Sum("clicks"), total_additions=Sum("additions"))
        .annotate(position=Window(RowNumber(), partition_by=F("placement"), order_by=RANKING))
    )
    if top is not None:
        rows = rows.filter(position__lte=top)
    order = {placement: index for index, placement in enumerate(Placement.values)}
    return [
        ProductFigures(
            placement=row["placement"],
            product_id=row["product_id"],
            title=row["product__title"],
            clicks=row["total_clicks"],
            additions=row["total_additions"],
        )
        for row in sorted(rows, key=lambda row: (order[row["placement"]], row["position"]))
    ]
