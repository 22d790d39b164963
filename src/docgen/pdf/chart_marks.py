"""The marks of a chart's series on the PDF canvas: lines, markers, hatched bars.

`ChartData` is a `ChartDescription` as the drawer uses it: colours as reportlab colours, a
marker's fill as None where it takes the series' colour. The looks themselves (dashes,
hatches) come from `chart_style`, shared with the Word chart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab.lib import colors

from ..chart_style import hatch_for
from .chart_canvas import Box, Item, Shape, Stroke

if TYPE_CHECKING:
    from ..chart_description import ChartDescription, SeriesDescription

LINE_WIDTH = 1.5
MARKER_SIZE = 5.0
HOLLOW_WIDTH = 1.0  # a hollow marker's outline: 1.5 pt in Word, scaled as the lines are
HATCH_WIDTH = 0.6


@dataclass
class SeriesData:
    """One series as the chart XML caches it, with its look."""

    name: str
    values: list[float | None]
    colour: colors.Color
    dash: str = "solid"
    marker: str = "none"
    marker_fill: colors.Color | None = None  # None: filled in the series' colour
    pattern: str = ""


@dataclass
class ChartData:
    """What the chart part says about one chart, enough to draw it."""

    kind: str  # "line", "bar" or "" for a chart type not drawn
    title: str = ""
    categories: list[str] = field(default_factory=list)
    series: list[SeriesData] = field(default_factory=list)
    horizontal: bool = False
    stacked: bool = False
    reverse: bool = False
    x_title: str = ""
    y_title: str = ""
    legend: bool = True
    number_format: str = "General"
    data_labels: bool = False
    gap_width: float = 150.0


def chart_data(chart: ChartDescription) -> ChartData:
    """Return the description with reportlab colours, as the drawer uses it."""
    return ChartData(
        kind=chart.kind,
        title=chart.title,
        categories=list(chart.categories),
        series=[_series_data(s) for s in chart.series],
        horizontal=chart.horizontal,
        stacked=chart.stacked,
        reverse=chart.reverse,
        x_title=chart.x_title,
        y_title=chart.y_title,
        legend=chart.legend,
        number_format=chart.number_format,
        data_labels=chart.data_labels,
        gap_width=chart.gap_width,
    )


def _series_data(series: SeriesDescription) -> SeriesData:
    """One series with reportlab colours."""
    return SeriesData(
        name=series.name,
        values=list(series.values),
        colour=colors.HexColor("#" + series.colour),
        dash=series.dash,
        marker=series.marker,
        marker_fill=colors.HexColor("#" + series.marker_fill) if series.marker_fill else None,
        pattern=series.pattern,
    )


def straight_line(
    x1: float, y1: float, x2: float, y2: float, colour: colors.Color, width: float
) -> Stroke:
    """Return a straight solid line."""
    return Stroke((x1, y1, x2, y2), colour, width)


def marker_items(
    kind: str,
    x: float,
    y: float,
    colour: colors.Color,
    size: float = MARKER_SIZE,
    fill: colors.Color | None = None,
) -> list[Item]:
    """Return a series marker of the DrawingML symbol `kind` centred at (x, y).

    A `fill` other than `colour` makes a hollow marker: that fill inside a thicker outline.
    """
    h = size / 2
    inside = colour if fill is None else fill
    width = HOLLOW_WIDTH if inside != colour else 0.5

    def polygon(points: tuple[float, ...]) -> list[Item]:
        return [Shape(points, colour, width, inside)]

    shapes: dict[str, Callable[[], list[Item]]] = {
        "circle": lambda: polygon(_circle_points(x, y, h)),
        "square": lambda: [Box(x - h, y - h, size, size, inside, colour, width)],
        "triangle": lambda: polygon((x - h, y - h, x + h, y - h, x, y + h)),
        "diamond": lambda: polygon((x, y - h, x + h, y, x, y + h, x - h, y)),
        "x": lambda: [
            straight_line(x - h, y - h, x + h, y + h, colour, 1.2),
            straight_line(x - h, y + h, x + h, y - h, colour, 1.2),
        ],
        "plus": lambda: [
            straight_line(x - h, y, x + h, y, colour, 1.2),
            straight_line(x, y - h, x, y + h, colour, 1.2),
        ],
        "star": lambda: polygon(_star_points(x, y, h * 1.2)),
        "dash": lambda: [straight_line(x - h, y, x + h, y, colour, 2)],
        "dot": lambda: polygon(_circle_points(x, y, h / 2)),
    }
    return shapes.get(kind, list)()


def _circle_points(x: float, y: float, r: float) -> tuple[float, ...]:
    """Return a circle as the points of a 16-sided polygon (exact enough at marker size)."""
    points: list[float] = []
    for i in range(16):
        angle = 2 * math.pi * i / 16
        points += [x + r * math.cos(angle), y + r * math.sin(angle)]
    return tuple(points)


def _star_points(x: float, y: float, r: float) -> tuple[float, ...]:
    """Return the points of a five-pointed star of outer radius `r`."""
    points: list[float] = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = math.pi / 2 + i * math.pi / 5
        points += [x + radius * math.cos(angle), y + radius * math.sin(angle)]
    return tuple(points)


def _hatch(
    x0: float, y0: float, x1: float, y1: float, direction: str, gap: float
) -> Iterator[tuple]:
    """Yield the segments of parallel hatch lines clipped to the rectangle (x0, y0)-(x1, y1)."""
    if direction == "-":
        yield from ((x0, y, x1, y) for y in _steps(y0, y1, gap))
    elif direction == "|":
        yield from ((x, y0, x, y1) for x in _steps(x0, x1, gap))
    elif direction == "/":
        for c in _steps(y0 - x1, y1 - x0, gap * math.sqrt(2)):
            a, b = max(x0, y0 - c), min(x1, y1 - c)
            if b > a:
                yield (a, a + c, b, b + c)
    else:
        for c in _steps(x0 + y0, x1 + y1, gap * math.sqrt(2)):
            a, b = max(x0, c - y1), min(x1, c - y0)
            if b > a:
                yield (a, c - a, b, c - b)


def _steps(start: float, stop: float, gap: float) -> Iterator[float]:
    """Yield multiples of `gap` strictly between `start` and `stop` (fixed to the page grid)."""
    n = math.floor(start / gap) + 1
    while n * gap < stop:
        yield n * gap
        n += 1


def bar_items(x: float, y: float, w: float, h: float, series: SeriesData) -> list[Item]:
    """Return a bar: solid, or white with the series' hatch in its colour, and outlined."""
    if w <= 0 or h <= 0:
        return []
    fill = series.colour if not series.pattern else colors.white
    items: list[Item] = [Box(x, y, w, h, fill)]
    if series.pattern:
        hatch = hatch_for(series.pattern)
        for direction in hatch.directions:
            for points in _hatch(x, y, x + w, y + h, direction, hatch.gap):
                items.append(Stroke(points, series.colour, HATCH_WIDTH, hatch.dash))
    items.append(Box(x, y, w, h, None, series.colour, 0.75))
    return items
