"""Tests for docgen.pdf.chart_drawing: Word chart parts drawn as vectors on a reportlab canvas."""

from __future__ import annotations

import dataclasses
import itertools
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from tests.support.chart_data import DOMESTIC_ABUSE, MONTHS, example_knife_crime, many_series  # noqa: F401
from tests.support.chart_data import KNIFE_CRIME as SEED_KNIFE_CRIME

from docgen.chart_style import hatch_for, series_style
from docgen.charts import add_chart
from docgen.model import Chart
from docgen.pdf.chart_canvas import Box, Item, Picture, Shape, Stroke, Text
from docgen.pdf.chart_drawing import _key, chart_picture, draw_chart, read_chart
from docgen.pdf.chart_marks import SeriesData
from docgen.pdf.chart_marks import bar_items as _bar
from docgen.pdf.chart_scales import nice_ticks

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


def _pdf_text(pictures: list[Picture], path: Path) -> str:
    """Draw each picture on a page of its own and return the PDF's text as pdfplumber reads it."""
    canvas = Canvas(str(path), pagesize=A4)
    for picture in pictures:
        picture.draw_on(canvas, 72, 400)
        canvas.showPage()
    canvas.save()
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _points(picture: Picture) -> list[tuple[float, float]]:
    """Return the corners and vertices of every line, shape and box, and every text's ends."""
    points: list[tuple[float, float]] = []
    for item in picture.items:
        if isinstance(item, (Stroke, Shape)):
            points += list(zip(item.points[::2], item.points[1::2], strict=True))
        elif isinstance(item, Box):
            points += [(item.x, item.y), (item.x + item.w, item.y + item.h)]
        elif isinstance(item, Text) and not item.angle:
            left = item.x - item.shift()
            points += [(left, item.y), (left + item.width(), item.y + item.size)]
    return points


def _inside(picture: Picture) -> bool:
    """Return whether everything drawn (unturned text included) lies inside the picture."""
    return all(
        0 <= x <= picture.width and 0 <= y <= picture.height for x, y in _points(picture)
    )


def test_line_chart_text_in_pdf(tmp_path: Path) -> None:
    drawing = chart_picture(_chart_xml(DOMESTIC_ABUSE, tmp_path), WIDTH, HEIGHT)
    assert (drawing.width, drawing.height) == (WIDTH, HEIGHT)
    assert _inside(drawing)
    text = _pdf_text([drawing], tmp_path / "line.pdf")
    for expected in ("Domestic abuse crimes by month", "2017/18", "2018/19", "2019/20"):
        assert expected in text
    for expected in ("April", "Sept", "Mar", "Month", "2,000", "1,000"):
        assert expected in text


@pytest.mark.parametrize("kind", ["column", "bar", "stacked column"])
def test_bar_charts_text_in_pdf(tmp_path: Path, kind: str) -> None:
    chart = dataclasses.replace(KNIFE_CRIME, type=kind)
    drawing = chart_picture(_chart_xml(chart, tmp_path), WIDTH, HEIGHT)
    assert _inside(drawing)
    text = _pdf_text([drawing], tmp_path / "bars.pdf")
    for expected in ("Knife crimes per 100k population", "W Yorks", "Notts", "Lancashire"):
        assert expected in text
    for expected in ("2010/11", "2018/19", "100"):
        assert expected in text


def test_series_keep_their_dashes_markers_and_hatching(tmp_path: Path) -> None:
    line = chart_picture(_chart_xml(DOMESTIC_ABUSE, tmp_path), WIDTH, HEIGHT)
    dashes = {item.dash for item in line.items if isinstance(item, Stroke) and item.width == 1.5}
    assert len(dashes) == 3
    markers = [item for item in line.items if isinstance(item, Shape | Box)]
    assert len(markers) == 12 + 12 + 6 + 3  # each point and each legend key
    assert {len(m.points) for m in markers if isinstance(m, Shape)} == {32, 6}  # circle, triangle
    chart = dataclasses.replace(KNIFE_CRIME, type="stacked column", name="hatched")
    bars = chart_picture(_chart_xml(chart, tmp_path), WIDTH, HEIGHT)
    hatches = {item.colour for item in bars.items if isinstance(item, Stroke) and item.width == 0.6}
    assert len(hatches) == 2  # the first series is solid, the others hatched in their colours


def test_draw_chart_leaves_the_canvas_state_as_it_was(tmp_path: Path) -> None:
    canvas = Canvas(str(tmp_path / "state.pdf"), pagesize=A4)
    canvas.setFont("Times-Roman", 13)
    draw_chart(canvas, _chart_xml(DOMESTIC_ABUSE, tmp_path), 72, 400, WIDTH, HEIGHT)
    assert (canvas._fontname, canvas._fontsize) == ("Times-Roman", 13)
    code = canvas._code
    assert code.count("q") == code.count("Q") and "Q" in code


