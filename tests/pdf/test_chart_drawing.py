"""Tests for docgen.pdf.chart_drawing: Word chart parts drawn as vectors on a reportlab canvas."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from tests.support.chart_data import DOMESTIC_ABUSE
from tests.support.chart_data import KNIFE_CRIME as SEED_KNIFE_CRIME

from docgen.chart_description import describe
from docgen.chart_style import LINE_PT
from docgen.charts import add_chart
from docgen.model import Chart, Series
from docgen.pdf.chart_canvas import Box, Picture, Shape, Stroke, Text
from docgen.pdf.chart_drawing import (
    FRAME_GREY,
    chart_picture,
    describe_picture,
    draw_chart,
    legend_columns,
)

RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
WIDTH, HEIGHT = 16 * 72 / 2.54, 8.5 * 72 / 2.54

KNIFE_CRIME = dataclasses.replace(
    SEED_KNIFE_CRIME, title="Knife crimes per 100k population",
    y_title="Crimes per 100,000", alt_text="")
# The example's knife crime chart: all eight forces of its table (the seed's first three and
# the other five), as a line chart.
MORE_FORCES = (
    Series("S Yorks", (37, 37, 35, 40, 40, 44, 63, 72, 74)),
    Series("Humberside", (42, 41, 41, 35, 43, 53, 47, 63, 72)),
    Series("Northumbria", (28, 26, 22, 25, 30, 37, 37, 56, 65)),
    Series("S Wales", (30, 29, 31, 29, 31, 31, 36, 47, 56)),
    Series("Kent", (20, 21, 25, 28, 29, 31, 37, 43, 52)),
)
KNIFE_CRIME_LINES = dataclasses.replace(
    SEED_KNIFE_CRIME, type="line", y_title="Crimes per 100k",
    series=SEED_KNIFE_CRIME.series + MORE_FORCES)


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
    dashes = {item.dash for item in line.items
              if isinstance(item, Stroke) and item.width == LINE_PT}
    assert len(dashes) == 3
    markers = [item for item in line.items
               if isinstance(item, Shape) or (isinstance(item, Box) and not item.decorative)]
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


# --- laid out as LibreOffice lays out a Word chart -------------------------------------------


def _texts(picture: Picture) -> dict[str, Text]:
    """Every unturned text of the picture by its words."""
    return {item.text: item for item in picture.items if isinstance(item, Text)}


def test_the_chart_has_libreoffice_s_grey_frame_inside_its_edges() -> None:
    picture = describe_picture(describe(DOMESTIC_ABUSE), WIDTH, HEIGHT)
    frame = picture.items[0]
    assert isinstance(frame, Box) and frame.decorative and frame.stroke == FRAME_GREY
    assert (frame.x, frame.y, frame.width) == (0.375, 0.375, 0.75)
    assert frame.w == pytest.approx(WIDTH - 0.75) and frame.h == pytest.approx(HEIGHT - 0.75)
    assert frame.fill == colors.white


def test_the_value_axis_has_libreoffice_s_ticks() -> None:
    """LibreOffice draws the knife crime chart (values 20 to 116) from 0 to 140 by 20."""
    picture = describe_picture(describe(KNIFE_CRIME_LINES), WIDTH, HEIGHT)
    texts = _texts(picture)
    assert all(str(n) in texts for n in range(0, 141, 20)) and "160" not in texts
    picture = describe_picture(describe(DOMESTIC_ABUSE), WIDTH, HEIGHT)
    assert {"0", "500", "1,000", "1,500", "2,000", "2,500"} <= set(_texts(picture))
    assert "3,000" not in _texts(picture)


def test_text_sits_where_libreoffice_puts_it() -> None:
    """Baselines measured in LibreOffice 7.4's PDF of the example's knife crime chart (16 by
    8.5 cm, eight series in two legend rows), in points from the chart's top edge."""
    picture = describe_picture(describe(KNIFE_CRIME_LINES), WIDTH, HEIGHT)
    texts = _texts(picture)
    from_top = {text: HEIGHT - item.y for text, item in texts.items()}
    assert from_top[KNIFE_CRIME_LINES.title] == pytest.approx(22.72, abs=0.2)
    assert from_top["140"] == pytest.approx(41.32, abs=0.2)
    assert from_top["0"] == pytest.approx(158.82, abs=0.2)
    assert from_top["2010/11"] == pytest.approx(171.12, abs=0.2)
    assert from_top["Year"] == pytest.approx(189.12, abs=0.2)
    assert from_top["W Yorks"] == pytest.approx(222.12, abs=0.2)
    assert from_top["Humberside"] == pytest.approx(235.42, abs=0.2)


