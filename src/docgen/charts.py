"""Native, editable Word charts made from the report model's `Chart`.

`add_chart()` puts a DrawingML chart part (with cached values and an embedded workbook, so
Word's "Edit Data" works) into a python-docx document; `describe_chart()` writes alt text
from the data. python-pptx writes the chart XML; it is imported inside the functions so that
importing this module stays cheap.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.opc.part import Part

    from .model import Chart, Series

log = logging.getLogger(__name__)

CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
RT_PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
C_NS = CHART_URI
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"

# Colour-blind-safe palette (GOV.UK analysis function), dark to light so greyscale still works.
PALETTE = ("12436D", "F46A25", "28A197", "801650", "3D3D3D", "A285D1")
MARKERS = ("circle", "square", "triangle", "diamond", "x", "star")
DASHES = ("solid", "dash", "sysDot", "lgDashDot", "sysDash", "lgDashDotDot")
# Series after the first in column and bar charts are hatched as well as coloured.
PATTERNS = ("", "wdUpDiag", "smCheck", "wdDnDiag", "dkHorz", "dkVert")
FONT_PT = 9
TITLE_PT = 11
LABELLED_POINTS_MAX = 24  # above this, direct data labels on bars overlap at 16 cm
EMU_PER_CM = 360000
LAST_DOCPR_ATTR = "_docgen_last_docpr_id"

_TYPE_WORDS = {
    "line": "Line chart",
    "column": "Column chart",
    "bar": "Bar chart",
    "stacked column": "Stacked column chart",
}


# --- alt text ------------------------------------------------------------------------------


def format_number(value: float, number_format: str = "General") -> str:
    """Return `value` as text with thousands separators, honouring an Excel format's decimals.

    A format with "%" shows the value times 100 with a "%" sign; "General" shows up to two
    decimals with trailing zeros dropped. Only the parts of an Excel format that matter for
    chart labels and alt text are read.
    """
    section = number_format.split(";")[0]
    percent = "%" in section
    number = value * 100 if percent else value
    match = re.search(r"\.([0#]+)", section)
    if match:
        text = f"{number:,.{len(match.group(1))}f}"
    elif section.strip().lower() in ("general", "") or "0" not in section:
        text = f"{number:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{number:,.0f}"
    if text in ("-0", "-0.0", "-0.00"):
        text = text[1:]
    return text + ("%" if percent else "")


def _points(series: Series, categories: tuple[str, ...]) -> list[tuple[str, float]]:
    """Return (category, value) pairs of a series, skipping gaps."""
    return [(c, v) for c, v in zip(categories, series.values, strict=False) if v is not None]


def _series_range(series: Series, categories: tuple[str, ...]) -> str:
    """Return 'NAME LOW (CAT) to HIGH (CAT)' for one series; first occurrence wins ties."""
    points = _points(series, categories)
    low = min(points, key=lambda p: p[1])
    high = max(points, key=lambda p: p[1])
    fmt = series.number_format
    return (
        f"{series.name} {format_number(low[1], fmt)} ({low[0]}) "
        f"to {format_number(high[1], fmt)} ({high[0]})"
    )


def _highest(chart: Chart) -> str:
    """Return 'NAME was highest at VALUE in CAT' over every series."""
    best: tuple[Series, str, float] | None = None
    for series in chart.series:
        for category, value in _points(series, chart.categories):
            if best is None or value > best[2]:
                best = (series, category, value)
    assert best is not None
    series, category, value = best
    return (
        f"{series.name} was highest at {format_number(value, series.number_format)} in {category}"
    )


def _latest(series: Series, categories: tuple[str, ...]) -> str:
    """Return 'NAME VALUE (CAT)' for a series' last non-gap value."""
    category, value = _points(series, categories)[-1]
    return f"{series.name} {format_number(value, series.number_format)} ({category})"


def describe_chart(chart: Chart) -> str:
    """Return plain-English alt text for `chart`, generated from its data.

    It names the chart type and title, the categories from first to last, each series' range,
    the highest value overall and each series' latest value. The same chart always gives the
    same text.
    """
    kind = _TYPE_WORDS.get(chart.type, "Chart")
    title = chart.title.strip() or chart.name
    head = f"{kind}: {title}." if title else f"{kind}."
    series = [s for s in chart.series if _points(s, chart.categories)]
    if not series or not chart.categories:
        return f"{head} No data."
    count = f"{len(chart.series)} series" if len(chart.series) > 1 else "1 series"
    span = f"over {chart.categories[0]} to {chart.categories[-1]}"
    if len(chart.categories) == 1:
        span = f"for {chart.categories[0]}"
    ranges = "; ".join(_series_range(s, chart.categories) for s in series)
    latest = ", ".join(_latest(s, chart.categories) for s in series)
    filtered = dataclasses.replace(chart, series=tuple(series))
    return (
        f"{head} {count} {span}. Ranges: {ranges}. {_highest(filtered)}; latest values: {latest}."
    )


