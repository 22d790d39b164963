"""Native, editable Word charts made from the report model's `Chart`.

`add_chart()` puts a DrawingML chart part (with cached values and an embedded workbook, so
Word's "Edit Data" works) into a python-docx document; `describe_chart()` writes alt text
from the data. `series_style()` gives each series its look (the PDF engine draws the same),
and `too_many_series()` the warning for a chart with more series than looks.

The chart XML is built with lxml, element by element from the DrawingML schema. It is the XML
python-pptx writes for the same chart (tests/pptx_chart_oracle.py keeps python-pptx as the
reference), which is why line and bar charts differ in a few optional elements. python-pptx
is not used at run time: importing it costs a tenth of a second of a cold command's start.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from lxml import etree

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


# --- series styles -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SeriesStyle:
    """How one series looks: its colour, and what tells it apart without colour.

    A line series has a dash and a marker (filled, or `hollow`: white inside, outlined in the
    colour); a bar series has a hatch `pattern` ("" for a solid fill). Colours are RGB hex,
    the rest DrawingML preset names.
    """

    colour: str
    dash: str
    marker: str
    hollow: bool
    pattern: str


# One style per series index, written into the Word chart and drawn by the PDF engine alike.
# Colours: the GOV.UK analysis function's six, then six more; each has at least 3:1 contrast
# against white (WCAG 1.4.11, non-text contrast) and no two are closer than 17 CIEDE2000.
# Markers: no two alike (five shapes filled, then hollow, plus "x" and "plus"), so the marker
# alone names the series. Dashes: Word offers eight; series sharing one differ in marker shape
# too, so a viewer that fills every marker (LibreOffice does) still tells all twelve apart.
# Patterns: solid, then eleven hatches no two alike in direction, density or dashing.
SERIES_STYLES = (
    SeriesStyle("12436D", "solid", "circle", False, ""),
    SeriesStyle("F46A25", "dash", "square", False, "wdUpDiag"),
    SeriesStyle("28A197", "sysDot", "triangle", False, "smCheck"),
    SeriesStyle("801650", "lgDashDot", "diamond", False, "wdDnDiag"),
    SeriesStyle("3D3D3D", "sysDash", "x", False, "dkHorz"),
    SeriesStyle("A285D1", "lgDashDotDot", "star", False, "dkVert"),
    SeriesStyle("C0392B", "lgDash", "triangle", True, "diagCross"),
    SeriesStyle("3B7D23", "dashDot", "diamond", True, "lgGrid"),
    SeriesStyle("1F78B4", "dash", "circle", True, "dashUpDiag"),
    SeriesStyle("8F5B00", "solid", "square", True, "dashHorz"),
    SeriesStyle("CC3399", "sysDash", "star", True, "dashDnDiag"),
    SeriesStyle("6A3D9A", "sysDot", "plus", False, "dashVert"),
)
DISTINCT_SERIES = len(SERIES_STYLES)
WHITE = "FFFFFF"


def series_style(index: int) -> SeriesStyle:
    """Return the style of series `index` (from 0); past the last style they start again."""
    return SERIES_STYLES[index % DISTINCT_SERIES]


def too_many_series(chart: Chart) -> str | None:
    """Return a warning when `chart` has more series than can be told apart without colour."""
    count = len(chart.series)
    if count <= DISTINCT_SERIES:
        return None
    return (
        f"chart '{chart.name}' has {count} series; only {DISTINCT_SERIES} can be told apart "
        "without colour (leave some out in the Leave out column, or split the chart)"
    )


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


# --- chart XML ----------------------------------------------------------------------------

# Clark-notation prefixes of lxml tag names.
C_TAG = f"{{{C_NS}}}"
A_TAG = f"{{{A_NS}}}"
NSMAP = {"c": C_NS, "a": A_NS, "r": R_NS}
SHEET = "Sheet1"
EMU_PER_PT = 12700
LINE_PT = 2.0
OUTLINE_PT = 0.75
HOLLOW_OUTLINE_PT = 1.5
MARKER_SIZE = 7
GAP_WIDTH = 80


@dataclasses.dataclass(frozen=True)
class _Layout:
    """How one model chart type is written: its plot element, bar direction and axes."""

    plot: str
    bar_dir: str = ""
    grouping: str = "clustered"
    # Any pair of ids would do; python-pptx's keep the XML the same as it has always been.
    ax_ids: tuple[str, str] = ("-2068027336", "-2113994440")


_LAYOUTS = {
    "line": _Layout("lineChart", grouping="standard", ax_ids=("2118791784", "2140495176")),
    "column": _Layout("barChart", bar_dir="col"),
    "bar": _Layout("barChart", bar_dir="bar"),
    "stacked column": _Layout("barChart", bar_dir="col", grouping="stacked"),
}


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


def _hundredths(points: float) -> str:
    """Return a font size in points as DrawingML's hundredths of a point."""
    return str(round(points * 100))


