"""Native, editable Word charts made from the report model's `Chart`.

`write_chart()` puts a DrawingML chart part (with cached values and an embedded workbook, so
Word's "Edit Data" works) into the document through the narrative's `Writer` (`add_chart()`
into any python-docx document); `describe_chart()` writes alt text from the data, and
`too_many_series()` the warning for a chart with more series than looks (`chart_style`).

The chart part's XML is written from the chart's description (`chart_description`, the same
one the PDF engine draws) by `chart_xml`. python-pptx is not used at run time: importing it
costs a tenth of a second of a cold command's start.
"""

from __future__ import annotations

import dataclasses
import io
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from lxml import etree

from .chart_description import describe
from .chart_style import DISTINCT_SERIES, format_number, series_style
from .chart_xml import C_TAG, SHEET, chart_space
from .ooxml.ns import A_NS, C_NS, R_NS, RT_CHART, RT_PACKAGE, WP_NS, qn
from .word_writer import writing

if TYPE_CHECKING:
    from docx.document import Document
    from docx.opc.part import Part

    from .chart_description import ChartDescription
    from .model import Chart, Series
    from .word_writer import Writer

# series_style stays reachable here: each series' look is part of what a Word chart is.
__all__ = ["CHART_CONTENT_TYPE", "add_chart", "describe_chart", "series_style",
           "too_many_series", "write_chart"]

log = logging.getLogger(__name__)

CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_URI = C_NS

EMU_PER_CM = 360000
LAST_DOCPR_ATTR = "_docgen_last_docpr_id"

_TYPE_WORDS = {
    "line": "Line chart",
    "column": "Column chart",
    "bar": "Bar chart",
    "stacked column": "Stacked column chart",
}


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


# --- chart part ---------------------------------------------------------------------------


def _chart_space(chart: Chart) -> etree._Element:
    """Return the `c:chartSpace` of the model's `chart` (see `chart_xml`), not yet linked to
    its workbook."""
    return chart_space(describe(chart))


def _link_workbook(space: etree._Element, r_id: str) -> None:
    """Point `c:externalData` at the embedded workbook, with automatic update off.

    A new `c:externalData` goes last, after `c:txPr`, as the schema orders them.
    """
    external = space.find(C_TAG + "externalData")
    if external is None:
        external = etree.SubElement(space, C_TAG + "externalData")
    external.set(qn("r:id"), r_id)
    auto_update = external.find(C_TAG + "autoUpdate")
    if auto_update is None:
        auto_update = etree.SubElement(external, C_TAG + "autoUpdate")
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


def _add_chart_part(document_part: Part, chart: Chart, description: ChartDescription) -> str:
    """Add the chart part (`description` written as XML by `chart_xml`) and its embedded
    workbook; return the document's rId for it.

    Each part is related before the next part name is asked for, since the package finds
    part names by walking relationships.
    """
    from docx.opc.part import Part as DocxPart
    from docx.opc.part import XmlPart

    package = document_part.package
    space = chart_space(description)
    chart_part = XmlPart(
        package.next_partname("/word/charts/chart%d.xml"), CHART_CONTENT_TYPE, space, package
    )
    r_id = document_part.relate_to(chart_part, RT_CHART)
    xlsx_part = DocxPart(
        package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
        XLSX_CONTENT_TYPE,
        _workbook_blob(chart),
        package,
    )
    _link_workbook(space, chart_part.relate_to(xlsx_part, RT_PACKAGE))
    return r_id


def _docpr_ids(element: Any) -> Iterator[int]:
    """Yield the numeric wp:docPr ids under `element`."""
    for doc_pr in element.iter(qn("wp:docPr")):
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
    chart_ref.set(qn("r:id"), r_id)
    return inline


def add_chart(
    document: Document, chart: Chart, *, width_cm: float = 16.0, height_cm: float = 8.5
) -> None:
    """Append a paragraph holding `chart` as a native, editable Word chart to `document` (a
    python-docx `Document`), before its final section properties; see `write_chart`."""
    with writing(document) as out:
        write_chart(out, chart, width_cm=width_cm, height_cm=height_cm)


def write_chart(
    out: Writer, chart: Chart, *, width_cm: float = 16.0, height_cm: float = 8.5
) -> None:
    """Append, through the narrative's writer, a paragraph holding `chart` as a native,
    editable Word chart.

    The chart part holds cached values and an embedded workbook for Word's "Edit Data"; the
    drawing's alt text is `chart.alt_text`, or `describe_chart(chart)` when that is empty.
    The chart's description goes to `out.charts` under the chart part's name.
    Raises `ValueError` for a chart with no series or no categories.
    """
    if not chart.series or not chart.categories:
        raise ValueError(f"chart '{chart.name}' has no series or no categories to draw")
    description = describe(chart)
    r_id = _add_chart_part(out.doc.part, chart, description)
    out.charts[str(out.doc.part.rels[r_id].target_part.partname)] = description
    size = (round(width_cm * EMU_PER_CM), round(height_cm * EMU_PER_CM))
    out.drawing(_inline(r_id, _next_docpr_id(out.doc), chart, size))
    log.debug("added chart %r as %s", chart.name, r_id)
