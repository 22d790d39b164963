"""The chart XML (DrawingML `c:chartSpace`) of a chart description, for a Word chart part.

It is built with lxml, element by element from the DrawingML schema: the XML python-pptx
writes for the same chart (tests/support/pptx_chart_oracle.py keeps python-pptx as the reference),
which is why line and bar charts differ in a few optional elements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from .chart_style import (
    FONT_PT,
    HOLLOW_OUTLINE_PT,
    LINE_PT,
    MARKER_SIZE,
    OUTLINE_PT,
    TITLE_PT,
    WHITE,
)
from .ooxml.ns import A_NS, C_NS, R_NS

if TYPE_CHECKING:
    from .chart_description import ChartDescription, SeriesDescription

# Clark-notation prefixes of lxml tag names.
C_TAG = f"{{{C_NS}}}"
A_TAG = f"{{{A_NS}}}"
NSMAP = {"c": C_NS, "a": A_NS, "r": R_NS}
SHEET = "Sheet1"
EMU_PER_PT = 12700


@dataclass(frozen=True)
class _Layout:
    """How a chart type is written: its plot element, bar direction, grouping and axis ids."""

    plot: str
    bar_dir: str = ""
    grouping: str = "clustered"
    # Any pair of ids would do; python-pptx's keep the XML the same as it has always been.
    ax_ids: tuple[str, str] = ("-2068027336", "-2113994440")


_LINE = _Layout("lineChart", grouping="standard", ax_ids=("2118791784", "2140495176"))


def _layout(chart: ChartDescription) -> _Layout:
    """The layout of a line chart, or of bars across (`horizontal`) or up, side by side or
    stacked."""
    if chart.kind == "line":
        return _LINE
    return _Layout("barChart", bar_dir="bar" if chart.horizontal else "col",
                   grouping="stacked" if chart.stacked else "clustered")


def _c(parent: etree._Element, tag: str, val: str | None = None, **attrs: str) -> etree._Element:
    """Append and return a `c:` element, with a `val` attribute when one is given."""
    if val is not None:
        attrs["val"] = val
    return etree.SubElement(parent, C_TAG + tag, attrs)


def _a(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """Append and return an `a:` (DrawingML main) element with string attributes."""
    return etree.SubElement(parent, A_TAG + tag, attrs)


def _text(parent: etree._Element, ns: str, tag: str, text: str) -> etree._Element:
    """Append and return an element holding `text` as data (left empty for "")."""
    element = etree.SubElement(parent, ns + tag)
    if text:
        element.text = text
    return element


def _emu(points: float) -> str:
    """Return a length in points as whole EMUs, the unit of DrawingML line widths."""
    return str(int(points * EMU_PER_PT))


def _percent(value: float) -> str:
    """Return a percentage as the whole number DrawingML's gap width takes."""
    return str(round(value))


def _hundredths(points: float) -> str:
    """Return a font size in points as DrawingML's hundredths of a point."""
    return str(round(points * 100))


# The embedded sheet's layout: categories down column A from row 2, each series' name in
# row 1 and its values below it, one column per series from B. The c:f references point here.


def _cell(row: int, column: int) -> str:
    """Return the absolute reference of a cell of the embedded sheet (0-based), e.g. $B$1."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    return xl_rowcol_to_cell(row, column, row_abs=True, col_abs=True)


def _categories_ref(chart: ChartDescription) -> str:
    """Return the sheet range of the category labels (a range even for one category)."""
    return f"{SHEET}!{_cell(1, 0)}:{_cell(len(chart.categories), 0)}"


def _name_ref(index: int) -> str:
    """Return the sheet cell holding the name of series `index`."""
    return f"{SHEET}!{_cell(0, index + 1)}"


def _values_ref(series: SeriesDescription, index: int) -> str:
    """Return the sheet range of series `index`'s values (a range even for one value)."""
    return f"{SHEET}!{_cell(1, index + 1)}:{_cell(len(series.values), index + 1)}"


def _str_ref(parent: etree._Element, ref: str, labels: list[str]) -> None:
    """Append a `c:strRef`: a sheet reference and its cached text labels."""
    str_ref = _c(parent, "strRef")
    _text(str_ref, C_TAG, "f", ref)
    cache = _c(str_ref, "strCache")
    _c(cache, "ptCount", str(len(labels)))
    for index, label in enumerate(labels):
        _text(_c(cache, "pt", idx=str(index)), C_TAG, "v", label)


def _num_ref(parent: etree._Element, ref: str, series: SeriesDescription) -> None:
    """Append a `c:numRef`: a sheet reference, the number format and cached values (no gaps)."""
    num_ref = _c(parent, "numRef")
    _text(num_ref, C_TAG, "f", ref)
    cache = _c(num_ref, "numCache")
    _text(cache, C_TAG, "formatCode", series.number_format)
    _c(cache, "ptCount", str(len(series.values)))
    for index, value in enumerate(series.values):
        if value is not None:
            _text(_c(cache, "pt", idx=str(index)), C_TAG, "v", str(value))


