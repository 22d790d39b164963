"""Draw a Word chart part (DrawingML chart XML) as vectors on a reportlab canvas.

`chart_picture()` reads only the chart XML and its cached values (never the report model),
so it draws whatever chart the .docx holds: line charts and clustered or stacked bar and
column charts, with title, axis titles, value gridlines, legend and, where the XML asks, data
labels. Series keep their colours, dash styles, markers (filled or hollow) and hatch patterns,
so they can be told apart without colour; a series whose XML gives no colour or marker takes
those of docgen's `series_style()` for its index. The chart becomes a `Picture`, a list of
canvas operations (strokes, filled shapes, boxes and text) that `draw_chart()` plays onto a
`reportlab.pdfgen` canvas. Text is drawn with `drawString`, never parsed as markup.

Only pdfgen, colours and font metrics are used: `reportlab.graphics` would import all of
`reportlab.platypus`, about a tenth of a second of the command's start-up.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..charts import format_number, series_style

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfgen.pathobject import PDFPathObject

log = logging.getLogger(__name__)

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
TITLE_PT = 11
TEXT_PT = 8
LINE_WIDTH = 1.5
MARKER_SIZE = 5.0
HOLLOW_WIDTH = 1.0  # a hollow marker's outline: 1.5 pt in Word, scaled as the lines are
HATCH_WIDTH = 0.6
HATCH_DASH = (1.5, 1.5)
GRID_GREY = colors.HexColor("#D9D9D9")
AXIS_GREY = colors.HexColor("#808080")
# DrawingML preset dashes, in multiples of the line width.
DASHES = {
    "dash": (4, 3),
    "sysDash": (3, 1),
    "sysDot": (1, 1),
    "dot": (1, 3),
    "lgDash": (8, 3),
    "dashDot": (4, 3, 1, 3),
    "sysDashDot": (3, 1, 1, 1),
    "lgDashDot": (8, 3, 1, 3),
    "lgDashDotDot": (8, 3, 1, 3, 1, 3),
    "sysDashDotDot": (3, 1, 1, 1, 1, 1),
}


@dataclass(frozen=True)
class Fonts:
    """The regular and bold font names used for chart text (registered with reportlab)."""

    regular: str = "Helvetica"
    bold: str = "Helvetica-Bold"


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


# --- reading the chart XML -----------------------------------------------------------------


def _parse(chart_xml: bytes) -> etree._Element:
    """Parse chart XML without resolving entities or reaching the network."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    return etree.fromstring(chart_xml, parser)


def _first(element: etree._Element | None, path: str) -> etree._Element | None:
    """Return the first element matching `path` under `element`, or None."""
    if element is None:
        return None
    found = element.xpath(path, namespaces=NS)
    return found[0] if found else None


def _val(element: etree._Element | None, path: str, default: str = "") -> str:
    """Return the `val` attribute of the first element matching `path`, or `default`."""
    found = _first(element, path)
    return found.get("val", default) if found is not None else default


def _attr(element: etree._Element | None, path: str, name: str) -> str:
    """Return attribute `name` of the first element matching `path`, or ""."""
    found = _first(element, path)
    return found.get(name, "") if found is not None else ""


def _text(element: etree._Element | None) -> str:
    """Return the text of a c:title or c:tx: its rich-text runs, or its cached string."""
    if element is None:
        return ""
    runs = element.xpath(".//a:p", namespaces=NS)
    if runs:
        return "\n".join("".join(p.xpath(".//a:t/text()", namespaces=NS)) for p in runs)
    return "".join(element.xpath(".//c:v/text()", namespaces=NS))


def _cache(element: etree._Element | None) -> list[str | None]:
    """Return a c:cat or c:val cache as a list of point texts, None where a point is missing."""
    if element is None:
        return []
    level = _first(element, ".//c:lvl") if _first(element, ".//c:multiLvlStrCache") else None
    holder = level if level is not None else element
    count = int(_val(holder, ".//c:ptCount", "0") or 0)
    points: dict[int, str] = {}
    for pt in holder.xpath(".//c:pt", namespaces=NS):
        points[int(pt.get("idx", "0"))] = "".join(pt.xpath("c:v/text()", namespaces=NS))
    count = max(count, max(points, default=-1) + 1)
    return [points.get(i) for i in range(count)]


