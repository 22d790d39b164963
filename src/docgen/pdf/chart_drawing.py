"""Draw a chart as vectors on a reportlab canvas, from its `ChartDescription` (the one the Word
chart is written from) or, for a foreign .docx, from its chart part's XML (`chart_reading`).

Line charts and clustered or stacked bar and column charts are drawn with title, axis titles,
value gridlines, legend and, where the chart asks, data labels, laid out as LibreOffice 7.4
lays out a Word chart: its automatic value axis (`chart_scales`), its legend in rows of equal
columns, its 0.75 pt grey frame round the chart, its plot area where it puts it (measured on
docgen's charts: fixed distances from the chart's edges in points). Series keep their colours,
dash styles, markers and hatch patterns (`chart_marks`), so they can be told apart without
colour. The chart becomes a `Picture` of canvas operations (`chart_canvas`) that
`draw_chart()` plays onto a canvas; the whole chart is laid out before anything is drawn.
Decorative marks (the frame, gridlines, axis lines and ticks) are marked as such, so a tagged
PDF can make them artifacts (see `Picture.draw_on`).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..chart_style import FONT_PT, TITLE_PT
from ..numfmt import format_value
from .chart_canvas import Box, Item, Picture, Stroke, Text
from .chart_marks import KEY_MARKER_SIZE, bar_items, marker_items, series_line
from .chart_reading import read_description
from .chart_scales import Band, Scale, category_values, label_width, value_axis, wrap

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from reportlab.pdfgen.canvas import Canvas

    from ..chart_description import ChartDescription, SeriesDescription

log = logging.getLogger(__name__)

TEXT_PT = FONT_PT
FRAME_GREY = colors.HexColor("#D9D9D9")
AXIS_GREY = colors.HexColor("#878787")
RULE_PT = 0.75
"""The width of the frame, axis lines, ticks and gridlines."""
TICK = 4.25
"""How far a tick mark reaches out of the plot area (1.5 mm)."""
LABEL_GAP = 3.1
"""Between a tick mark's end and its label."""
DATA_LABEL_GAP = 2.6
"""Between a bar's end and its data label's text box."""
LINE_HEIGHT = 1.15
"""A line of chart text, in multiples of its size (Liberation Sans' ascent and descent)."""
ASCENT, DESCENT = 0.905, 0.212
LABEL_MIDDLE = 0.345
"""A tick label's middle above its baseline, in multiples of its size: it is centred on its
tick."""

# Where LibreOffice 7.4 puts the parts of a Word chart, in points from the chart's edges,
# measured on docgen's charts (9 pt text, an 11 pt title).
TITLE_BASELINE = 22.72
PLOT_TOP = 38.27
PLOT_TOP_UNTITLED = 12.0
LAST_LEGEND_BASELINE = 5.52  # above the chart's bottom edge
LEGEND_PITCH = 13.3
LEGEND_TO_AXIS_TITLE = 33.0  # the first legend row's baseline below the axis title's
AXIS_TITLE_TO_LABELS = 18.0  # the axis title's baseline below the category labels'
LABELS_TO_PLOT = 15.3  # the category labels' baseline below the plot area
SIDE_TITLE_LEFT = 14.75  # the turned axis title's left edge
SIDE_TITLE_BASELINE = 24.12  # and its baseline
SIDE_LABELS_LEFT = 37.75  # the tick labels' left edge with a turned axis title
PLOT_RIGHT = 9.05
KEY_LINE = 45.35  # a line series' legend key where some line is dashed: 16 mm
SOLID_KEY_LINE = 22.68  # and where all are solid: 8 mm (LibreOffice's)
KEY_GAP = 2.83  # between a key and its text (1 mm)
LEGEND_PADDING = 2.95  # at either end of the legend
LEGEND_COLUMN_GAP = 5.92
TEXT_FRAME = 0.35  # LibreOffice's text frames are this much wider than their text
KEY_RISE = 0.33  # a legend key's middle above its text's baseline, in multiples of the size