def _solid_fill(parent: etree._Element, colour: str) -> None:
    """Append an `a:solidFill` of an RGB colour."""
    _a(_a(parent, "solidFill"), "srgbClr", val=colour)


def _line_series_look(ser: etree._Element, style: SeriesDescription) -> None:
    """Give a line series its colour, width and dash style, then its marker."""
    line = _a(_c(ser, "spPr"), "ln", w=_emu(LINE_PT))
    _solid_fill(line, style.colour)
    _a(line, "prstDash", val=style.dash)
    marker = _c(ser, "marker")
    _c(marker, "symbol", style.marker)
    _c(marker, "size", str(MARKER_SIZE))
    shape = _c(marker, "spPr")
    _solid_fill(shape, style.marker_fill or style.colour)
    # A hollow marker's outline is all there is of it, so it is drawn thicker.
    outline = _a(shape, "ln", w=_emu(HOLLOW_OUTLINE_PT)) if style.hollow else _a(shape, "ln")
    _solid_fill(outline, style.colour)


def _bar_series_look(ser: etree._Element, style: SeriesDescription) -> None:
    """Give a bar series its colour, its hatch pattern if it has one, and an outline."""
    shape = _c(ser, "spPr")
    if style.pattern:
        fill = _a(shape, "pattFill", prst=style.pattern)
        _a(_a(fill, "fgClr"), "srgbClr", val=style.colour)
        _a(_a(fill, "bgClr"), "srgbClr", val=WHITE)
    else:
        _solid_fill(shape, style.colour)
    _solid_fill(_a(shape, "ln", w=_emu(OUTLINE_PT)), style.colour)
    _c(ser, "invertIfNegative", "0")


def _add_series(plot: etree._Element, chart: ChartDescription, index: int) -> None:
    """Append series `index`: name, look, cached categories and values."""
    series = chart.series[index]
    ser = _c(plot, "ser")
    _c(ser, "idx", str(index))
    _c(ser, "order", str(index))
    _str_ref(_c(ser, "tx"), _name_ref(index), [series.name])
    if chart.kind == "line":
        _line_series_look(ser, series)
    else:
        _bar_series_look(ser, series)
    _str_ref(_c(ser, "cat"), _categories_ref(chart), list(chart.categories))
    _num_ref(_c(ser, "val"), _values_ref(series, index), series)
    if chart.kind == "line":
        _c(ser, "smooth", "0")


def _add_data_labels(plot: etree._Element, chart: ChartDescription) -> None:
    """Label each bar with its value in a white box, when there are few enough to read."""
    if not chart.data_labels:
        return
    labels = _c(plot, "dLbls")
    _c(labels, "numFmt", formatCode=chart.number_format, sourceLinked="0")
    # The white box keeps labels readable on dark and hatched bars alike.
    _solid_fill(_c(labels, "spPr"), "FFFFFF")
    _text_properties(labels, FONT_PT - 1)
    _c(labels, "dLblPos", "ctr" if chart.stacked else "outEnd")
    for part in ("LegendKey", "Val", "CatName", "SerName", "Percent", "BubbleSize", "LeaderLines"):
        _c(labels, f"show{part}", "1" if part in ("Val", "LeaderLines") else "0")


def _add_plot(plot_area: etree._Element, chart: ChartDescription) -> None:
    """Append the line or bar chart element with every series, in the schema's order."""
    layout = _layout(chart)
    plot = _c(plot_area, layout.plot)
    if layout.bar_dir:
        _c(plot, "barDir", layout.bar_dir)
    _c(plot, "grouping", layout.grouping)
    if chart.kind == "line":
        _c(plot, "varyColors", "0")
    for index in range(len(chart.series)):
        _add_series(plot, chart, index)
    if chart.kind == "line":
        _c(plot, "marker", "1")
        _c(plot, "smooth", "0")
    else:
        _add_data_labels(plot, chart)
        _c(plot, "gapWidth", _percent(chart.gap_width))
    if chart.stacked:
        _c(plot, "overlap", "100")
    for ax_id in layout.ax_ids:
        _c(plot, "axId", ax_id)


def _text_properties(parent: etree._Element, size_pt: float, typeface: str = "") -> None:
    """Append a `c:txPr` setting the default font size and, when one is given, typeface."""
    tx_pr = _c(parent, "txPr")
    _a(tx_pr, "bodyPr")
    _a(tx_pr, "lstStyle")
    paragraph = _a(tx_pr, "p")
    default = _a(_a(paragraph, "pPr"), "defRPr", sz=_hundredths(size_pt))
    if typeface:
        _a(default, "latin", typeface=typeface)
        _a(paragraph, "endParaRPr", lang="en-US")