def _number(text: str | None) -> float | None:
    """Return a cached value as a float, None for a gap or a value that is not finite."""
    try:
        value = float(text) if text not in (None, "") else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


def _rgb(element: etree._Element | None, path: str) -> colors.Color | None:
    """Return the `a:srgbClr` colour at `path` under `element`, or None if there is none."""
    found = _first(element, path)
    value = found.get("val", "") if found is not None else ""
    if len(value) != 6:
        return None
    try:
        return colors.HexColor("#" + value)
    except ValueError:
        return None


def _colour(sp_pr: etree._Element | None, index: int) -> colors.Color:
    """Return a series' colour from its c:spPr, or docgen's colour for its index."""
    for path in (
        "a:ln/a:solidFill/a:srgbClr",
        "a:solidFill/a:srgbClr",
        "a:pattFill/a:fgClr/a:srgbClr",
    ):
        colour = _rgb(sp_pr, path)
        if colour is not None:
            return colour
    return colors.HexColor("#" + series_style(index).colour)


def _series(ser: etree._Element, index: int, kind: str, markers_on: bool) -> SeriesData:
    """Read one c:ser: name, values, colour, dash, marker and its fill, and pattern."""
    sp_pr = _first(ser, "c:spPr")
    marker = _val(ser, "c:marker/c:symbol")
    if kind == "line" and not marker:
        marker = series_style(index).marker if markers_on else "none"
    return SeriesData(
        name=_text(_first(ser, "c:tx")) or f"Series {index + 1}",
        values=[_number(v) for v in _cache(_first(ser, "c:val"))],
        colour=_colour(sp_pr, index),
        dash=_val(sp_pr, "a:ln/a:prstDash", "solid"),
        marker=marker or "none",
        marker_fill=_rgb(ser, "c:marker/c:spPr/a:solidFill/a:srgbClr"),
        pattern=_attr(sp_pr, "a:pattFill", "prst"),
    )


def _plot(root: etree._Element) -> tuple[str, etree._Element | None]:
    """Return the kind of the first plot in the plot area and its element."""
    for tag, kind in (("c:lineChart", "line"), ("c:barChart", "bar")):
        plot = _first(root, f"c:chart/c:plotArea/{tag}")
        if plot is not None:
            return kind, plot
    return "", None


def _number_format(root: etree._Element, series: list[etree._Element]) -> str:
    """Return the value axis' number format, else the first series' cached format."""
    axis = _first(root, "c:chart/c:plotArea/c:valAx/c:numFmt")
    if axis is not None and axis.get("formatCode"):
        return axis.get("formatCode")
    cached = _first(series[0], "c:val//c:formatCode") if series else None
    return cached.text if cached is not None and cached.text else "General"


def read_chart(chart_xml: bytes) -> ChartData:
    """Return what `chart_xml` (a chart part) says about its first plot."""
    root = _parse(chart_xml)
    kind, plot = _plot(root)
    data = ChartData(kind=kind, title=_text(_first(root, "c:chart/c:title")))
    if plot is None:
        return data
    sers = plot.xpath("c:ser", namespaces=NS)
    markers_on = _val(plot, "c:marker", "1") in ("1", "true")
    data.series = [_series(s, i, kind, markers_on) for i, s in enumerate(sers)]
    data.categories = [c or "" for c in (_cache(_first(sers[0], "c:cat")) if sers else [])]
    width = max([len(data.categories)] + [len(s.values) for s in data.series])
    data.categories += [str(i + 1) for i in range(len(data.categories), width)]
    area = _first(root, "c:chart/c:plotArea")
    data.horizontal = _val(plot, "c:barDir") == "bar"
    data.stacked = _val(plot, "c:grouping") in ("stacked", "percentStacked")
    data.reverse = _val(area, "c:catAx/c:scaling/c:orientation") == "maxMin"
    data.x_title = _text(_first(area, "c:catAx/c:title"))
    data.y_title = _text(_first(area, "c:valAx/c:title"))
    data.legend = _first(root, "c:chart/c:legend") is not None
    data.number_format = _number_format(root, sers)
    data.data_labels = _val(plot, "c:dLbls/c:showVal") in ("1", "true")
    data.gap_width = float(_val(plot, "c:gapWidth", "150") or 150)
    return data


