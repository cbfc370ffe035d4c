"""The dashboard's charts as geometry for inline SVG (templates/aftersales/dashboard.html): no
JavaScript, no library, nothing fetched, so they pass the Content-Security-Policy and print.

Coordinates are in the SVG's own units (its viewBox); the template draws them inside
{% localize off %} so a Dutch decimal comma never lands in an attribute. Texts come ready-made.
"""

from collections.abc import Callable
from dataclasses import dataclass

# A bar chart's drawing area inside its viewBox: room on the left for the axis labels and at the
# bottom for the bars' labels.
BAR_WIDTH = 600
BAR_HEIGHT = 220
LEFT = 48
TOP = 16
BOTTOM = 36
GRIDLINES = 4


@dataclass(frozen=True)
class Item:
    label: str  # under the bar: "mrt", "3"
    value: float | None  # None: nothing to measure (no bar, the label still shown)
    title: str  # the bar's tooltip, what it is and its value: "maart 2025: 12,5 %"


@dataclass(frozen=True)
class Bar:
    item: Item
    x: float
    y: float
    width: float
    height: float

    @property
    def middle(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Gridline:
    y: float
    text: str


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    gridlines: list[Gridline]
    width: int = BAR_WIDTH
    height: int = BAR_HEIGHT
    left: int = LEFT

    @property
    def baseline(self) -> float:
        return self.height - BOTTOM

    @property
    def label_y(self) -> float:
        return self.height - BOTTOM / 2 + 4

    @property
    def right(self) -> int:
        return self.width


def bar_chart(items: list[Item], top: float, axis_text: Callable[[float], str]) -> BarChart:
    """Bars for `items` from 0 to `top` (a value at the top of the chart), with gridlines labelled
    by `axis_text(value)`."""
    plot_height = BAR_HEIGHT - TOP - BOTTOM
    slot = (BAR_WIDTH - LEFT) / max(len(items), 1)
    width = slot * 0.7
    bars = []
    for index, item in enumerate(items):
        height = 0.0 if item.value is None or top <= 0 else plot_height * min(item.value, top) / top
        x = LEFT + index * slot + (slot - width) / 2
        bars.append(
            Bar(item, round(x, 1), round(TOP + plot_height - height, 1), round(width, 1), round(height, 1))
        )
    gridlines = [
        Gridline(round(TOP + plot_height * (1 - step / GRIDLINES), 1), axis_text(top * step / GRIDLINES))
        for step in range(GRIDLINES + 1)
    ]
    return BarChart(bars, gridlines)


def nice_top(largest: float) -> int:
    """A round count for the top of a count axis, at or above `largest`, whose gridlines fall on
    whole numbers: 4, 8, 20, 40, 80, 200, ..."""
    tops = (4, 8, 20)  # times 10, 100, ...
    scale = 1
    while True:
        for top in tops:
            if top * scale >= largest:
                return top * scale
        scale *= 10


RATE_TOPS = (0.2, 0.4, 0.6, 0.8, 1.0)  # gridlines on whole percentages


def rate_top(largest: float) -> float:
    """The top of a percentage axis at or above `largest` (a share, at most 1)."""
    return next((top for top in RATE_TOPS if top >= largest), 1.0)


# The interval plot of the card lift: a horizontal axis of percentage points around 0.
INTERVAL_WIDTH = 600
INTERVAL_HEIGHT = 90
INTERVAL_MARGIN = 40
AXIS_Y = 62
EXTENTS = (0.05, 0.1, 0.2, 0.5, 1.0)  # how far the axis reaches each side of 0


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class IntervalPlot:
    low_x: float
    high_x: float
    point_x: float
    zero_x: float
    ticks: list[Tick]
    width: int = INTERVAL_WIDTH
    height: int = INTERVAL_HEIGHT
    axis_y: int = AXIS_Y
    margin: int = INTERVAL_MARGIN

    @property
    def line_y(self) -> int:
        return self.axis_y - 28

    @property
    def axis_end(self) -> int:
        return self.width - self.margin


def interval_plot(
    difference: float, low: float, high: float, tick_text: Callable[[float], str]
) -> IntervalPlot:
    """The difference as a point and its interval as a line on an axis symmetric around 0, wide
    enough for the interval; ticks labelled by `tick_text(value)`."""
    reach = max(abs(low), abs(high))
    extent = next((extent for extent in EXTENTS if extent >= reach), EXTENTS[-1])
    half = (INTERVAL_WIDTH - 2 * INTERVAL_MARGIN) / 2
    zero = INTERVAL_MARGIN + half

    def x(value: float) -> float:
        return round(zero + half * value / extent, 1)

    ticks = [Tick(x(value), tick_text(value)) for value in (-extent, -extent / 2, 0.0, extent / 2, extent)]
    return IntervalPlot(x(low), x(high), x(difference), zero, ticks)
