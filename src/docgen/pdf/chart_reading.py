"""Read a Word chart part (DrawingML chart XML) into a `ChartDescription`.

Only the chart XML and its cached values are read (never the report model), so any .docx's
charts can be drawn: the first plot of the plot area, its series with their looks, and the
title, axis titles, legend and data labels. A series whose XML gives no colour or marker
takes those of docgen's `series_style()` for its index.
"""

from __future__ import annotations

import logging
import math

from lxml import etree

from ..chart_description import ChartDescription, SeriesDescription
from ..chart_style import series_style
from ..ooxml.ns import A_NS, C_NS

NS = {"c": C_NS, "a": A_NS}
MAX_POINTS = 32_000
"""The most points read from a series or its categories (Excel's own limit for a series), so a
stranger's chart part cannot declare a billion."""
MAX_SERIES = 255
"""The most series read from a plot (Excel's own limit)."""

log = logging.getLogger(__name__)


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
    points: dict[int, str] = {}
    for pt in holder.xpath(".//c:pt", namespaces=NS):
        index = _whole(pt.get("idx", "0"))
        if 0 <= index < MAX_POINTS:
            points[index] = "".join(pt.xpath("c:v/text()", namespaces=NS))
    count = max(_whole(_val(holder, ".//c:ptCount", "0")), max(points, default=-1) + 1)
    if count > MAX_POINTS:
        log.warning("a chart series declares %d points; the first %d are drawn", count,
                    MAX_POINTS)
    return [points.get(i) for i in range(min(count, MAX_POINTS))]


def _whole(text: str) -> int:
    """Return a count or index written in the XML, -1 when it is not a whole number."""
    try:
        return int(text or 0)
    except ValueError:
        return -1


def _number(text: str | None) -> float | None:
    """Return a cached value as a float, None for a gap or a value that is not finite."""
    try:
        value = float(text) if text not in (None, "") else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


def _rgb(element: etree._Element | None, path: str) -> str:
    """Return the `a:srgbClr` colour (RGB hex) at `path` under `element`, or "" if there is
    none or it is not one."""
    found = _first(element, path)
    value = found.get("val", "") if found is not None else ""
    if len(value) != 6:
        return ""
    try:
        int(value, 16)
    except ValueError:
        return ""
    return value


def _colour(sp_pr: etree._Element | None, index: int) -> str:
    """Return a series' colour (RGB hex) from its c:spPr, or docgen's colour for its index."""
    for path in (
        "a:ln/a:solidFill/a:srgbClr",
        "a:solidFill/a:srgbClr",
        "a:pattFill/a:fgClr/a:srgbClr",
    ):
        colour = _rgb(sp_pr, path)
        if colour:
            return colour
    return series_style(index).colour


def _series(ser: etree._Element, index: int, kind: str, markers_on: bool) -> SeriesDescription:
    """Read one c:ser: name, values, colour, dash, marker and its fill, pattern and number
    format."""
    sp_pr = _first(ser, "c:spPr")
    marker = _val(ser, "c:marker/c:symbol")
    if kind == "line" and not marker:
        marker = series_style(index).marker if markers_on else "none"
    cached_format = _first(ser, "c:val//c:formatCode")
    return SeriesDescription(
        name=_text(_first(ser, "c:tx")) or f"Series {index + 1}",
        values=tuple(_number(v) for v in _cache(_first(ser, "c:val"))),
        colour=_colour(sp_pr, index),
        dash=_val(sp_pr, "a:ln/a:prstDash", "solid"),
        marker=marker or "none",
        marker_fill=_rgb(ser, "c:marker/c:spPr/a:solidFill/a:srgbClr"),
        pattern=_attr(sp_pr, "a:pattFill", "prst"),
        number_format=(cached_format.text if cached_format is not None else "") or "General",
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


def read_description(chart_xml: bytes) -> ChartDescription:
    """Return what `chart_xml` (a chart part) says about its first plot."""
    root = _parse(chart_xml)
    kind, plot = _plot(root)
    title = _text(_first(root, "c:chart/c:title"))
    if plot is None:
        return ChartDescription(kind=kind, title=title)
    sers = plot.xpath("c:ser", namespaces=NS)
    if len(sers) > MAX_SERIES:
        log.warning("a chart has %d series; the first %d are drawn", len(sers), MAX_SERIES)
        sers = sers[:MAX_SERIES]
    markers_on = _val(plot, "c:marker", "1") in ("1", "true")
    series = tuple(_series(s, i, kind, markers_on) for i, s in enumerate(sers))
    categories = [c or "" for c in (_cache(_first(sers[0], "c:cat")) if sers else [])]
    width = max([len(categories)] + [len(s.values) for s in series])
    categories += [str(i + 1) for i in range(len(categories), width)]
    area = _first(root, "c:chart/c:plotArea")
    return ChartDescription(
        kind=kind,
        title=title,
        categories=tuple(categories),
        series=series,
        horizontal=_val(plot, "c:barDir") == "bar",
        stacked=_val(plot, "c:grouping") in ("stacked", "percentStacked"),
        reverse=_val(area, "c:catAx/c:scaling/c:orientation") == "maxMin",
        x_title=_text(_first(area, "c:catAx/c:title")),
        y_title=_text(_first(area, "c:valAx/c:title")),
        legend=_first(root, "c:chart/c:legend") is not None,
        number_format=_number_format(root, sers),
        data_labels=_val(plot, "c:dLbls/c:showVal") in ("1", "true"),
        gap_width=float(_val(plot, "c:gapWidth", "150") or 150),
    )
