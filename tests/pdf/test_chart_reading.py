"""Tests for docgen.pdf.chart_reading: a Word chart part read back into a ChartDescription
from its own cached values (never the report model)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from docx import Document
from tests.support.chart_data import DOMESTIC_ABUSE, KNIFE_CRIME, MONTHS

from docgen.chart_style import series_style
from docgen.charts import add_chart
from docgen.model import Chart
from docgen.pdf.chart_reading import MAX_POINTS, read_description

RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"


def _chart_xml(chart: Chart, tmp_path: Path) -> bytes:
    """Return the chart part XML of a .docx built with `chart` and read back from disk."""
    document = Document()
    add_chart(document, chart)
    path = tmp_path / f"{chart.name}.docx"
    document.save(str(path))
    rels = Document(str(path)).part.rels.values()
    (part,) = [rel.target_part for rel in rels if rel.reltype == RT_CHART]
    return part.blob


def test_read_chart_uses_the_cached_values(tmp_path: Path) -> None:
    data = read_description(_chart_xml(DOMESTIC_ABUSE, tmp_path))
    assert (data.kind, data.horizontal, data.stacked) == ("line", False, False)
    assert data.categories == tuple(MONTHS)
    assert [s.name for s in data.series] == ["2017/18", "2018/19", "2019/20"]
    assert data.series[2].values == (1730, 1670, 1717, 1759, 1680, 1176, *[None] * 6)
    assert (data.title, data.x_title, data.y_title) == (DOMESTIC_ABUSE.title, "Month", "Crimes")
    assert len({s.dash for s in data.series}) == len({s.marker for s in data.series}) == 3


def test_read_chart_bar_direction_and_grouping(tmp_path: Path) -> None:
    bars = read_description(_chart_xml(dataclasses.replace(KNIFE_CRIME, type="bar"), tmp_path))
    assert (bars.kind, bars.horizontal, bars.stacked, bars.reverse) == ("bar", True, False, True)
    stacked = dataclasses.replace(KNIFE_CRIME, type="stacked column", name="stacked")
    data = read_description(_chart_xml(stacked, tmp_path))
    assert (data.horizontal, data.stacked) == (False, True)
    assert len({s.pattern for s in data.series}) == 3


def test_entities_are_not_expanded() -> None:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x "EXPANDED">]>'
        b'<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        b"<c:chart><c:title><c:tx><c:v>&x;</c:v></c:tx></c:title></c:chart></c:chartSpace>"
    )
    assert "EXPANDED" not in read_description(xml).title


def test_a_series_without_a_look_in_the_xml_takes_docgen_s_style() -> None:
    xml = (
        b'<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        b"<c:chart><c:plotArea><c:lineChart>"
        + b"<c:ser><c:val><c:numLit><c:pt idx='0'><c:v>1</c:v></c:pt></c:numLit></c:val></c:ser>"
        * 12
        + b"<c:marker val='1'/></c:lineChart></c:plotArea></c:chart></c:chartSpace>"
    )
    chart = read_description(xml)
    expected = [(series_style(i).colour, series_style(i).marker) for i in range(12)]
    assert [(s.colour, s.marker) for s in chart.series] == expected


def test_a_chart_part_cannot_declare_a_billion_points() -> None:
    """A stranger's chart part is bounded before the drawer loops over its points."""
    xml = (
        b'<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        b"<c:chart><c:plotArea><c:lineChart><c:ser><c:val><c:numLit>"
        b"<c:ptCount val='1000000000'/><c:pt idx='0'><c:v>1</c:v></c:pt>"
        b"<c:pt idx='999999999'><c:v>2</c:v></c:pt><c:pt idx='x'><c:v>3</c:v></c:pt>"
        b"</c:numLit></c:val></c:ser></c:lineChart></c:plotArea></c:chart></c:chartSpace>"
    )
    chart = read_description(xml)
    assert len(chart.series[0].values) == len(chart.categories) == MAX_POINTS
    assert chart.series[0].values[0] == 1 and 2 not in chart.series[0].values