# --- scales and layout ---------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """A value axis: its ends, its ticks and where the plot area puts them."""

    low: float
    high: float
    ticks: tuple[float, ...]
    start: float  # drawing coordinate of `low`
    end: float  # drawing coordinate of `high`

    def at(self, value: float) -> float:
        """Return the drawing coordinate of `value`."""
        return self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start)


@dataclass(frozen=True)
class Band:
    """The category axis: where each category's slot starts and how wide it is."""

    start: float
    slot: float
    count: int
    reverse: bool

    def centre(self, index: int) -> float:
        """Return the drawing coordinate of the middle of category `index`."""
        position = self.count - 1 - index if self.reverse else index
        return self.start + (position + 0.5) * self.slot


def _extent(data: ChartData) -> tuple[float, float]:
    """Return the lowest and highest value the value axis must show (always including 0)."""
    if data.kind == "bar" and data.stacked:
        ups = [sum(v for v in col if v and v > 0) for col in _columns(data)]
        downs = [sum(v for v in col if v and v < 0) for col in _columns(data)]
        values = ups + downs
    else:
        values = [v for s in data.series for v in s.values if v is not None]
    return min([0.0, *values]), max([0.0, *values])


def _columns(data: ChartData) -> list[list[float | None]]:
    """Return the values of each category across the series."""
    return [
        [s.values[i] if i < len(s.values) else None for s in data.series]
        for i in range(len(data.categories))
    ]


def nice_ticks(low: float, high: float, count: int = 7) -> tuple[float, ...]:
    """Return evenly spaced round tick values covering `low`..`high` (about `count` steps)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return tuple(round(n * step, 10) for n in range(first, last + 1))


def _value_ticks(data: ChartData) -> tuple[float, ...]:
    """Return the value axis' ticks, a step wider where a value would sit on the end tick."""
    low, high = _extent(data)
    ticks = nice_ticks(low, high)
    step = ticks[1] - ticks[0]
    if low < 0 and math.isclose(ticks[0], low):
        ticks = (round(ticks[0] - step, 10), *ticks)
    if high > 0 and math.isclose(ticks[-1], high):
        ticks = (*ticks, round(ticks[-1] + step, 10))
    return ticks


def _label_width(texts: list[str], font: str, size: float) -> float:
    """Return the width of the widest of `texts`."""
    return max((stringWidth(t, font, size) for t in texts), default=0.0)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break `text` into lines no wider than `width` where it has spaces."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if line and stringWidth(candidate, font, size) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return [line for line in lines if line] or []


# --- canvas operations ---------------------------------------------------------------------

ANCHOR_SHIFT = {"start": 0.0, "middle": 0.5, "end": 1.0}


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

    def draw_on(self, canvas: Canvas, x: float, y: float) -> None:
        """Draw the picture with its lower-left corner at (x, y); the canvas' state is kept."""
        canvas.saveState()
        try:
            canvas.translate(x, y)
            canvas.setLineCap(0)  # butt ends whatever the page last used, as Word draws them
            for item in self.items:
                item.draw(canvas)
        finally:
            canvas.restoreState()


# --- chart pieces --------------------------------------------------------------------------


def _line(x1: float, y1: float, x2: float, y2: float, colour: colors.Color, width: float) -> Stroke:
    """Return a straight solid line."""
    return Stroke((x1, y1, x2, y2), colour, width)


def _dash(name: str, width: float) -> tuple[float, ...] | None:
    """Return a dash array for a DrawingML preset dash at line width `width`."""
    pattern = DASHES.get(name)
    return tuple(part * width for part in pattern) if pattern else None


def _marker(
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
            _line(x - h, y - h, x + h, y + h, colour, 1.2),
            _line(x - h, y + h, x + h, y - h, colour, 1.2),
        ],
        "plus": lambda: [
            _line(x - h, y, x + h, y, colour, 1.2),
            _line(x, y - h, x, y + h, colour, 1.2),
        ],
        "star": lambda: polygon(_star_points(x, y, h * 1.2)),
        "dash": lambda: [_line(x - h, y, x + h, y, colour, 2)],
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


