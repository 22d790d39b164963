"""Draw a chart as vectors on a reportlab canvas: from a Word chart part, or straight from a
`ChartDescription` (`describe_picture`).

`chart_picture()` reads only the chart XML and its cached values (`chart_reading`, never the
report model), so it draws whatever chart the .docx holds: line charts and clustered or
stacked bar and column charts, with title, axis titles, value gridlines, legend and, where the
chart asks, data labels. Series keep their colours, dash styles, markers (filled or hollow)
and hatch patterns (`chart_marks`), so they can be told apart without colour. The chart
becomes a `Picture` of canvas operations (`chart_canvas`) that `draw_chart()` plays onto a
`reportlab.pdfgen` canvas; the whole chart is laid out before anything is drawn.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..chart_style import dash_array, format_number
from .chart_canvas import Box, Item, Picture, Stroke, Text
from .chart_marks import (
    LINE_WIDTH,
    ChartData,
    SeriesData,
    bar_items,
    chart_data,
    marker_items,
    straight_line,
)
from .chart_reading import read_description
from .chart_scales import Band, Scale, category_values, label_width, value_ticks, wrap

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from ..chart_description import ChartDescription

log = logging.getLogger(__name__)

TITLE_PT = 11
TEXT_PT = 8
GRID_GREY = colors.HexColor("#D9D9D9")
AXIS_GREY = colors.HexColor("#808080")


@dataclass(frozen=True)
class Fonts:
    """The regular and bold font names used for chart text (registered with reportlab)."""

    regular: str = "Helvetica"
    bold: str = "Helvetica-Bold"


def read_chart(chart_xml: bytes) -> ChartData:
    """Return what `chart_xml` (a chart part) says about its first plot, ready to draw."""
    return chart_data(read_description(chart_xml))


# --- title and legend ----------------------------------------------------------------------


def _draw_title(picture: Picture, data: ChartData, fonts: Fonts) -> float:
    """Draw the title centred at the top; return the height it takes."""
    width, top = picture.width, picture.height - 4
    lines = wrap(data.title, fonts.bold, TITLE_PT, width - 16)
    for n, line in enumerate(lines):
        picture.add(Text(width / 2, top - (n + 1) * TITLE_PT * 1.15, line, fonts.bold, TITLE_PT))
    return 4 + len(lines) * TITLE_PT * 1.15 + (6 if lines else 0)


def _key(series: SeriesData, kind: str, x: float, y: float) -> tuple[list[Item], float]:
    """Return a legend key for `series` with its left end at x, middle at y, and its width."""
    if kind == "line":
        dash = dash_array(series.dash, LINE_WIDTH)
        line = Stroke((x, y, x + 22, y), series.colour, LINE_WIDTH, dash)
        symbol = marker_items(series.marker, x + 11, y, series.colour, fill=series.marker_fill)
        return [line, *symbol], 22
    return bar_items(x, y - 3.5, 7, 7, series), 7


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
    wrapped = [wrap(text, fonts.regular, TEXT_PT, slot - 2) or [""] for text in data.categories]
    widest = label_width([line for lines in wrapped for line in lines], fonts.regular, TEXT_PT)
    if widest > slot - 2 or max((len(lines) for lines in wrapped), default=1) > 3:
        return None
    return wrapped


def _category_band_height(data: ChartData, slot: float, fonts: Fonts) -> float:
    """Return the height the category labels need under a vertical chart."""
    wrapped = _category_lines(data, slot, fonts)
    if wrapped is None:
        widest = label_width(data.categories, fonts.regular, TEXT_PT)
        return widest * math.sin(math.pi / 4) + TEXT_PT * 1.5
    return max(len(lines) for lines in wrapped) * TEXT_PT * 1.15 + TEXT_PT * 0.6


def _layout(picture: Picture, data: ChartData, fonts: Fonts, top: float, bottom: float) -> Plot:
    """Return the plot area left after the title, legend, axis titles and labels."""
    ticks = value_ticks(data)
    tick_width = label_width(_tick_texts(ticks, data.number_format), fonts.regular, TEXT_PT)
    side_title = TEXT_PT * 1.6 if (data.x_title if data.horizontal else data.y_title) else 0
    low_title = TEXT_PT * 2.0 if (data.y_title if data.horizontal else data.x_title) else 0
    if data.horizontal:
        left = 6 + side_title + label_width(data.categories, fonts.regular, TEXT_PT) + 5
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
    ticks = value_ticks(data)
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
            picture.add(straight_line(at, plot.bottom, at, plot.top, GRID_GREY, 0.5))
            picture.add(Text(at, plot.bottom - TEXT_PT * 1.3, text, fonts.regular, TEXT_PT))
        else:
            picture.add(straight_line(plot.left, at, plot.right, at, GRID_GREY, 0.5))
            picture.add(
                Text(plot.left - 4, at - TEXT_PT * 0.35, text, fonts.regular, TEXT_PT, "end")
            )


def _draw_category_axis(
    picture: Picture, data: ChartData, plot: Plot, band: Band, scale: Scale, fonts: Fonts
) -> None:
    """Draw the category axis line at zero and the category labels."""
    zero = scale.at(min(max(0.0, scale.low), scale.high))
    if data.horizontal:
        picture.add(straight_line(zero, plot.bottom, zero, plot.top, AXIS_GREY, 0.75))
        for i, text in enumerate(data.categories):
            y = band.centre(i) - TEXT_PT * 0.35
            picture.add(Text(plot.left - 4, y, text, fonts.regular, TEXT_PT, "end"))
        return
    picture.add(straight_line(plot.left, zero, plot.right, zero, AXIS_GREY, 0.75))
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
        dash = dash_array(series.dash, LINE_WIDTH)
        for run in _runs(series.values):
            points = tuple(c for i, v in run for c in (band.centre(i), scale.at(v)))
            if len(run) > 1:
                picture.add(Stroke(points, series.colour, LINE_WIDTH, dash, round_joins=True))
            for i, v in run:
                at = (band.centre(i), scale.at(v))
                picture.add(
                    *marker_items(series.marker, *at, series.colour, fill=series.marker_fill)
                )


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
    for i, column in enumerate(category_values(data)):
        up = down = 0.0
        for n, value in enumerate(column):
            if value is None:
                continue
            base = (up if value >= 0 else down) if data.stacked else 0.0
            if data.stacked:
                up, down = (up + value, down) if value >= 0 else (up, down + value)
            box = _bar_box(data, band, i, spans[n], scale.at(base), scale.at(base + value))
            picture.add(*bar_items(*box, data.series[n]))
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
    return describe_picture(read_description(chart_xml), width_pt, height_pt, fonts=fonts)


def describe_picture(
    chart: ChartDescription, width_pt: float, height_pt: float, *, fonts: Fonts = Fonts()
) -> Picture:
    """Return `chart` as a `Picture` of canvas operations, `width_pt` by `height_pt`."""
    data = chart_data(chart)
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
    chart: bytes | ChartDescription,
    x: float,
    y: float,
    width_pt: float,
    height_pt: float,
    *,
    fonts: Fonts = Fonts(),
) -> None:
    """Draw `chart` (a chart part's XML, or its description) on `canvas`, `width_pt` by
    `height_pt`, its corner at (x, y).

    The whole chart is laid out before anything is drawn, so a chart that cannot be read or
    laid out raises without touching the canvas.
    """
    description = read_description(chart) if isinstance(chart, bytes) else chart
    describe_picture(description, width_pt, height_pt, fonts=fonts).draw_on(canvas, x, y)