def _add_title(parent: etree._Element, text: str, size_pt: float, rotated: bool = False) -> None:
    """Append a `c:title` holding `text` in bold, turned 90 degrees on a vertical axis.

    Each line of `text` becomes a paragraph of its own.
    """
    title = _c(parent, "title")
    rich = _c(_c(title, "tx"), "rich")
    # Word writes a vertical axis title turned a quarter turn anticlockwise, letters upright.
    _a(rich, "bodyPr", **({"rot": "-5400000", "vert": "horz"} if rotated else {}))
    _a(rich, "lstStyle")
    for line in re.split(r"\r\n|\r|\n", text):
        run = _a(_a(rich, "p"), "r")
        _a(run, "rPr", sz=_hundredths(size_pt), b="1")
        _text(run, A_TAG, "t", line)
    _c(title, "layout")
    _c(title, "overlay", "0")


def _add_category_axis(plot_area: etree._Element, chart: ChartDescription) -> None:
    """Append the category axis; a bar chart's reads top down, from its first category."""
    layout, bar = _layout(chart), chart.horizontal
    axis = _c(plot_area, "catAx")
    _c(axis, "axId", layout.ax_ids[0])
    _c(_c(axis, "scaling"), "orientation", "maxMin" if bar else "minMax")
    _c(axis, "delete", "0")
    _c(axis, "axPos", "l" if bar else "b")
    if chart.x_title:
        _add_title(axis, chart.x_title, FONT_PT, rotated=bar)
    _c(axis, "majorTickMark", "out")
    _c(axis, "minorTickMark", "none")
    # Category labels stay at the edge of the plot, clear of bars below zero.
    _c(axis, "tickLblPos", "low")
    _c(axis, "crossAx", layout.ax_ids[1])
    _c(axis, "crosses", "autoZero")
    _c(axis, "auto", "1")
    _c(axis, "lblAlgn", "ctr")
    _c(axis, "lblOffset", "100")
    _c(axis, "noMultiLvlLbl", "0")


def _add_value_axis(plot_area: etree._Element, chart: ChartDescription) -> None:
    """Append the value axis with gridlines and the first series' number format."""
    layout, bar = _layout(chart), chart.horizontal
    axis = _c(plot_area, "valAx")
    _c(axis, "axId", layout.ax_ids[1])
    _c(axis, "scaling")
    _c(axis, "delete", "0")
    _c(axis, "axPos", "b" if bar else "l")
    _c(axis, "majorGridlines")
    if chart.y_title:
        _add_title(axis, chart.y_title, FONT_PT, rotated=not bar)
    _c(axis, "numFmt", formatCode=chart.number_format, sourceLinked="0")
    _c(axis, "majorTickMark", "out")
    _c(axis, "minorTickMark", "none")
    _c(axis, "tickLblPos", "nextTo")
    _c(axis, "crossAx", layout.ax_ids[0])
    # Crossing a reversed category axis at its last category keeps this axis at the bottom.
    _c(axis, "crosses", "max" if bar else "autoZero")


def _add_legend(parent: etree._Element, chart: ChartDescription) -> None:
    """Append the legend, at the bottom and outside the plot."""
    legend = _c(parent, "legend")
    _c(legend, "legendPos", "b")
    if chart.kind == "line":
        _c(legend, "layout")
    _c(legend, "overlay", "0")


def _add_chart_element(chart_space: etree._Element, chart: ChartDescription) -> None:
    """Append `c:chart`: title, plot area with axes, legend and how gaps are shown."""
    line = chart.kind == "line"
    element = _c(chart_space, "chart")
    if chart.title:
        _add_title(element, chart.title, TITLE_PT)
    _c(element, "autoTitleDeleted", "0" if chart.title else "1")
    plot_area = _c(element, "plotArea")
    _add_plot(plot_area, chart)
    _add_category_axis(plot_area, chart)
    _add_value_axis(plot_area, chart)
    _add_legend(element, chart)
    if line:
        _c(element, "plotVisOnly", "1")
    _c(element, "dispBlanksAs", "gap")
    if line:
        _c(element, "showDLblsOverMax", "0")


def chart_space(chart: ChartDescription) -> etree._Element:
    """Return the `c:chartSpace` element for `chart`, without its link to a workbook.

    The chart is drawn in Arial at a readable size, with square corners; up to
    `chart_style.DISTINCT_SERIES` series can be told apart by more than colour (dashes and
    markers on lines, hatching on bars).
    """
    space = etree.Element(C_TAG + "chartSpace", nsmap=NSMAP)
    _c(space, "date1904", "0")
    _c(space, "roundedCorners", "0")
    _add_chart_element(space, chart)
    _text_properties(space, FONT_PT, typeface="Arial")
    return space
