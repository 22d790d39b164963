"""The reference for docgen's chart XML: the chart as python-pptx writes it.

docgen writes DrawingML chart XML itself with lxml (python-pptx costs a tenth of a second of
start-up). This module is the code docgen used before, kept for the tests only: it builds
the same chart with python-pptx, the maintained library, so tests can check that docgen's
XML and embedded workbook are what python-pptx makes of the same `Chart`. Change it only
to follow a deliberate change to the charts docgen draws.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE, MSO_PATTERN
from pptx.oxml import parse_xml
from pptx.util import Pt

from docgen.chart_description import LABELLED_POINTS_MAX
from docgen.chart_style import series_style
from docgen.chart_xml import FONT_PT, HOLLOW_OUTLINE_PT, TITLE_PT
from docgen.model import Chart
from docgen.ooxml.ns import A_NS, C_NS, R_NS

WHITE = RGBColor(0xFF, 0xFF, 0xFF)
CHART_TYPES = {
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "stacked column": XL_CHART_TYPE.COLUMN_STACKED,
}


def chart_data(chart: Chart) -> CategoryChartData:
    """Return python-pptx `CategoryChartData` holding the chart's categories and series."""
    first_format = chart.series[0].number_format if chart.series else "General"
    data = CategoryChartData(number_format=first_format)
    data.categories = list(chart.categories)
    for series in chart.series:
        data.add_series(series.name, series.values, number_format=series.number_format)
    return data


def xlsx_blob(chart: Chart) -> bytes:
    """Return the embedded workbook python-pptx writes (through XlsxWriter) for `chart`."""
    return chart_data(chart).xlsx_blob


def _set_text(text_frame: Any, text: str, size_pt: float, bold: bool = False) -> None:
    """Put `text` in a python-pptx text frame in one run of the given size."""
    text_frame.text = text
    font = text_frame.paragraphs[0].runs[0].font
    font.size = Pt(size_pt)
    font.bold = bold


def _rotate_title(title: Any) -> None:
    """Turn an axis title on a vertical axis through 90 degrees, as Word writes it."""
    body = title.text_frame._txBody.find(f"{{{A_NS}}}bodyPr")
    body.set("rot", "-5400000")
    body.set("vert", "horz")


def _read_top_down(category_axis: Any, value_axis: Any) -> None:
    """Put a bar chart's first category at the top, keeping the value axis at the bottom."""
    category_axis.reverse_order = True
    value_axis._element.find(f"{{{C_NS}}}crosses").set("val", "max")


def _format_axes(pptx_chart: Any, chart: Chart) -> None:
    """Give the axes their titles, the value axis its number format, and gridlines."""
    categories, values = pptx_chart.category_axis, pptx_chart.value_axis
    categories.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    values.has_major_gridlines = True
    values.tick_labels.number_format = chart.series[0].number_format if chart.series else "General"
    values.tick_labels.number_format_is_linked = False
    for axis, text in ((categories, chart.x_title), (values, chart.y_title)):
        if text:
            _set_text(axis.axis_title.text_frame, text, FONT_PT, bold=True)
    if chart.type == "bar":
        _read_top_down(categories, values)
    vertical = values if chart.type != "bar" else categories
    if vertical.has_title:
        _rotate_title(vertical.axis_title)


def _style_line_series(series: Any, index: int) -> None:
    """Give a line series its colour, dash style and marker shape, filled or hollow."""
    style = series_style(index)
    colour = RGBColor.from_string(style.colour)
    line = series.format.line
    line.color.rgb = colour
    line.width = Pt(2)
    line.dash_style = MSO_LINE_DASH_STYLE.from_xml(style.dash)
    series.smooth = False
    series.marker.style = XL_MARKER_STYLE.from_xml(style.marker)
    series.marker.size = 7
    series.marker.format.fill.solid()
    series.marker.format.fill.fore_color.rgb = WHITE if style.hollow else colour
    if style.hollow:
        series.marker.format.line.width = Pt(HOLLOW_OUTLINE_PT)
    series.marker.format.line.color.rgb = colour


def _style_bar_series(series: Any, index: int) -> None:
    """Give a bar series its colour and, after the first, a hatch pattern and outline."""
    style = series_style(index)
    colour = RGBColor.from_string(style.colour)
    fill = series.format.fill
    if style.pattern:
        fill.patterned()
        fill.pattern = MSO_PATTERN.from_xml(style.pattern)
        fill.fore_color.rgb = colour
        fill.back_color.rgb = WHITE
    else:
        fill.solid()
        fill.fore_color.rgb = colour
    series.format.line.color.rgb = colour
    series.format.line.width = Pt(0.75)
    series.invert_if_negative = False


def _white_label_boxes(d_lbls: Any) -> None:
    """Give data labels a white box so they read on dark and hatched bars alike."""
    sp_pr = etree.Element(f"{{{C_NS}}}spPr")
    fill = etree.SubElement(sp_pr, f"{{{A_NS}}}solidFill")
    etree.SubElement(fill, f"{{{A_NS}}}srgbClr", val="FFFFFF")
    d_lbls.numFmt.addnext(sp_pr)


def _add_data_labels(plot: Any, chart: Chart) -> None:
    """Label each bar with its value when there are few enough bars to read them."""
    if len(chart.categories) * len(chart.series) > LABELLED_POINTS_MAX:
        return
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(FONT_PT - 1)
    labels.number_format = chart.series[0].number_format
    labels.number_format_is_linked = False
    _white_label_boxes(labels._element)
    stacked = chart.type == "stacked column"
    labels.position = XL_LABEL_POSITION.CENTER if stacked else XL_LABEL_POSITION.OUTSIDE_END


def _style_series(pptx_chart: Any, chart: Chart) -> None:
    """Make every series distinguishable by more than colour."""
    plot = pptx_chart.plots[0]
    for index, series in enumerate(plot.series):
        if chart.type == "line":
            _style_line_series(series, index)
        else:
            _style_bar_series(series, index)
    if chart.type != "line":
        plot.gap_width = 80
        _add_data_labels(plot, chart)


def _format_chart(chart_space: Any, chart: Chart) -> None:
    """Set title, legend, axes, series styles and a readable font through python-pptx."""
    pptx_chart = PptxChart(chart_space, None)
    pptx_chart.font.size = Pt(FONT_PT)
    pptx_chart.font.name = "Arial"
    if chart.title:
        pptx_chart.has_title = True
        _set_text(pptx_chart.chart_title.text_frame, chart.title, TITLE_PT, bold=True)
    else:
        pptx_chart.has_title = False
    pptx_chart.has_legend = True
    pptx_chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    pptx_chart.legend.include_in_layout = False
    _format_axes(pptx_chart, chart)
    _style_series(pptx_chart, chart)


def chart_space(chart: Chart) -> Any:
    """Return the formatted `c:chartSpace` element python-pptx makes for `chart`."""
    space = parse_xml(chart_data(chart).xml_bytes(CHART_TYPES[chart.type]))
    _format_chart(space, chart)
    space.date1904.addnext(etree.Element(f"{{{C_NS}}}roundedCorners", val="0"))
    return space


def link_workbook(space: Any, r_id: str) -> None:
    """Point `c:externalData` at the embedded workbook, with automatic update off."""
    external = space.get_or_add_externalData()
    external.set(f"{{{R_NS}}}id", r_id)
    auto_update = external.find(f"{{{C_NS}}}autoUpdate")
    if auto_update is None:
        auto_update = etree.SubElement(external, f"{{{C_NS}}}autoUpdate")
    auto_update.set("val", "0")