# --- chart XML -----------------------------------------------------------------------------


def _chart_data(chart: Chart) -> Any:
    """Return python-pptx `CategoryChartData` holding the chart's categories and series."""
    from pptx.chart.data import CategoryChartData

    first_format = chart.series[0].number_format if chart.series else "General"
    data = CategoryChartData(number_format=first_format)
    data.categories = list(chart.categories)
    for series in chart.series:
        data.add_series(series.name, series.values, number_format=series.number_format)
    return data


def _xl_chart_type(chart: Chart) -> Any:
    """Return python-pptx's `XL_CHART_TYPE` member for the model's chart type."""
    from pptx.enum.chart import XL_CHART_TYPE

    return {
        "line": XL_CHART_TYPE.LINE_MARKERS,
        "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
        "bar": XL_CHART_TYPE.BAR_CLUSTERED,
        "stacked column": XL_CHART_TYPE.COLUMN_STACKED,
    }[chart.type]


def _set_text(text_frame: Any, text: str, size_pt: float, bold: bool = False) -> None:
    """Put `text` in a python-pptx text frame in one run of the given size."""
    from pptx.util import Pt

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
    # The value axis crosses the reversed category axis at its last category: the bottom.
    value_axis._element.find(f"{{{C_NS}}}crosses").set("val", "max")


def _format_axes(pptx_chart: Any, chart: Chart) -> None:
    """Give the axes their titles, the value axis its number format, and gridlines."""
    from pptx.enum.chart import XL_TICK_LABEL_POSITION

    categories, values = pptx_chart.category_axis, pptx_chart.value_axis
    # Category labels stay at the edge of the plot, clear of bars below zero.
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
    """Give a line series its colour, dash style and marker shape."""
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_MARKER_STYLE
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.util import Pt

    colour = RGBColor.from_string(PALETTE[index % len(PALETTE)])
    line = series.format.line
    line.color.rgb = colour
    line.width = Pt(2)
    line.dash_style = MSO_LINE_DASH_STYLE.from_xml(DASHES[index % len(DASHES)])
    series.smooth = False
    series.marker.style = XL_MARKER_STYLE.from_xml(MARKERS[index % len(MARKERS)])
    series.marker.size = 7
    series.marker.format.fill.solid()
    series.marker.format.fill.fore_color.rgb = colour
    series.marker.format.line.color.rgb = colour


def _style_bar_series(series: Any, index: int) -> None:
    """Give a bar series its colour and, after the first, a hatch pattern and outline."""
    from pptx.dml.color import RGBColor
    from pptx.enum.dml import MSO_PATTERN
    from pptx.util import Pt

    colour = RGBColor.from_string(PALETTE[index % len(PALETTE)])
    fill = series.format.fill
    pattern = PATTERNS[index % len(PATTERNS)]
    if pattern:
        fill.patterned()
        fill.pattern = MSO_PATTERN.from_xml(pattern)
        fill.fore_color.rgb = colour
        fill.back_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    else:
        fill.solid()
        fill.fore_color.rgb = colour
    series.format.line.color.rgb = colour
    series.format.line.width = Pt(0.75)
    series.invert_if_negative = False


def _add_data_labels(plot: Any, chart: Chart) -> None:
    """Label each bar with its value when there are few enough bars to read them."""
    from pptx.enum.chart import XL_LABEL_POSITION
    from pptx.util import Pt

    points = len(chart.categories) * len(chart.series)
    if points > LABELLED_POINTS_MAX:
        return
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(FONT_PT - 1)
    labels.number_format = chart.series[0].number_format
    labels.number_format_is_linked = False
    _white_label_boxes(labels._element)
    stacked = chart.type == "stacked column"
    labels.position = XL_LABEL_POSITION.CENTER if stacked else XL_LABEL_POSITION.OUTSIDE_END


def _white_label_boxes(d_lbls: Any) -> None:
    """Give data labels a white box so they read on dark and hatched bars alike."""
    from lxml import etree

    sp_pr = etree.Element(f"{{{C_NS}}}spPr")
    fill = etree.SubElement(sp_pr, f"{{{A_NS}}}solidFill")
    etree.SubElement(fill, f"{{{A_NS}}}srgbClr", val="FFFFFF")
    d_lbls.numFmt.addnext(sp_pr)


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
    from pptx.chart.chart import Chart as PptxChart
    from pptx.enum.chart import XL_LEGEND_POSITION
    from pptx.util import Pt

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


def _chart_space(chart: Chart) -> Any:
    """Return the formatted `c:chartSpace` element for `chart`."""
    from lxml import etree
    from pptx.oxml import parse_xml

    chart_space = parse_xml(_chart_data(chart).xml_bytes(_xl_chart_type(chart)))
    _format_chart(chart_space, chart)
    rounded = etree.Element(f"{{{C_NS}}}roundedCorners", val="0")
    chart_space.date1904.addnext(rounded)
    return chart_space


