"""Canvas operations a chart is drawn with: strokes, filled shapes, boxes and plain text, kept
in a `Picture` and played onto a `reportlab.pdfgen` canvas.

Text is drawn with `drawString`, never parsed as markup. Only pdfgen, colours and font metrics
are used: `reportlab.graphics` would import all of `reportlab.platypus`, about a tenth of a
second of the command's start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractContextManager

    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfgen.pathobject import PDFPathObject

ANCHOR_SHIFT = {"start": 0.0, "middle": 0.5, "end": 1.0}


@lru_cache(maxsize=64)
def rgb(hex_colour: str) -> colors.Color:
    """Return the reportlab colour of an RGB hex colour as a chart description holds it."""
    return colors.HexColor("#" + hex_colour)


def _pen(
    canvas: Canvas,
    colour: colors.Color,
    width: float,
    dash: tuple[float, ...] | None = None,
    round_joins: bool = False,
) -> None:
    """Set the stroke colour, width, dash and line joins for what is stroked next."""
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(width)
    canvas.setLineJoin(1 if round_joins else 0)
    if dash:
        canvas.setDash(dash)
    else:
        canvas.setDash()


def _path(canvas: Canvas, points: tuple[float, ...], close: bool) -> PDFPathObject:
    """Return a canvas path through `points` (x0, y0, x1, y1, ...), closed if asked."""
    path = canvas.beginPath()
    path.moveTo(points[0], points[1])
    for i in range(2, len(points), 2):
        path.lineTo(points[i], points[i + 1])
    if close:
        path.close()
    return path


@dataclass(frozen=True)
class Stroke:
    """An open line through `points` (x0, y0, x1, y1, ...), solid or dashed."""

    points: tuple[float, ...]
    colour: colors.Color
    width: float
    dash: tuple[float, ...] | None = None
    round_joins: bool = False
    decorative: bool = False  # an axis line, tick or gridline (an artifact in a tagged PDF)

    def draw(self, canvas: Canvas) -> None:
        """Stroke the line on `canvas`."""
        _pen(canvas, self.colour, self.width, self.dash, self.round_joins)
        if len(self.points) == 4:
            canvas.line(*self.points)
        else:
            canvas.drawPath(_path(canvas, self.points, close=False), stroke=1, fill=0)


@dataclass(frozen=True)
class Shape:
    """A closed polygon through `points` (a marker), outlined in `colour` and filled in `fill`.

    With no `fill` the polygon is filled in its outline's colour.
    """

    points: tuple[float, ...]
    colour: colors.Color
    width: float = 0.5
    fill: colors.Color | None = None

    def draw(self, canvas: Canvas) -> None:
        """Fill and outline the polygon on `canvas`."""
        _pen(canvas, self.colour, self.width)
        canvas.setFillColor(self.colour if self.fill is None else self.fill)
        canvas.drawPath(_path(canvas, self.points, close=True), stroke=1, fill=1)


@dataclass(frozen=True)
class Box:
    """A rectangle with its lower-left corner at (x, y), filled and/or outlined."""

    x: float
    y: float
    w: float
    h: float
    fill: colors.Color | None
    stroke: colors.Color | None = None
    width: float = 1.0
    decorative: bool = False  # the chart's frame (an artifact in a tagged PDF)

    def draw(self, canvas: Canvas) -> None:
        """Draw the rectangle on `canvas`."""
        if self.stroke is not None:
            _pen(canvas, self.stroke, self.width)
        if self.fill is not None:
            canvas.setFillColor(self.fill)
        stroke, fill = int(self.stroke is not None), int(self.fill is not None)
        canvas.rect(self.x, self.y, self.w, self.h, stroke=stroke, fill=fill)


@dataclass(frozen=True)
class Text:
    """A line of plain text (never markup) in black, anchored at (x, y) and turned `angle`°."""

    x: float
    y: float
    text: str
    font: str
    size: float
    anchor: str = "middle"  # "start", "middle" or "end"
    angle: float = 0.0

    def width(self) -> float:
        """Return the text's width."""
        return stringWidth(self.text, self.font, self.size)

    def shift(self) -> float:
        """Return how far the text starts left of its anchor point."""
        return ANCHOR_SHIFT[self.anchor] * self.width()

    def draw(self, canvas: Canvas) -> None:
        """Draw the text on `canvas`."""
        canvas.setFillColor(colors.black)
        canvas.setFont(self.font, self.size)
        if not self.angle:
            canvas.drawString(self.x - self.shift(), self.y, self.text)
            return
        canvas.saveState()
        canvas.translate(self.x, self.y)
        canvas.rotate(self.angle)
        canvas.drawString(-self.shift(), 0, self.text)
        canvas.restoreState()


Item = Stroke | Shape | Box | Text


@dataclass
class Picture:
    """A chart as canvas operations, in points from its lower-left corner."""

    width: float
    height: float
    items: list[Item] = field(default_factory=list)

    def add(self, *items: Item) -> None:
        """Append `items`, drawn after (over) those already there."""
        self.items.extend(items)

    def draw_on(
        self,
        canvas: Canvas,
        x: float,
        y: float,
        *,
        decoration: Callable[[Canvas], AbstractContextManager[object]] | None = None,
    ) -> None:
        """Draw the picture with its lower-left corner at (x, y); the canvas' state is kept.

        `decoration`, when given, is entered around each decorative item (see `decorative`),
        so a tagged PDF can mark those as artifacts.
        """
        canvas.saveState()
        try:
            canvas.translate(x, y)
            canvas.setLineCap(0)  # butt ends whatever the page last used, as Word draws them
            for item in self.items:
                if decoration is not None and getattr(item, "decorative", False):
                    with decoration(canvas):
                        item.draw(canvas)
                else:
                    item.draw(canvas)
        finally:
            canvas.restoreState()