@dataclass(frozen=True)
class Hatch:
    """How a DrawingML pattern is drawn: line directions ('/', '\\', '-', '|'), spacing, dash."""

    directions: tuple[str, ...]
    gap: float
    dash: tuple[float, ...] | None = None


def hatch_for(prst: str) -> Hatch:
    """Return the hatch that stands in for the DrawingML pattern preset `prst`.

    Direction comes from the preset's name; "dk", "sm" and "nar" presets are dense, "lg" ones
    open, "dash" ones dashed, so each pattern docgen writes is drawn differently.
    """
    lowered = prst.lower()
    if lowered.startswith(("dk", "sm", "nar")):
        gap = 2.0
    elif lowered.startswith("lg"):
        gap = 4.0
    else:
        gap = 3.0
    dash = HATCH_DASH if lowered.startswith("dash") else None
    return Hatch(_hatch_lines(lowered), gap, dash)


def _hatch_lines(lowered: str) -> tuple[str, ...]:
    """Return the hatch directions for a lower-cased DrawingML pattern preset."""
    if "diagcross" in lowered or "dmnd" in lowered:
        return ("/", "\\")
    if "check" in lowered or "grid" in lowered or "cross" in lowered:
        return ("-", "|")
    for hint, direction in (("updiag", "/"), ("dndiag", "\\"), ("horz", "-"), ("vert", "|")):
        if hint in lowered:
            return (direction,)
    return ("/",)


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


def _bar(x: float, y: float, w: float, h: float, series: SeriesData) -> list[Item]:
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


# --- title and legend ----------------------------------------------------------------------


def _draw_title(picture: Picture, data: ChartData, fonts: Fonts) -> float:
    """Draw the title centred at the top; return the height it takes."""
    width, top = picture.width, picture.height - 4
    lines = _wrap(data.title, fonts.bold, TITLE_PT, width - 16)
    for n, line in enumerate(lines):
        picture.add(Text(width / 2, top - (n + 1) * TITLE_PT * 1.15, line, fonts.bold, TITLE_PT))
    return 4 + len(lines) * TITLE_PT * 1.15 + (6 if lines else 0)


def _key(series: SeriesData, kind: str, x: float, y: float) -> tuple[list[Item], float]:
    """Return a legend key for `series` with its left end at x, middle at y, and its width."""
    if kind == "line":
        line = Stroke((x, y, x + 22, y), series.colour, LINE_WIDTH, _dash(series.dash, LINE_WIDTH))
        marker = _marker(series.marker, x + 11, y, series.colour, fill=series.marker_fill)
        return [line, *marker], 22
    return _bar(x, y - 3.5, 7, 7, series), 7


def _legend_rows(data: ChartData, width: float, fonts: Fonts) -> list[list[tuple[int, float]]]:
    """Split the legend's entries (series index, entry width) into rows that fit `width`."""
    rows: list[list[tuple[int, float]]] = [[]]
    used = 0.0
    for index, series in enumerate(data.series):
        key = 22 if data.kind == "line" else 7
        entry = key + 3 + stringWidth(series.name, fonts.regular, TEXT_PT) + 12
        if rows[-1] and used + entry > width:
            rows.append([])
            used = 0.0
        rows[-1].append((index, entry))
        used += entry
    return [row for row in rows if row]


def _draw_legend(picture: Picture, data: ChartData, fonts: Fonts) -> float:
    """Draw the legend centred along the bottom; return the height it takes."""
    if not data.legend or not data.series:
        return 0.0
    rows = _legend_rows(data, picture.width - 16, fonts)
    row_height = TEXT_PT * 1.6
    for n, row in enumerate(rows):
        y = 4 + (len(rows) - n - 0.5) * row_height
        x = (picture.width - sum(w for _, w in row) + 12) / 2
        for index, entry in row:
            series = data.series[index]
            key, key_width = _key(series, data.kind, x, y)
            picture.add(*key)
            picture.add(
                Text(
                    x + key_width + 3,
                    y - TEXT_PT * 0.35,
                    series.name,
                    fonts.regular,
                    TEXT_PT,
                    "start",
                )
            )
            x += entry
    return 4 + len(rows) * row_height + 4


# --- axes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plot:
    """The plot area's edges in picture coordinates."""

    left: float
    bottom: float
    right: float
    top: float