def _link_workbook(chart_space: Any, r_id: str) -> None:
    """Point `c:externalData` at the embedded workbook, with automatic update off."""
    from lxml import etree

    external = chart_space.get_or_add_externalData()
    external.set(f"{{{R_NS}}}id", r_id)
    auto_update = external.find(f"{{{C_NS}}}autoUpdate")
    if auto_update is None:
        auto_update = etree.SubElement(external, f"{{{C_NS}}}autoUpdate")
    auto_update.set("val", "0")


# --- parts and drawing ---------------------------------------------------------------------


def _add_chart_part(document_part: Part, chart: Chart) -> str:
    """Add the chart part and its embedded workbook; return the document's rId for it.

    Each part is related before the next part name is asked for, since the package finds
    part names by walking relationships.
    """
    from docx.opc.part import Part as DocxPart
    from docx.opc.part import XmlPart

    package = document_part.package
    chart_space = _chart_space(chart)
    chart_part = XmlPart(
        package.next_partname("/word/charts/chart%d.xml"), CHART_CONTENT_TYPE, chart_space, package
    )
    r_id = document_part.relate_to(chart_part, RT_CHART)
    xlsx_part = DocxPart(
        package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
        XLSX_CONTENT_TYPE,
        _chart_data(chart).xlsx_blob,
        package,
    )
    _link_workbook(chart_space, chart_part.relate_to(xlsx_part, RT_PACKAGE))
    return r_id


def _docpr_ids(element: Any) -> Iterator[int]:
    """Yield the numeric wp:docPr ids under `element`."""
    for doc_pr in element.iter(f"{{{WP_NS}}}docPr"):
        value = doc_pr.get("id", "")
        if value.isdigit():
            yield int(value)


def _next_docpr_id(document: Any) -> int:
    """Return a wp:docPr id unused in the document part and in `document`'s own body.

    A docxtpl subdocument's body is not yet in the main part, so the last id given is also
    remembered on the part object.
    """
    part = document.part
    used = [*_docpr_ids(part.element), *_docpr_ids(document.element)]
    next_id = max([getattr(part, LAST_DOCPR_ATTR, 0), *used]) + 1
    setattr(part, LAST_DOCPR_ATTR, next_id)
    return next_id


def _sub(parent: Any, ns: str, tag: str, **attrs: str) -> Any:
    """Append and return a namespaced child element with string attributes."""
    from lxml import etree

    return etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)


def _inline(r_id: str, docpr_id: int, chart: Chart, size: tuple[int, int]) -> Any:
    """Return a `wp:inline` element showing the chart related as `r_id`."""
    from docx.oxml.ns import qn
    from lxml import etree

    inline = etree.Element(qn("wp:inline"), distT="0", distB="0", distL="0", distR="0")
    _sub(inline, WP_NS, "extent", cx=str(size[0]), cy=str(size[1]))
    _sub(inline, WP_NS, "effectExtent", l="0", t="0", r="0", b="0")
    doc_pr = _sub(inline, WP_NS, "docPr", id=str(docpr_id), name=f"Chart {docpr_id}")
    doc_pr.set("descr", chart.alt_text.strip() or describe_chart(chart))
    doc_pr.set("title", chart.title)
    _sub(inline, WP_NS, "cNvGraphicFramePr")
    graphic = etree.SubElement(inline, f"{{{A_NS}}}graphic", nsmap={"a": A_NS})
    data = _sub(graphic, A_NS, "graphicData", uri=CHART_URI)
    chart_ref = etree.SubElement(data, f"{{{C_NS}}}chart", nsmap={"c": C_NS, "r": R_NS})
    chart_ref.set(f"{{{R_NS}}}id", r_id)
    return inline


def add_chart(
    document: Any, chart: Chart, *, width_cm: float = 16.0, height_cm: float = 8.5
) -> None:
    """Append a paragraph holding `chart` as a native, editable Word chart.

    `document` is a python-docx `Document` or a docxtpl `Subdoc.subdocx`. The chart part
    holds cached values and an embedded workbook for Word's "Edit Data"; the drawing's alt
    text is `chart.alt_text`, or `describe_chart(chart)` when that is empty. Raises
    `ValueError` for a chart with no series or no categories.
    """
    from docx.oxml.ns import qn
    from lxml import etree

    if not chart.series or not chart.categories:
        raise ValueError(f"chart '{chart.name}' has no series or no categories to draw")
    r_id = _add_chart_part(document.part, chart)
    size = (round(width_cm * EMU_PER_CM), round(height_cm * EMU_PER_CM))
    run = document.add_paragraph().add_run()
    drawing = etree.SubElement(run._r, qn("w:drawing"))
    drawing.append(_inline(r_id, _next_docpr_id(document), chart, size))
    log.debug("added chart %r as %s", chart.name, r_id)
