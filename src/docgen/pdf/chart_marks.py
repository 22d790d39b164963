"""The marks of a chart's series on the PDF canvas: lines, markers, hatched bars.

Each mark is made from the series' `SeriesDescription` (the one the Word chart is written
from); the looks themselves (dashes, hatches, sizes) come from `chart_style`. Markers are drawn
as LibreOffice draws a Word chart's: filled in the series' colour, a hollow marker too (the
series that share a marker shape differ in dash, so they stay apart without colour).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from reportlab.lib import colors

from ..chart_style import FONT_PT, LINE_PT, MARKER_SIZE, OUTLINE_PT, dash_array, hatch_for
from .chart_canvas import Box, Item, Shape, Stroke, rgb

if TYPE_CHECKING:
    from ..chart_description import SeriesDescription

LINE_WIDTH = LINE_PT
HATCH_WIDTH = 0.6
MARKER_EDGE = 0.1
"""A marker's outline: a hairline in its own colour, as LibreOffice draws it."""
KEY_MARKER_SIZE = FONT_PT * 0.6
"""A legend key's marker: 0.6 of the legend's font size (LibreOffice's symbol height)."""


def straight_line(
    x1: float, y1: float, x2: float, y2: float, colour: colors.Color, width: float
) -> Stroke:
    """Return a straight solid line."""
    return Stroke((x1, y1, x2, y2), colour, width)


def series_line(series: SeriesDescription, points: tuple[float, ...]) -> Stroke:
    """Return a line series' stroke through `points`, in its colour and dash."""
    colour = rgb(series.colour)
    return Stroke(points, colour, LINE_WIDTH, dash_array(series.dash, LINE_WIDTH), round_joins=True)


def marker_items(
    kind: str, x: float, y: float, colour: str, size: float = MARKER_SIZE
) -> list[Item]:
    """Return a series marker of the DrawingML symbol `kind` centred at (x, y), `size` across,
    filled in `colour` (RGB hex); "none" (or a symbol not known) draws nothing."""
    h = size / 2
    fill = rgb(colour)

    def polygon(points: tuple[float, ...]) -> list[Item]:
        return [Shape(points, fill, MARKER_EDGE, fill)]

    shapes: dict[str, Callable[[], list[Item]]] = {
        "circle": lambda: polygon(_circle_points(x, y, h)),
        "square": lambda: [Box(x - h, y - h, size, size, fill, fill, MARKER_EDGE)],
        "triangle": lambda: polygon((x - h, y - h, x + h, y - h, x, y + h)),
        "diamond": lambda: polygon((x, y - h, x + h, y, x, y + h, x - h, y)),
        "x": lambda: polygon(_cross_points(x, y, h, turned=True)),
        "plus": lambda: polygon(_cross_points(x, y, h, turned=False)),
        "star": lambda: polygon(_asterisk_points(x, y, h)),
        "dash": lambda: [Box(x - h, y - h / 4, size, h / 2, fill, fill, MARKER_EDGE)],
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


ARM = 10 / 128
"""Half the thickness of the arms of a plus or an asterisk, in multiples of half the marker's
size (the asterisk's arms, and the x's, are as thin as LibreOffice draws them)."""
X_ARM = math.sqrt(200) / 128


def _cross_points(x: float, y: float, h: float, turned: bool) -> tuple[float, ...]:
    """Return a thin cross of 12 corners filling the marker's square: upright ("plus"), or
    corner to corner ("x")."""
    if turned:
        s = X_ARM * h  # the notches between the arms, and how far the arms' ends are cut
        corners = ((0, -s), (-(h - s), -h), (-h, -(h - s)), (-s, 0), (-h, h - s), (-(h - s), h),
                   (0, s), (h - s, h), (h, h - s), (s, 0), (h, -(h - s)), (h - s, -h))
    else:
        t = ARM * h
        corners = ((-t, -h), (-t, -t), (-h, -t), (-h, t), (-t, t), (-t, h), (t, h), (t, t),
                   (h, t), (h, -t), (t, -t), (t, -h))
    return tuple(c for dx, dy in corners for c in (x + dx, y + dy))


def _asterisk_points(x: float, y: float, h: float) -> tuple[float, ...]:
    """Return a six-armed asterisk (arms up, down and 30° either side of level) inside the
    marker's square, as LibreOffice draws the "star" marker."""
    t = ARM * h
    points: list[float] = []
    for k in range(6):
        angle = math.radians(90 + 60 * k)
        reach = h if k % 3 == 0 else (h - t / 2) / math.cos(math.radians(30))
        ux, uy = math.cos(angle), math.sin(angle)
        for side in (-1, 1):
            points += [x + reach * ux - side * t * uy, y + reach * uy + side * t * ux]
        inner = angle + math.radians(30)
        points += [x + 2 * t * math.cos(inner), y + 2 * t * math.sin(inner)]
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


def bar_items(x: float, y: float, w: float, h: float, series: SeriesDescription) -> list[Item]:
    """Return a bar: solid, or white with the series' hatch in its colour, and outlined."""
    if w <= 0 or h <= 0:
        return []
    colour = rgb(series.colour)
    fill = colour if not series.pattern else colors.white
    items: list[Item] = [Box(x, y, w, h, fill)]
    if series.pattern:
        hatch = hatch_for(series.pattern)
        for direction in hatch.directions:
            for points in _hatch(x, y, x + w, y + h, direction, hatch.gap):
                items.append(Stroke(points, colour, HATCH_WIDTH, hatch.dash))
    items.append(Box(x, y, w, h, None, colour, OUTLINE_PT))
    return items