def _tick_texts(ticks: tuple[float, ...], number_format: str) -> list[str]:
    """Return the value axis' tick labels in the axis' number format."""
    return [format_number(t, number_format) for t in ticks]


def _category_lines(data: ChartData, slot: float, fonts: Fonts) -> list[list[str]] | None:
    """Return each category label broken into lines that fit its slot, or None if one can't.

    Labels may take up to three lines, as Word and LibreOffice wrap them; past that they turn.
    """
    wrapped = [_wrap(text, fonts.regular, TEXT_PT, slot - 2) or [""] for text in data.categories]
    widest = _label_width([line for lines in wrapped for line in lines], fonts.regular, TEXT_PT)
    if widest > slot - 2 or max((len(lines) for lines in wrapped), default=1) > 3:
        return None
    return wrapped


def _category_band_height(data: ChartData, slot: float, fonts: Fonts) -> float:
    """Return the height the category labels need under a vertical chart."""
    wrapped = _category_lines(data, slot, fonts)
    if wrapped is None:
        widest = _label_width(data.categories, fonts.regular, TEXT_PT)
        return widest * math.sin(math.pi / 4) + TEXT_PT * 1.5
    return max(len(lines) for lines in wrapped) * TEXT_PT * 1.15 + TEXT_PT * 0.6


def _layout(picture: Picture, data: ChartData, fonts: Fonts, top: float, bottom: float) -> Plot:
    """Return the plot area left after the title, legend, axis titles and labels."""
    ticks = _value_ticks(data)
    tick_width = _label_width(_tick_texts(ticks, data.number_format), fonts.regular, TEXT_PT)
    side_title = TEXT_PT * 1.6 if (data.x_title if data.horizontal else data.y_title) else 0
    low_title = TEXT_PT * 2.0 if (data.y_title if data.horizontal else data.x_title) else 0
    if data.horizontal:
        left = 6 + side_title + _label_width(data.categories, fonts.regular, TEXT_PT) + 5
        right = (
            picture.width
            - 6
            - stringWidth(_tick_texts(ticks, data.number_format)[-1], fonts.regular, TEXT_PT) / 2
        )
        return Plot(left, bottom + low_title + TEXT_PT * 1.6, right, picture.height - top)
    left = 6 + side_title + tick_width + 5
    right = picture.width - 10
    slot = (right - left) / max(len(data.categories), 1)
    band = _category_band_height(data, slot, fonts)
    return Plot(left, bottom + low_title + band, right, picture.height - top)


def _scale(data: ChartData, plot: Plot) -> Scale:
    """Return the value scale laid along the plot area's value direction."""
    ticks = _value_ticks(data)
    if data.horizontal:
        return Scale(ticks[0], ticks[-1], ticks, plot.left, plot.right)
    return Scale(ticks[0], ticks[-1], ticks, plot.bottom, plot.top)


def _band(data: ChartData, plot: Plot) -> Band:
    """Return the category band laid along the plot area's category direction."""
    count = max(len(data.categories), 1)
    if data.horizontal:
        # Categories run bottom-up unless the axis is reversed ("maxMin"), as in Word.
        return Band(plot.bottom, (plot.top - plot.bottom) / count, count, data.reverse)
    return Band(plot.left, (plot.right - plot.left) / count, count, data.reverse)


def _draw_value_axis(
    picture: Picture, data: ChartData, plot: Plot, scale: Scale, fonts: Fonts
) -> None:
    """Draw gridlines and tick labels of the value axis."""
    for tick, text in zip(scale.ticks, _tick_texts(scale.ticks, data.number_format), strict=True):
        at = scale.at(tick)
        if data.horizontal:
            picture.add(_line(at, plot.bottom, at, plot.top, GRID_GREY, 0.5))
            picture.add(Text(at, plot.bottom - TEXT_PT * 1.3, text, fonts.regular, TEXT_PT))
        else:
            picture.add(_line(plot.left, at, plot.right, at, GRID_GREY, 0.5))
            picture.add(
                Text(plot.left - 4, at - TEXT_PT * 0.35, text, fonts.regular, TEXT_PT, "end")
            )