def test_legend_entries_are_laid_in_rows_of_equal_columns_in_series_order() -> None:
    picture = describe_picture(describe(KNIFE_CRIME_LINES), WIDTH, HEIGHT)
    texts = _texts(picture)
    names = [s.name for s in KNIFE_CRIME_LINES.series]
    rows = [names[:4], names[4:]]  # LibreOffice: four columns, two rows
    for row in rows:
        assert len({round(texts[name].y, 2) for name in row}) == 1
        assert [texts[n].x for n in row] == sorted(texts[n].x for n in row)
    for top, bottom in zip(rows[0], rows[1], strict=False):
        assert texts[top].x == texts[bottom].x
    assert texts[rows[0][0]].y > texts[rows[1][0]].y


def test_legend_columns_follow_libreoffice_s_wide_rule() -> None:
    key = 45.35
    assert legend_columns([50.0] * 8, 453.0, key) == 4  # 4 fit: 2 rows of 4
    assert legend_columns([50.0] * 5, 453.0, key) == 3  # 4 fit: 2 rows, spread as 3 and 2
    assert legend_columns([20.0] * 3, 453.0, key) == 3
    assert legend_columns([400.0], 453.0, key) == 1
    assert legend_columns([], 453.0, key) == 0


def test_decorative_marks_are_drawn_inside_the_decoration_hook(tmp_path: Path) -> None:
    """A tagged PDF passes `decoration` to mark frame, gridlines, axes and ticks as artifacts."""
    canvas = Canvas(str(tmp_path / "hook.pdf"), pagesize=A4)
    entered: list[int] = []

    class Mark:
        def __init__(self, target: Canvas) -> None:
            assert target is canvas

        def __enter__(self) -> None:
            entered.append(1)

        def __exit__(self, *exc: object) -> None:
            return None

    draw_chart(canvas, describe(KNIFE_CRIME_LINES), 72, 400, WIDTH, HEIGHT, decoration=Mark)
    picture = describe_picture(describe(KNIFE_CRIME_LINES), WIDTH, HEIGHT)
    decorative = [i for i in picture.items if getattr(i, "decorative", False)]
    assert len(entered) == len(decorative) > 8 + 9  # the frame, 8 gridlines, ticks, axes
    assert not any(isinstance(i, Text) for i in decorative)


def test_line_keys_are_16_mm_where_a_line_is_dashed_and_8_mm_where_all_are_solid() -> None:
    """Measured in LibreOffice: 45.35 pt keys in the example's charts, 22.65 pt in a chart of
    one solid line."""
    def keys(chart: Chart) -> set[float]:
        picture = describe_picture(describe(chart), WIDTH, HEIGHT)
        return {round(item.points[2] - item.points[0], 2) for item in picture.items
                if isinstance(item, Stroke) and len(item.points) == 4
                and item.width == LINE_PT and item.points[1] == item.points[3]
                and item.points[1] < 20}

    assert keys(DOMESTIC_ABUSE) == {45.35}
    one_line = dataclasses.replace(DOMESTIC_ABUSE, series=DOMESTIC_ABUSE.series[:1])
    assert keys(one_line) == {22.68}
