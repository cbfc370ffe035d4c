"""The dashboard's chart geometry (A8): bars in proportion, axes on round numbers, the lift's
interval on an axis around 0 that holds it."""

import pytest

from aftersales.charts import BAR_HEIGHT, BOTTOM, TOP, Item, bar_chart, interval_plot, nice_top, rate_top

pytestmark = pytest.mark.rule("A8")


def test_a8_bars_stand_on_the_baseline_in_proportion_to_their_values():
    items = [
        Item("jan", 0.5, "januari: 50 %"),
        Item("feb", 0.25, "februari: 25 %"),
        Item("mrt", None, "maart: –"),
    ]

    chart = bar_chart(items, 1.0, lambda value: f"{value:.0%}")

    plot_height = BAR_HEIGHT - TOP - BOTTOM
    january, february, march = chart.bars
    assert january.height == pytest.approx(plot_height / 2, abs=0.1)
    assert february.height == pytest.approx(plot_height / 4, abs=0.1)
    assert march.height == 0  # nothing to measure: no bar (the label stays)
    for bar in chart.bars:
        assert bar.y + bar.height == pytest.approx(chart.baseline, abs=0.1)
    assert january.x < february.x < march.x
    assert [line.text for line in chart.gridlines] == ["0%", "25%", "50%", "75%", "100%"]


def test_a8_a_value_above_the_top_is_cut_at_the_top():
    chart = bar_chart([Item("x", 30, "x: 30")], 20, str)

    assert chart.bars[0].y == TOP


@pytest.mark.parametrize(("largest", "top"), [(0, 4), (3, 4), (5, 8), (9, 20), (21, 40), (41, 80), (81, 200)])
def test_a8_count_axes_end_on_a_number_whose_quarters_are_whole(largest, top):
    assert nice_top(largest) == top


@pytest.mark.parametrize(("largest", "top"), [(0, 0.2), (0.15, 0.2), (0.45, 0.6), (0.97, 1.0)])
def test_a8_rate_axes_end_on_a_share_whose_quarters_are_whole_percentages(largest, top):
    assert rate_top(largest) == top


def test_a8_the_interval_plot_holds_the_interval_on_an_axis_symmetric_around_zero():
    plot = interval_plot(0.05, -0.0358, 0.1217, lambda value: f"{value:+.0%}")

    assert plot.low_x < plot.zero_x < plot.point_x < plot.high_x
    assert [tick.text for tick in plot.ticks] == ["-20%", "-10%", "+0%", "+10%", "+20%"]
    assert plot.ticks[0].x == plot.margin
    assert plot.ticks[-1].x == plot.axis_end
    assert plot.zero_x == plot.ticks[2].x


def test_a8_an_interval_above_zero_lies_right_of_the_zero_line():
    plot = interval_plot(0.2, 0.0524, 0.3339, str)

    assert plot.zero_x < plot.low_x < plot.point_x < plot.high_x <= plot.axis_end