def _draw_category_axis(
    picture: Picture, data: ChartData, plot: Plot, band: Band, scale: Scale, fonts: Fonts
) -> None:
    """Draw the category axis line at zero and the category labels."""
    zero = scale.at(min(max(0.0, scale.low), scale.high))
    if data.horizontal:
        picture.add(_line(zero, plot.bottom, zero, plot.top, AXIS_GREY, 0.75))
        for i, text in enumerate(data.categories):
            y = band.centre(i) - TEXT_PT * 0.35
            picture.add(Text(plot.left - 4, y, text, fonts.regular, TEXT_PT, "end"))
        return
    picture.add(_line(plot.left, zero, plot.right, zero, AXIS_GREY, 0.75))
    wrapped = _category_lines(data, band.slot, fonts)
    for i, text in enumerate(data.categories):
        x = band.centre(i)
        if wrapped is None:
            x, y = x + TEXT_PT * 0.3, plot.bottom - 4
            picture.add(Text(x, y, text, fonts.regular, TEXT_PT, "end", angle=45))
            continue
        for n, line in enumerate(wrapped[i]):
            y = plot.bottom - TEXT_PT * (1.3 + 1.15 * n)
            picture.add(Text(x, y, line, fonts.regular, TEXT_PT))


def _draw_axis_titles(
    picture: Picture, data: ChartData, plot: Plot, bottom: float, fonts: Fonts
) -> None:
    """Draw the axis titles: the horizontal one under the labels, the vertical one turned 90°."""
    low, side = (data.y_title, data.x_title) if data.horizontal else (data.x_title, data.y_title)
    middle_x = (plot.left + plot.right) / 2
    if low:
        picture.add(Text(middle_x, bottom + TEXT_PT * 0.5, low, fonts.bold, TEXT_PT))
    if side:
        middle_y = (plot.bottom + plot.top) / 2
        picture.add(Text(6 + TEXT_PT, middle_y, side, fonts.bold, TEXT_PT, angle=90))


# --- series --------------------------------------------------------------------------------


def _runs(values: list[float | None]) -> Iterator[list[tuple[int, float]]]:
    """Yield the stretches of consecutive non-gap values as (category index, value) lists."""
    run: list[tuple[int, float]] = []
    for index, value in enumerate(values):
        if value is None:
            if run:
                yield run
            run = []
        else:
            run.append((index, value))
    if run:
        yield run


def _draw_lines(picture: Picture, data: ChartData, band: Band, scale: Scale) -> None:
    """Draw each line series: a dashed line per unbroken stretch, with markers at points."""
    for series in data.series:
        dash = _dash(series.dash, LINE_WIDTH)
        for run in _runs(series.values):
            points = tuple(c for i, v in run for c in (band.centre(i), scale.at(v)))
            if len(run) > 1:
                picture.add(Stroke(points, series.colour, LINE_WIDTH, dash, round_joins=True))
            for i, v in run:
                at = (band.centre(i), scale.at(v))
                picture.add(*_marker(series.marker, *at, series.colour, fill=series.marker_fill))


def _bar_spans(data: ChartData, band: Band) -> list[tuple[float, float]]:
    """Return each series' (offset from slot start, thickness) within a category slot."""
    group = band.slot / (1 + data.gap_width / 100)
    margin = (band.slot - group) / 2
    if data.stacked:
        return [(margin, group)] * len(data.series)
    thickness = group / max(len(data.series), 1)
    order = range(len(data.series))
    # Horizontal bars list the first series at the bottom of a slot unless reversed.
    return [(margin + n * thickness, thickness) for n in order]


def _bar_box(
    data: ChartData, band: Band, index: int, span: tuple[float, float], low: float, high: float
) -> tuple[float, float, float, float]:
    """Return (x, y, width, height) of a bar from value coordinate `low` to `high`."""
    slot_start = band.centre(index) - band.slot / 2
    across = slot_start + span[0]
    if band.reverse and not data.stacked:
        across = slot_start + band.slot - span[0] - span[1]
    a, b = sorted((low, high))
    if data.horizontal:
        return a, across, b - a, span[1]
    return across, a, span[1], b - a


