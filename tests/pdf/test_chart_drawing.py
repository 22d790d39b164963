"""Tests for docgen.pdf.chart_drawing: Word chart parts drawn as reportlab vectors."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Spacer
from tests.chart_data import DOMESTIC_ABUSE, MONTHS  # noqa: F401
from tests.chart_data import KNIFE_CRIME as SEED_KNIFE_CRIME

from docgen.charts import add_chart
from docgen.model import Chart
from docgen.pdf.chart_drawing import chart_flowable, nice_ticks, read_chart

RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
WIDTH, HEIGHT = 16 * 72 / 2.54, 8.5 * 72 / 2.54

KNIFE_CRIME = dataclasses.replace(
    SEED_KNIFE_CRIME, title="Knife crimes per 100k population",
    y_title="Crimes per 100,000", alt_text="")


def _chart_xml(chart: Chart, tmp_path: Path) -> bytes:
    """Return the chart part XML of a .docx built with `chart` and read back from disk."""
    document = Document()
    add_chart(document, chart)
    path = tmp_path / f"{chart.name}.docx"
    document.save(str(path))
    rels = Document(str(path)).part.rels.values()
    (part,) = [rel.target_part for rel in rels if rel.reltype == RT_CHART]
    return part.blob


def _pdf_text(drawings: list[Drawing], path: Path) -> str:
    """Build a PDF of `drawings` with platypus and return its text as pdfplumber reads it."""
    story = [item for drawing in drawings for item in (drawing, Spacer(1, 12))]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_line_chart_text_in_pdf(tmp_path: Path) -> None:
    drawing = chart_flowable(_chart_xml(DOMESTIC_ABUSE, tmp_path), WIDTH, HEIGHT)
    assert (drawing.width, drawing.height) == (WIDTH, HEIGHT)
    text = _pdf_text([drawing], tmp_path / "line.pdf")
    for expected in ("Domestic abuse crimes by month", "2017/18", "2018/19", "2019/20"):
        assert expected in text
    for expected in ("April", "Sept", "Mar", "Month", "2,000", "1,000"):
        assert expected in text


@pytest.mark.parametrize("kind", ["column", "bar", "stacked column"])
def test_bar_charts_text_in_pdf(tmp_path: Path, kind: str) -> None:
    chart = dataclasses.replace(KNIFE_CRIME, type=kind)
    drawing = chart_flowable(_chart_xml(chart, tmp_path), WIDTH, HEIGHT)
    text = _pdf_text([drawing], tmp_path / "bars.pdf")
    for expected in ("Knife crimes per 100k population", "W Yorks", "Notts", "Lancashire"):
        assert expected in text
    for expected in ("2010/11", "2018/19", "100"):
        assert expected in text


def test_read_chart_uses_the_cached_values(tmp_path: Path) -> None:
    data = read_chart(_chart_xml(DOMESTIC_ABUSE, tmp_path))
    assert (data.kind, data.horizontal, data.stacked) == ("line", False, False)
    assert data.categories == list(MONTHS)
    assert [s.name for s in data.series] == ["2017/18", "2018/19", "2019/20"]
    assert data.series[2].values == [1730, 1670, 1717, 1759, 1680, 1176, *[None] * 6]
    assert (data.title, data.x_title, data.y_title) == (DOMESTIC_ABUSE.title, "Month", "Crimes")
    assert len({s.dash for s in data.series}) == len({s.marker for s in data.series}) == 3


def test_read_chart_bar_direction_and_grouping(tmp_path: Path) -> None:
    bars = read_chart(_chart_xml(dataclasses.replace(KNIFE_CRIME, type="bar"), tmp_path))
    assert (bars.kind, bars.horizontal, bars.stacked, bars.reverse) == ("bar", True, False, True)
    stacked = dataclasses.replace(KNIFE_CRIME, type="stacked column", name="stacked")
    data = read_chart(_chart_xml(stacked, tmp_path))
    assert (data.horizontal, data.stacked) == (False, True)
    assert len({s.pattern for s in data.series}) == 3


def test_markup_in_text_is_drawn_as_data(tmp_path: Path) -> None:
    awkward = dataclasses.replace(
        KNIFE_CRIME,
        title="R&D <b>costs</b> & more",
        series=(dataclasses.replace(KNIFE_CRIME.series[0], name="<i>a</i> < b"),),
    )
    drawing = chart_flowable(_chart_xml(awkward, tmp_path), WIDTH, HEIGHT)
    text = _pdf_text([drawing], tmp_path / "awkward.pdf")
    assert "R&D <b>costs</b> & more" in text
    assert "<i>a</i> < b" in text


def test_unsupported_chart_type_keeps_its_title(tmp_path: Path) -> None:
    xml = _chart_xml(KNIFE_CRIME, tmp_path).replace(b"c:barChart", b"c:areaChart")
    text = _pdf_text([chart_flowable(xml, WIDTH, HEIGHT)], tmp_path / "area.pdf")
    assert "Knife crimes per 100k population" in text


def test_entities_are_not_expanded() -> None:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x "EXPANDED">]>'
        b'<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        b"<c:chart><c:title><c:tx><c:v>&x;</c:v></c:tx></c:title></c:chart></c:chartSpace>"
    )
    assert "EXPANDED" not in read_chart(xml).title


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (0, 2211, (0, 500, 1000, 1500, 2000, 2500)),
        (0, 116, (0, 20, 40, 60, 80, 100, 120)),
        (-3, 7, (-4, -2, 0, 2, 4, 6, 8)),
        (0, 0, (0, 0.2, 0.4, 0.6, 0.8, 1.0)),
    ],
)
def test_nice_ticks(low: float, high: float, ticks: tuple[float, ...]) -> None:
    assert nice_ticks(low, high) == ticks