def _first_format(chart: Chart) -> str:
    """Return the number format of the chart's first series, used for its axis and labels."""
    return chart.series[0].number_format if chart.series else "General"


# The embedded sheet's layout: categories down column A from row 2, each series' name in
# row 1 and its values below it, one column per series from B. The c:f references point here.


def _cell(row: int, column: int) -> str:
    """Return the absolute reference of a cell of the embedded sheet (0-based), e.g. $B$1."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    return xl_rowcol_to_cell(row, column, row_abs=True, col_abs=True)


def _categories_ref(chart: Chart) -> str:
    """Return the sheet range of the category labels (a range even for one category)."""
    return f"{SHEET}!{_cell(1, 0)}:{_cell(len(chart.categories), 0)}"


def _name_ref(index: int) -> str:
    """Return the sheet cell holding the name of series `index`."""
    return f"{SHEET}!{_cell(0, index + 1)}"


def _values_ref(series: Series, index: int) -> str:
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


def _num_ref(parent: etree._Element, ref: str, series: Series) -> None:
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


def _line_series_look(ser: etree._Element, style: SeriesStyle) -> None:
    """Give a line series its colour, width and dash style, then its marker."""
    line = _a(_c(ser, "spPr"), "ln", w=_emu(LINE_PT))
    _solid_fill(line, style.colour)
    _a(line, "prstDash", val=style.dash)
    marker = _c(ser, "marker")
    _c(marker, "symbol", style.marker)
    _c(marker, "size", str(MARKER_SIZE))
    shape = _c(marker, "spPr")
    _solid_fill(shape, WHITE if style.hollow else style.colour)
    # A hollow marker's outline is all there is of it, so it is drawn thicker.
    outline = _a(shape, "ln", w=_emu(HOLLOW_OUTLINE_PT)) if style.hollow else _a(shape, "ln")
    _solid_fill(outline, style.colour)


def _bar_series_look(ser: etree._Element, style: SeriesStyle) -> None:
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


def _add_series(plot: etree._Element, chart: Chart, index: int) -> None:
    """Append series `index`: name, look, cached categories and values."""
    series = chart.series[index]
    ser = _c(plot, "ser")
    _c(ser, "idx", str(index))
    _c(ser, "order", str(index))
    _str_ref(_c(ser, "tx"), _name_ref(index), [series.name])
    if chart.type == "line":
        _line_series_look(ser, series_style(index))
    else:
        _bar_series_look(ser, series_style(index))
    _str_ref(_c(ser, "cat"), _categories_ref(chart), [str(c) for c in chart.categories])
    _num_ref(_c(ser, "val"), _values_ref(series, index), series)
    if chart.type == "line":
        _c(ser, "smooth", "0")


def _add_data_labels(plot: etree._Element, chart: Chart) -> None:
    """Label each bar with its value in a white box, when there are few enough to read."""
    if len(chart.categories) * len(chart.series) > LABELLED_POINTS_MAX:
        return
    labels = _c(plot, "dLbls")
    _c(labels, "numFmt", formatCode=_first_format(chart), sourceLinked="0")
    # The white box keeps labels readable on dark and hatched bars alike.
    _solid_fill(_c(labels, "spPr"), "FFFFFF")
    _text_properties(labels, FONT_PT - 1)
    _c(labels, "dLblPos", "ctr" if chart.type == "stacked column" else "outEnd")
    for part in ("LegendKey", "Val", "CatName", "SerName", "Percent", "BubbleSize", "LeaderLines"):
        _c(labels, f"show{part}", "1" if part in ("Val", "LeaderLines") else "0")


def _add_plot(plot_area: etree._Element, chart: Chart) -> None:
    """Append the line or bar chart element with every series, in the schema's order."""
    layout = _LAYOUTS[chart.type]
    plot = _c(plot_area, layout.plot)
    if layout.bar_dir:
        _c(plot, "barDir", layout.bar_dir)
    _c(plot, "grouping", layout.grouping)
    if chart.type == "line":
        _c(plot, "varyColors", "0")
    for index in range(len(chart.series)):
        _add_series(plot, chart, index)
    if chart.type == "line":
        _c(plot, "marker", "1")
        _c(plot, "smooth", "0")
    else:
        _add_data_labels(plot, chart)
        _c(plot, "gapWidth", str(GAP_WIDTH))
    if chart.type == "stacked column":
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


def _add_category_axis(plot_area: etree._Element, chart: Chart) -> None:
    """Append the category axis; a bar chart's reads top down, from its first category."""
    layout, bar = _LAYOUTS[chart.type], chart.type == "bar"
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