@dataclass(frozen=True)
class Fonts:
    """The regular and bold font names used for chart text (registered with reportlab)."""

    regular: str = "Helvetica"
    bold: str = "Helvetica-Bold"


@dataclass(frozen=True)
class Plot:
    """The plot area's edges in picture coordinates."""

    left: float
    bottom: float
    right: float
    top: float


# --- title and legend ----------------------------------------------------------------------


def _draw_title(picture: Picture, chart: ChartDescription, fonts: Fonts) -> float:
    """Draw the title centred at the top; return where the plot area's top may be."""
    lines = wrap(chart.title, fonts.bold, TITLE_PT, picture.width - 16)
    if not lines:
        return picture.height - PLOT_TOP_UNTITLED
    pitch = TITLE_PT * LINE_HEIGHT
    for n, line in enumerate(lines):
        y = picture.height - TITLE_BASELINE - n * pitch
        picture.add(Text(picture.width / 2, y, line, fonts.bold, TITLE_PT))
    return picture.height - PLOT_TOP - (len(lines) - 1) * pitch


def _key_width(chart: ChartDescription) -> float:
    """Return the width of the chart's legend keys: a line chart's are long enough to show a
    dash, when one of its lines is dashed; a bar chart's are small squares."""
    if chart.kind != "line":
        return KEY_MARKER_SIZE
    return KEY_LINE if any(s.dash != "solid" for s in chart.series) else SOLID_KEY_LINE


def _key(series: SeriesDescription, kind: str, x: float, y: float,
         length: float = KEY_LINE) -> tuple[list[Item], float]:
    """Return a legend key for `series` with its left end at x, middle at y (a line `length`
    long with the marker in its middle, or a bar's square), and its width."""
    if kind == "line":
        line = series_line(series, (x, y, x + length, y))
        mark = marker_items(series.marker, x + length / 2, y, series.colour, KEY_MARKER_SIZE)
        return [line, *mark], length
    size = KEY_MARKER_SIZE
    return bar_items(x, y - size / 2, size, size, series), size