def test_example_pdf_needs_neither_reportlab_graphics_nor_platypus(
    built_example: Path, tmp_path: Path
) -> None:
    """reportlab.graphics imports all of platypus, a tenth of a second of the start-up."""
    pdf = tmp_path / "example.pdf"
    code = (
        "import sys, docgen.pdf.chart_drawing\n"
        "from docgen.pdf import export_pdf\n"
        f"problems = export_pdf({str(built_example)!r}, {str(pdf)!r})\n"
        "print([str(p) for p in problems if 'chart' in str(p).lower()])\n"
        "print(sorted(m for m in sys.modules if m.startswith("
        "('reportlab.graphics', 'reportlab.platypus'))))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines() == ["[]", "[]"]
    with pdfplumber.open(pdf) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    for drawn in ("2,500", "April May Jun", "W Yorks Notts Lancashire"):  # ticks, labels, legend
        assert drawn in text


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
    drawing = chart_picture(_chart_xml(awkward, tmp_path), WIDTH, HEIGHT)
    text = _pdf_text([drawing], tmp_path / "awkward.pdf")
    assert "R&D <b>costs</b> & more" in text
    assert "<i>a</i> < b" in text


def test_unsupported_chart_type_keeps_its_title(tmp_path: Path) -> None:
    xml = _chart_xml(KNIFE_CRIME, tmp_path).replace(b"c:barChart", b"c:areaChart")
    text = _pdf_text([chart_picture(xml, WIDTH, HEIGHT)], tmp_path / "area.pdf")
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


# --- series told apart without colour ---------------------------------------------------------


def _without_colour(item: Item) -> tuple:
    """Return what a reader without colour sees of `item`: its kind, geometry, line and fill."""
    if isinstance(item, Stroke):
        return ("line", tuple(round(p, 2) for p in item.points), item.dash, item.width)
    if isinstance(item, Shape):
        points = tuple(round(p, 2) for p in item.points)
        return ("shape", points, item.width, item.fill == colors.white)
    assert isinstance(item, Box)
    corners = tuple(round(p, 2) for p in (item.x, item.y, item.w, item.h))
    return ("box", corners, item.width, item.fill is None, item.fill == colors.white)


def _key_without_colour(series: SeriesData, kind: str) -> tuple:
    """Return a series' legend key as a reader without colour sees it."""
    items, _ = _key(series, kind, 0, 0)
    return tuple(_without_colour(item) for item in items)


def _hex(colour: colors.Color) -> str:
    """Return a reportlab colour as RGB hex, as the chart XML writes it."""
    return colour.hexval()[2:].upper()


def test_pdf_reads_each_series_style_from_the_chart_xml(tmp_path: Path) -> None:
    data = read_chart(_chart_xml(many_series(12), tmp_path))
    for index, series in enumerate(data.series):
        style = series_style(index)
        look = (_hex(series.colour), series.dash, series.marker)
        assert look == (style.colour, style.dash, style.marker)
        assert (series.marker_fill == colors.white) == style.hollow


def test_twelve_line_series_are_drawn_distinct_without_colour(tmp_path: Path) -> None:
    data = read_chart(_chart_xml(many_series(12), tmp_path))
    keys = [_key_without_colour(series, "line") for series in data.series]
    assert len(set(keys)) == 12
    assert len({_hex(series.colour) for series in data.series}) == 12


def test_twelve_bar_series_are_drawn_distinct_without_colour(tmp_path: Path) -> None:
    data = read_chart(_chart_xml(many_series(12, "column"), tmp_path))
    patterns = [series.pattern for series in data.series]
    assert patterns == [series_style(i).pattern for i in range(12)]
    bars = [tuple(map(_without_colour, _bar(0, 0, 20, 20, s))) for s in data.series]
    assert len(set(bars)) == 12
    assert len({_hex(series.colour) for series in data.series}) == 12


def test_hatches_of_the_series_patterns_all_differ() -> None:
    hatches = [hatch_for(series_style(i).pattern) for i in range(1, 12)]
    for a, b in itertools.combinations(hatches, 2):
        assert a != b


def test_hollow_markers_are_white_inside_a_thicker_outline(tmp_path: Path) -> None:
    data = read_chart(_chart_xml(many_series(12), tmp_path))
    hollow = data.series[6]  # an open triangle
    (marker,) = [item for item in _key(hollow, "line", 0, 0)[0] if isinstance(item, Shape)]
    assert marker.fill == colors.white and marker.colour == hollow.colour
    filled = data.series[2]  # the filled triangle
    (solid,) = [item for item in _key(filled, "line", 0, 0)[0] if isinstance(item, Shape)]
    assert solid.fill == solid.colour and marker.width > solid.width


def test_example_knife_crime_series_are_drawn_distinct(built_example: Path) -> None:
    data = read_chart(example_knife_crime(built_example))
    assert len(data.series) == 8
    assert len({_key_without_colour(series, data.kind) for series in data.series}) == 8
    assert len({_hex(series.colour) for series in data.series}) == 8


def test_a_series_without_a_look_in_the_xml_takes_docgen_s_style() -> None:
    xml = (
        b'<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        b"<c:chart><c:plotArea><c:lineChart>"
        + b"<c:ser><c:val><c:numLit><c:pt idx='0'><c:v>1</c:v></c:pt></c:numLit></c:val></c:ser>"
        * 12
        + b"<c:marker val='1'/></c:lineChart></c:plotArea></c:chart></c:chartSpace>"
    )
    data = read_chart(xml)
    expected = [(series_style(i).colour, series_style(i).marker) for i in range(12)]
    assert [(_hex(s.colour), s.marker) for s in data.series] == expected