def _add_value_axis(plot_area: etree._Element, chart: Chart) -> None:
    """Append the value axis with gridlines and the first series' number format."""
    layout, bar = _LAYOUTS[chart.type], chart.type == "bar"
    axis = _c(plot_area, "valAx")
    _c(axis, "axId", layout.ax_ids[1])
    _c(axis, "scaling")
    _c(axis, "delete", "0")
    _c(axis, "axPos", "b" if bar else "l")
    _c(axis, "majorGridlines")
    if chart.y_title:
        _add_title(axis, chart.y_title, FONT_PT, rotated=not bar)
    _c(axis, "numFmt", formatCode=_first_format(chart), sourceLinked="0")
    _c(axis, "majorTickMark", "out")
    _c(axis, "minorTickMark", "none")
    _c(axis, "tickLblPos", "nextTo")
    _c(axis, "crossAx", layout.ax_ids[0])
    # Crossing a reversed category axis at its last category keeps this axis at the bottom.
    _c(axis, "crosses", "max" if bar else "autoZero")


def _add_legend(parent: etree._Element, chart: Chart) -> None:
    """Append the legend, at the bottom and outside the plot."""
    legend = _c(parent, "legend")
    _c(legend, "legendPos", "b")
    if chart.type == "line":
        _c(legend, "layout")
    _c(legend, "overlay", "0")


def _add_chart_element(chart_space: etree._Element, chart: Chart) -> None:
    """Append `c:chart`: title, plot area with axes, legend and how gaps are shown."""
    line = chart.type == "line"
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


def _chart_space(chart: Chart) -> etree._Element:
    """Return the `c:chartSpace` element for `chart`, without its link to a workbook.

    The chart is drawn in Arial at a readable size, with square corners; up to
    `DISTINCT_SERIES` series can be told apart by more than colour (dashes and markers on
    lines, hatching on bars).
    """
    chart_space = etree.Element(C_TAG + "chartSpace", nsmap=NSMAP)
    _c(chart_space, "date1904", "0")
    _c(chart_space, "roundedCorners", "0")
    _add_chart_element(chart_space, chart)
    _text_properties(chart_space, FONT_PT, typeface="Arial")
    return chart_space


def _link_workbook(chart_space: etree._Element, r_id: str) -> None:
    """Point `c:externalData` at the embedded workbook, with automatic update off.

    A new `c:externalData` goes last, after `c:txPr`, as the schema orders them.
    """
    external = chart_space.find(C_TAG + "externalData")
    if external is None:
        external = _c(chart_space, "externalData")
    external.set(f"{{{R_NS}}}id", r_id)
    auto_update = external.find(C_TAG + "autoUpdate")
    if auto_update is None:
        auto_update = _c(external, "autoUpdate")
    auto_update.set("val", "0")


# --- embedded workbook ---------------------------------------------------------------------


def _workbook_blob(chart: Chart) -> bytes:
    """Return an .xlsx holding the chart's data in the layout the `c:f` references name.

    XlsxWriter writes it: about 1 ms a chart, where openpyxl takes about 3.5 ms (its new
    workbook sets up styles and a theme), which was a third of rendering a report with eight
    charts. Text is always written as text, never turned into a formula, number or link.
    """
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_numbers": False, "strings_to_urls": False})
    sheet = book.add_worksheet(SHEET)
    sheet.set_column(0, 0, 10)  # 10 characters wide, as Excel shows it
    for row, category in enumerate(chart.categories, start=1):
        sheet.write_string(row, 0, str(category))
    formats: dict[str, Any] = {}
    for column, series in enumerate(chart.series, start=1):
        sheet.write_string(0, column, series.name)
        number_format = formats.get(series.number_format) or formats.setdefault(
            series.number_format, book.add_format({"num_format": series.number_format}))
        for row, value in enumerate(series.values, start=1):
            # Gaps get the format too, so a value typed in through Edit Data shows like its series'.
            if value is None:
                sheet.write_blank(row, column, None, number_format)
            else:
                sheet.write_number(row, column, value, number_format)
    book.close()
    return out.getvalue()


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
        _workbook_blob(chart),
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
    return etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)


def _inline(r_id: str, docpr_id: int, chart: Chart, size: tuple[int, int]) -> Any:
    """Return a `wp:inline` element showing the chart related as `r_id`."""
    from docx.oxml.ns import qn

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

    if not chart.series or not chart.categories:
        raise ValueError(f"chart '{chart.name}' has no series or no categories to draw")
    r_id = _add_chart_part(document.part, chart)
    size = (round(width_cm * EMU_PER_CM), round(height_cm * EMU_PER_CM))
    run = document.add_paragraph().add_run()
    drawing = etree.SubElement(run._r, qn("w:drawing"))
    drawing.append(_inline(r_id, _next_docpr_id(document), chart, size))
    log.debug("added chart %r as %s", chart.name, r_id)