def legend_columns(widths: list[float], room: float, key: float) -> int:
    """Return how many columns LibreOffice lays a bottom legend's entries in: as many as
    entries of the widest would fit, then spread evenly over the rows that makes.

    `widths` are the entries' text widths, `room` the width there is, `key` a key's width.
    """
    if not widths:
        return 0
    widest = LEGEND_COLUMN_GAP + key + KEY_GAP + max(widths) + TEXT_FRAME
    fit = max(int((room - 2 * LEGEND_PADDING) // widest), 1)
    rows = math.ceil(len(widths) / fit)
    return math.ceil(len(widths) / rows)


def _legend_grid(chart: ChartDescription, width: float, fonts: Fonts) -> list[list[int]]:
    """Return the legend's rows of series indexes, in order along each row: the series'
    order, backwards for horizontal bars (as LibreOffice lists them)."""
    texts = [stringWidth(s.name, fonts.regular, TEXT_PT) for s in chart.series]
    columns = legend_columns(texts, width, _key_width(chart))
    indexes = list(range(len(chart.series)))
    if chart.horizontal:
        indexes.reverse()
    return [indexes[i:i + columns] for i in range(0, len(indexes), columns)]


def _draw_legend(picture: Picture, chart: ChartDescription, fonts: Fonts) -> float:
    """Draw the legend centred along the bottom; return its first row's baseline (the chart's
    bottom edge without a legend)."""
    if not chart.legend or not chart.series:
        return 0.0
    rows = _legend_grid(chart, picture.width, fonts)
    key = _key_width(chart)
    columns = len(rows[0])
    text_widths = [stringWidth(s.name, fonts.regular, TEXT_PT) + TEXT_FRAME for s in chart.series]
    column_widths = [key + KEY_GAP + max(text_widths[row[c]] for row in rows if c < len(row))
                     for c in range(columns)]
    total = sum(column_widths) + (columns - 1) * LEGEND_COLUMN_GAP
    first = LAST_LEGEND_BASELINE + (len(rows) - 1) * LEGEND_PITCH
    for n, row in enumerate(rows):
        baseline = first - n * LEGEND_PITCH
        x = (picture.width - total) / 2
        for column, index in enumerate(row):
            series = chart.series[index]
            items, _ = _key(series, chart.kind, x, baseline + TEXT_PT * KEY_RISE, key)
            picture.add(*items)
            picture.add(Text(x + key + KEY_GAP, baseline, series.name, fonts.regular, TEXT_PT,
                             "start"))
            x += column_widths[column] + LEGEND_COLUMN_GAP
    return first


# --- axes ----------------------------------------------------------------------------------


def _category_lines(chart: ChartDescription, slot: float, fonts: Fonts) -> list[list[str]] | None:
    """Return each category label broken into lines that fit its slot, or None if one can't.

    Labels may take up to three lines, as Word and LibreOffice wrap them; past that they turn.
    """
    wrapped = [wrap(text, fonts.regular, TEXT_PT, slot - 2) or [""] for text in chart.categories]
    widest = label_width([line for lines in wrapped for line in lines], fonts.regular, TEXT_PT)
    if widest > slot - 2 or max((len(lines) for lines in wrapped), default=1) > 3:
        return None
    return wrapped


def _low_labels_depth(chart: ChartDescription, slot: float, fonts: Fonts) -> float:
    """Return how far below the plot area the labels under it reach past their first line."""
    if chart.horizontal:
        return 0.0
    wrapped = _category_lines(chart, slot, fonts)
    if wrapped is None:
        widest = label_width(list(chart.categories), fonts.regular, TEXT_PT)
        return widest * math.sin(math.pi / 4)
    return (max(len(lines) for lines in wrapped) - 1) * TEXT_PT * LINE_HEIGHT


def _text_extent(chart: ChartDescription, fonts: Fonts) -> Callable[[list[str]], float]:
    """Return how much of the value axis one tick label takes: its height up a vertical axis,
    its width along a horizontal one."""
    if chart.horizontal:
        return lambda texts: label_width(texts, fonts.regular, TEXT_PT) + TEXT_FRAME
    return lambda texts: TEXT_PT * LINE_HEIGHT


def _layout(picture: Picture, chart: ChartDescription, fonts: Fonts, top: float,
            legend: float) -> tuple[Plot, Scale, Band, float]:
    """Return the plot area left after the title, legend, axis titles and labels, the value
    scale and the category band laid along it, and the baseline of the labels' last line
    under the plot area."""
    low_title = chart.y_title if chart.horizontal else chart.x_title
    side_title = chart.x_title if chart.horizontal else chart.y_title
    base = legend + LEGEND_TO_AXIS_TITLE if legend else LEGEND_TO_AXIS_TITLE / 2
    labels = base + AXIS_TITLE_TO_LABELS if low_title else base
    left_edge = SIDE_LABELS_LEFT if side_title else SIDE_TITLE_LEFT
    right = picture.width - PLOT_RIGHT
    count = max(len(chart.categories), 1)
    slot_guess = (right - left_edge - 30) / count
    bottom = labels + _low_labels_depth(chart, slot_guess, fonts) + LABELS_TO_PLOT
    extent = _text_extent(chart, fonts)
    if chart.horizontal:
        top += TEXT_PT * (ASCENT - LABEL_MIDDLE)  # no value label stands above the plot
        side_labels = label_width(list(chart.categories), fonts.regular, TEXT_PT)
        left = left_edge + side_labels + LABEL_GAP + TICK
        axis = value_axis(chart, right - left, extent)
        plot = Plot(left, bottom, right, top)
        scale = Scale(axis.low, axis.high, axis.ticks, plot.left, plot.right)
        band = Band(plot.bottom, (plot.top - plot.bottom) / count, count, chart.reverse)
        return plot, scale, band, labels
    axis = value_axis(chart, top - bottom, extent)
    texts = [format_value(t, chart.number_format) for t in axis.ticks]
    left = left_edge + label_width(texts, fonts.regular, TEXT_PT) + TEXT_FRAME + LABEL_GAP + TICK
    plot = Plot(left, bottom, right, top)
    scale = Scale(axis.low, axis.high, axis.ticks, plot.bottom, plot.top)
    band = Band(plot.left, (plot.right - plot.left) / count, count, chart.reverse)
    return plot, scale, band, labels


def _rule(x1: float, y1: float, x2: float, y2: float) -> Stroke:
    """Return a grey axis line, tick or gridline, marked as decoration."""
    return Stroke((x1, y1, x2, y2), AXIS_GREY, RULE_PT, decorative=True)


def _draw_value_axis(picture: Picture, chart: ChartDescription, plot: Plot, scale: Scale,
                     fonts: Fonts) -> None:
    """Draw gridlines, ticks and tick labels of the value axis, and its line."""
    texts = [format_value(t, chart.number_format) for t in scale.ticks]
    half = TEXT_PT * LABEL_MIDDLE
    for tick, text in zip(scale.ticks, texts, strict=True):
        at = scale.at(tick)
        if chart.horizontal:
            picture.add(_rule(at, plot.bottom, at, plot.top), _rule(at, plot.bottom - TICK, at,
                                                                    plot.bottom))
            y = plot.bottom - LABELS_TO_PLOT
            picture.add(Text(at, y, text, fonts.regular, TEXT_PT))
        else:
            picture.add(_rule(plot.left, at, plot.right, at),
                        _rule(plot.left - TICK, at, plot.left, at))
            x = plot.left - TICK - LABEL_GAP
            picture.add(Text(x, at - half, text, fonts.regular, TEXT_PT, "end"))
    if chart.horizontal:
        picture.add(_rule(plot.left, plot.bottom, plot.right, plot.bottom))
    else:
        picture.add(_rule(plot.left, plot.bottom, plot.left, plot.top))


def _draw_category_axis(picture: Picture, chart: ChartDescription, plot: Plot, band: Band,
                        scale: Scale, fonts: Fonts) -> None:
    """Draw the category axis line at zero, its ticks between categories, and its labels."""
    zero = scale.at(min(max(0.0, scale.low), scale.high))
    bounds = [band.start + n * band.slot for n in range(band.count + 1)]
    if chart.horizontal:
        picture.add(_rule(zero, plot.bottom, zero, plot.top))
        picture.add(*(_rule(plot.left - TICK, y, plot.left, y) for y in bounds))
        for i, text in enumerate(chart.categories):
            y = band.centre(i) - TEXT_PT * LABEL_MIDDLE
            x = plot.left - TICK - LABEL_GAP
            picture.add(Text(x, y, text, fonts.regular, TEXT_PT, "end"))
        return
    picture.add(_rule(plot.left, zero, plot.right, zero))
    picture.add(*(_rule(x, plot.bottom - TICK, x, plot.bottom) for x in bounds))
    wrapped = _category_lines(chart, band.slot, fonts)
    for i, text in enumerate(chart.categories):
        x = band.centre(i)
        if wrapped is None:
            x, y = x + TEXT_PT * 0.3, plot.bottom - TICK - LABEL_GAP
            picture.add(Text(x, y, text, fonts.regular, TEXT_PT, "end", angle=45))
            continue
        for n, line in enumerate(wrapped[i]):
            y = plot.bottom - LABELS_TO_PLOT - n * TEXT_PT * LINE_HEIGHT
            picture.add(Text(x, y, line, fonts.regular, TEXT_PT))


def _draw_axis_titles(picture: Picture, chart: ChartDescription, plot: Plot, labels: float,
                      fonts: Fonts) -> None:
    """Draw the axis titles: the horizontal one under the labels, the vertical one turned 90°,
    each centred on the plot area with its labels, as LibreOffice centres them."""
    low = chart.y_title if chart.horizontal else chart.x_title
    side = chart.x_title if chart.horizontal else chart.y_title
    left_edge = SIDE_LABELS_LEFT if side else SIDE_TITLE_LEFT
    if low:
        middle_x = (left_edge + plot.right) / 2
        picture.add(Text(middle_x, labels - AXIS_TITLE_TO_LABELS, low, fonts.bold, TEXT_PT))
    if side:
        highest = plot.top + TEXT_PT * (ASCENT - LABEL_MIDDLE)
        lowest = labels - TEXT_PT * DESCENT
        middle = (highest + lowest) / 2
        picture.add(Text(SIDE_TITLE_BASELINE, middle, side, fonts.bold, TEXT_PT, angle=90))


# --- series --------------------------------------------------------------------------------


def _runs(values: tuple[float | None, ...]) -> Iterator[list[tuple[int, float]]]:
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


def _draw_lines(picture: Picture, chart: ChartDescription, band: Band, scale: Scale) -> None:
    """Draw each line series: a dashed line per unbroken stretch, with markers at points."""
    for series in chart.series:
        for run in _runs(series.values):
            points = tuple(c for i, v in run for c in (band.centre(i), scale.at(v)))
            if len(run) > 1:
                picture.add(series_line(series, points))
            for i, v in run:
                picture.add(*marker_items(series.marker, band.centre(i), scale.at(v),
                                          series.colour))


def _bar_spans(chart: ChartDescription, band: Band) -> list[tuple[float, float]]:
    """Return each series' (offset from slot start, thickness) within a category slot."""
    across = 1 if chart.stacked else max(len(chart.series), 1)
    thickness = band.slot / (across + chart.gap_width / 100)  # the gap is in bar widths
    margin = thickness * chart.gap_width / 200
    if chart.stacked:
        return [(margin, thickness)] * len(chart.series)
    return [(margin + n * thickness, thickness) for n in range(len(chart.series))]


def _bar_box(chart: ChartDescription, band: Band, index: int, span: tuple[float, float],
             low: float, high: float) -> tuple[float, float, float, float]:
    """Return (x, y, width, height) of a bar from value coordinate `low` to `high`."""
    slot_start = band.centre(index) - band.slot / 2
    across = slot_start + span[0]
    if band.reverse and not chart.stacked:
        across = slot_start + band.slot - span[0] - span[1]
    a, b = sorted((low, high))
    if chart.horizontal:
        return a, across, b - a, span[1]
    return across, a, span[1], b - a


def _draw_bars(picture: Picture, chart: ChartDescription, band: Band, scale: Scale,
               fonts: Fonts) -> None:
    """Draw clustered or stacked bars, with data labels where the chart asks for them."""
    spans = _bar_spans(chart, band)
    for i, column in enumerate(category_values(chart)):
        up = down = 0.0
        for n, value in enumerate(column):
            if value is None:
                continue
            base = (up if value >= 0 else down) if chart.stacked else 0.0
            if chart.stacked:
                up, down = (up + value, down) if value >= 0 else (up, down + value)
            box = _bar_box(chart, band, i, spans[n], scale.at(base), scale.at(base + value))
            picture.add(*bar_items(*box, chart.series[n]))
            if chart.data_labels:
                picture.add(*_bar_label(chart, box, value, fonts))


def _bar_label(chart: ChartDescription, box: tuple[float, float, float, float], value: float,
               fonts: Fonts) -> list[Item]:
    """Return a bar's value label on a white box: centred in a stacked bar, else past its end."""
    x, y, w, h = box
    text = format_value(value, chart.number_format)
    size = TEXT_PT - 1
    middle = size * LABEL_MIDDLE
    if chart.stacked:
        anchor, at_x, at_y = "middle", x + w / 2, y + h / 2 - middle
    elif chart.horizontal:
        anchor = "start" if value >= 0 else "end"
        at_x, at_y = (x + w + 3 if value >= 0 else x - 3), y + h / 2 - middle
    else:
        # LibreOffice: the label's text box starts 2.6 pt past the bar's end.
        anchor, at_x = "middle", x + w / 2
        above, below = y + h + DATA_LABEL_GAP + size * DESCENT, y - DATA_LABEL_GAP - size * ASCENT
        at_y = above if value >= 0 else below
    label = Text(at_x, at_y, text, fonts.regular, size, anchor)
    back = Box(label.x - label.shift() - 1, label.y - label.size * 0.25, label.width() + 2,
               label.size * 1.1, colors.white)
    return [back, label]


# --- the picture ---------------------------------------------------------------------------


def _frame(picture: Picture) -> Box:
    """Return the chart's white ground and grey frame, drawn inside its edges."""
    inset = RULE_PT / 2
    return Box(inset, inset, picture.width - RULE_PT, picture.height - RULE_PT, colors.white,
               FRAME_GREY, RULE_PT, decorative=True)


def describe_picture(
    chart: ChartDescription, width_pt: float, height_pt: float, *, fonts: Fonts = Fonts()
) -> Picture:
    """Return `chart` as a `Picture` of canvas operations, `width_pt` by `height_pt`.

    A chart type not drawn (`kind` "") becomes its frame and title over a note.
    """
    picture = Picture(width_pt, height_pt)
    picture.add(_frame(picture))
    top = _draw_title(picture, chart, fonts)
    if not chart.kind or not chart.series:
        log.warning("chart type not drawn in the PDF; a note stands in for it")
        note = "(This chart type is shown in the Word version of this document.)"
        picture.add(Text(width_pt / 2, height_pt / 2, note, fonts.regular, TEXT_PT))
        return picture
    legend = _draw_legend(picture, chart, fonts)
    plot, scale, band, labels = _layout(picture, chart, fonts, top, legend)
    _draw_value_axis(picture, chart, plot, scale, fonts)
    if chart.kind == "line":
        _draw_lines(picture, chart, band, scale)
    else:
        _draw_bars(picture, chart, band, scale, fonts)
    _draw_category_axis(picture, chart, plot, band, scale, fonts)
    _draw_axis_titles(picture, chart, plot, labels, fonts)
    return picture


def chart_picture(
    chart_xml: bytes, width_pt: float, height_pt: float, *, fonts: Fonts = Fonts()
) -> Picture:
    """Return the chart in `chart_xml` (a chart part's XML, /word/charts/chartN.xml; only its
    own cached values are read) as a `Picture`, `width_pt` by `height_pt`."""
    return describe_picture(read_description(chart_xml), width_pt, height_pt, fonts=fonts)


def draw_chart(
    canvas: Canvas,
    chart: bytes | ChartDescription,
    x: float,
    y: float,
    width_pt: float,
    height_pt: float,
    *,
    fonts: Fonts = Fonts(),
    decoration: Callable[[Canvas], AbstractContextManager[object]] | None = None,
) -> None:
    """Draw `chart` (a chart part's XML, or its description) on `canvas`, `width_pt` by
    `height_pt`, its corner at (x, y).

    `decoration`, when given, is entered around each decorative mark (frame, gridlines, axis
    lines, ticks): a tagged PDF passes one that marks them as artifacts. The whole chart is
    laid out before anything is drawn, so a chart that cannot be read or laid out raises
    without touching the canvas.
    """
    description = read_description(chart) if isinstance(chart, bytes) else chart
    picture = describe_picture(description, width_pt, height_pt, fonts=fonts)
    picture.draw_on(canvas, x, y, decoration=decoration)
