"""Tests for docgen.pdf.chart_marks: series drawn from their descriptions, told apart without
colour, markers filled as LibreOffice fills them."""

from __future__ import annotations

import itertools
from pathlib import Path

from docx import Document
from reportlab.lib import colors
from tests.support.chart_data import example_knife_crime, many_series

from docgen.chart_description import describe
from docgen.chart_style import MARKER_SIZE, WHITE, hatch_for, series_style
from docgen.charts import add_chart
from docgen.model import Chart
from docgen.pdf.chart_canvas import Box, Item, Shape, Stroke, rgb
from docgen.pdf.chart_drawing import _key
from docgen.pdf.chart_marks import HATCH_WIDTH, bar_items, marker_items
from docgen.pdf.chart_reading import read_description

RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"


def _read_back(chart: Chart, tmp_path: Path):
    """Return the description the PDF engine reads back from the chart XML docgen writes."""
    document = Document()
    add_chart(document, chart)
    path = tmp_path / f"{chart.name}.docx"
    document.save(str(path))
    (part,) = [r.target_part for r in Document(str(path)).part.rels.values()
               if r.reltype == RT_CHART]
    return read_description(part.blob)


def _without_colour(item: Item) -> tuple:
    """Return what a reader without colour sees of `item`: its kind, geometry, line and fill."""
    if isinstance(item, Stroke):
        return ("line", tuple(round(p, 2) for p in item.points), item.dash, item.width)
    if isinstance(item, Shape):
        return ("shape", tuple(round(p, 2) for p in item.points), item.fill == colors.white)
    assert isinstance(item, Box)
    corners = tuple(round(p, 2) for p in (item.x, item.y, item.w, item.h))
    return ("box", corners, item.width, item.fill is None, item.fill == colors.white)


def _key_without_colour(series, kind: str) -> tuple:
    """Return a series' legend key as a reader without colour sees it."""
    items, _ = _key(series, kind, 0, 0)
    return tuple(_without_colour(item) for item in items)


def test_pdf_reads_each_series_style_from_the_chart_xml(tmp_path: Path) -> None:
    chart = _read_back(many_series(12), tmp_path)
    for index, series in enumerate(chart.series):
        style = series_style(index)
        assert (series.colour, series.dash, series.marker) == (style.colour, style.dash,
                                                               style.marker)
        assert (series.marker_fill == WHITE) == style.hollow == series.hollow


def test_the_drawer_uses_the_description_as_the_word_chart_is_written_from_it() -> None:
    chart = describe(many_series(3))
    (line, *marks), width = _key(chart.series[1], "line", 0, 0)
    assert line.colour == rgb(series_style(1).colour) and line.dash == (8.0, 6.0)  # "dash"
    assert width > 0 and all(m.fill == rgb(series_style(1).colour) for m in marks)


def test_twelve_line_series_are_drawn_distinct_without_colour(tmp_path: Path) -> None:
    chart = _read_back(many_series(12), tmp_path)
    keys = [_key_without_colour(series, "line") for series in chart.series]
    assert len(set(keys)) == 12
    assert len({series.colour for series in chart.series}) == 12


def test_twelve_bar_series_are_drawn_distinct_without_colour(tmp_path: Path) -> None:
    chart = _read_back(many_series(12, "column"), tmp_path)
    assert [s.pattern for s in chart.series] == [series_style(i).pattern for i in range(12)]
    bars = [tuple(map(_without_colour, bar_items(0, 0, 20, 20, s))) for s in chart.series]
    assert len(set(bars)) == 12
    assert len({series.colour for series in chart.series}) == 12


def test_hatches_of_the_series_patterns_all_differ() -> None:
    hatches = [hatch_for(series_style(i).pattern) for i in range(1, 12)]
    for a, b in itertools.combinations(hatches, 2):
        assert a != b


def test_a_hatched_bar_is_white_with_lines_in_its_colour_inside_an_outline() -> None:
    series = describe(many_series(2, "column")).series[1]
    items = bar_items(10, 10, 20, 40, series)
    assert items[0].fill == colors.white and isinstance(items[-1], Box)
    assert items[-1].fill is None and items[-1].stroke == rgb(series.colour)
    hatch = [i for i in items if isinstance(i, Stroke)]
    assert hatch and all(s.width == HATCH_WIDTH and s.colour == rgb(series.colour)
                         for s in hatch)
    assert all(10 <= x <= 30 and 10 <= y <= 50 for s in hatch
               for x, y in zip(s.points[::2], s.points[1::2], strict=True))


def test_hollow_markers_are_filled_in_their_colour_as_libreoffice_draws_them(
        tmp_path: Path) -> None:
    """LibreOffice fills a Word chart's hollow markers; the PDF draws what it draws (the Word
    chart keeps them hollow, and series sharing a shape differ in dash)."""
    chart = _read_back(many_series(12), tmp_path)
    hollow = chart.series[6]  # an open triangle in Word
    assert hollow.hollow
    (marker,) = marker_items(hollow.marker, 0, 0, hollow.colour)
    assert isinstance(marker, Shape) and marker.fill == marker.colour == rgb(hollow.colour)
    filled = chart.series[2]  # the filled triangle: same shape, another dash
    (solid,) = marker_items(filled.marker, 0, 0, filled.colour)
    assert len(solid.points) == len(marker.points) and filled.dash != hollow.dash


def test_markers_are_their_size_across_and_none_draws_nothing() -> None:
    for kind in ("circle", "square", "triangle", "diamond", "x", "plus", "star"):
        items = marker_items(kind, 100, 100, "12436D")
        xs = [p for i in items for p in (i.points[::2] if isinstance(i, Shape)
                                         else (i.x, i.x + i.w))]
        assert max(xs) - min(xs) <= MARKER_SIZE + 1e-9, kind
        assert max(xs) - min(xs) >= MARKER_SIZE * 0.6, kind
    assert marker_items("none", 0, 0, "12436D") == []


def test_example_knife_crime_series_are_drawn_distinct(built_example: Path) -> None:
    chart = read_description(example_knife_crime(built_example))
    assert len(chart.series) == 8
    assert len({_key_without_colour(series, chart.kind) for series in chart.series}) == 8
    assert len({series.colour for series in chart.series}) == 8