def _draw_bars(picture: Picture, data: ChartData, band: Band, scale: Scale, fonts: Fonts) -> None:
    """Draw clustered or stacked bars, with data labels where the chart asks for them."""
    spans = _bar_spans(data, band)
    for i, column in enumerate(_columns(data)):
        up = down = 0.0
        for n, value in enumerate(column):
            if value is None:
                continue
            base = (up if value >= 0 else down) if data.stacked else 0.0
            if data.stacked:
                up, down = (up + value, down) if value >= 0 else (up, down + value)
            box = _bar_box(data, band, i, spans[n], scale.at(base), scale.at(base + value))
            picture.add(*_bar(*box, data.series[n]))
            if data.data_labels:
                picture.add(*_bar_label(data, box, value, fonts))


def _bar_label(
    data: ChartData, box: tuple[float, float, float, float], value: float, fonts: Fonts
) -> list[Item]:
    """Return a bar's value label on a white box: centred in a stacked bar, else past its end."""
    x, y, w, h = box
    text = format_number(value, data.number_format)
    size = TEXT_PT - 1
    if data.stacked:
        anchor, at_x, at_y = "middle", x + w / 2, y + h / 2 - size * 0.35
    elif data.horizontal:
        anchor = "start" if value >= 0 else "end"
        at_x, at_y = (x + w + 3 if value >= 0 else x - 3), y + h / 2 - size * 0.35
    else:
        anchor, at_x = "middle", x + w / 2
        at_y = y + h + 3 if value >= 0 else y - size - 2
    return _boxed(Text(at_x, at_y, text, fonts.regular, size, anchor))


def _boxed(label: Text) -> list[Item]:
    """Return `label` over a white box one point larger all round."""
    box = Box(
        label.x - label.shift() - 1,
        label.y - label.size * 0.25,
        label.width() + 2,
        label.size * 1.1,
        colors.white,
    )
    return [box, label]


# --- the picture ---------------------------------------------------------------------------


def _placeholder(picture: Picture, data: ChartData, fonts: Fonts) -> Picture:
    """Draw a frame and a note for a chart type that is not drawn, keeping its title."""
    picture.add(Box(0.5, 0.5, picture.width - 1, picture.height - 1, None, AXIS_GREY))
    note = "(This chart type is shown in the Word version of this document.)"
    picture.add(Text(picture.width / 2, picture.height / 2, note, fonts.regular, TEXT_PT))
    return picture


def chart_picture(
    chart_xml: bytes, width_pt: float, height_pt: float, *, fonts: Fonts = Fonts()
) -> Picture:
    """Return the chart in `chart_xml` as a `Picture` of canvas operations, `width_pt` wide.

    `chart_xml` is a chart part's XML (/word/charts/chartN.xml); only its own cached values are
    used. Line charts and clustered or stacked bar and column charts are drawn with title,
    axis titles, tick and category labels, gridlines and a legend at the bottom; other chart
    types become a framed note under their title. `fonts` must be registered with reportlab.
    """
    data = read_chart(chart_xml)
    picture = Picture(width_pt, height_pt)
    top = _draw_title(picture, data, fonts)
    if not data.kind or not data.series:
        log.warning("chart type not drawn in the PDF; a note stands in for it")
        return _placeholder(picture, data, fonts)
    bottom = _draw_legend(picture, data, fonts) + 2
    plot = _layout(picture, data, fonts, top, bottom)
    scale, band = _scale(data, plot), _band(data, plot)
    _draw_value_axis(picture, data, plot, scale, fonts)
    if data.kind == "line":
        _draw_lines(picture, data, band, scale)
    else:
        _draw_bars(picture, data, band, scale, fonts)
    _draw_category_axis(picture, data, plot, band, scale, fonts)
    _draw_axis_titles(picture, data, plot, bottom, fonts)
    return picture


def draw_chart(
    canvas: Canvas,
    chart_xml: bytes,
    x: float,
    y: float,
    width_pt: float,
    height_pt: float,
    *,
    fonts: Fonts = Fonts(),
) -> None:
    """Draw the chart in `chart_xml` on `canvas`, `width_pt` by `height_pt`, its corner at (x, y).

    The whole chart is laid out before anything is drawn, so a chart that cannot be read or
    laid out raises without touching the canvas.
    """
    chart_picture(chart_xml, width_pt, height_pt, fonts=fonts).draw_on(canvas, x, y)
