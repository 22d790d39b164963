"""docgen's chart XML and embedded workbook, checked against python-pptx as the reference.

docgen writes the DrawingML chart XML itself; tests/support/pptx_chart_oracle.py builds the
same chart with python-pptx (a test dependency only). The XML must be equal after
canonicalisation, and the embedded workbooks must hold the same cells.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import math
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from tests.support import EXAMPLE
from tests.support.chart_data import DOMESTIC_ABUSE, KNIFE_CRIME, many_series

from docgen import charts
from docgen.model import Chart, Series

oracle = pytest.importorskip(
    "tests.support.pptx_chart_oracle", reason="python-pptx (the test extra) is the reference"
)

NS = {"c": charts.C_NS, "a": charts.A_NS}
TYPES = ("line", "column", "bar", "stacked column")
FORMATS = ("General", "0%", "0.0", "#,##0")
NAMES = ("North & South", "<East>", 'West "W"', "Ünïcode – ∑", "2019/20", "Plain", "Seventh")
TITLES = list(itertools.product((False, True), repeat=3))  # chart title, x title, y title
TITLE_IDS = ["".join(n for n, on in zip("TXY", t, strict=True) if on) or "none" for t in TITLES]


def canonical(element: etree._Element) -> bytes:
    """Return `element` as canonical XML (C14N), so equal trees give equal bytes."""
    return etree.tostring(element, method="c14n")


def linked(chart: Chart, build, link) -> bytes:
    """Return the canonical chart XML made by `build`, linked to a workbook by `link`."""
    space = build(chart)
    link(space, "rId3")
    return canonical(space)


def assert_same_xml(chart: Chart) -> None:
    """Assert that docgen's chart XML is python-pptx's, before and after linking a workbook."""
    assert canonical(charts._chart_space(chart)) == canonical(oracle.chart_space(chart))
    ours = linked(chart, charts._chart_space, charts._link_workbook)
    assert ours == linked(chart, oracle.chart_space, oracle.link_workbook)


def cells(blob: bytes) -> tuple[str, dict[str, tuple[object, str]]]:
    """Return the sheet name and each non-empty cell's value and number format."""
    sheet = openpyxl.load_workbook(io.BytesIO(blob)).active
    found = {
        cell.coordinate: (cell.value, cell.number_format)
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }
    return sheet.title, found


def values(count: int, index: int, number_format: str, negative: bool) -> tuple:
    """Return a series' values: ints and floats, a gap every fifth point, some below zero."""
    out: list[float | int | None] = []
    for point in range(count):
        value = (point + 1) * (index + 3) * 7.25 - (40.5 if negative and point % 2 else 0)
        value = value / 1000 if number_format == "0%" else value
        if (point + index) % 5 == 4:
            out.append(None)
        else:
            out.append(round(value) if point % 3 == 0 and number_format != "0%" else value)
    return tuple(out) if any(v is not None for v in out) else (1.0, *out[1:])


def matrix_chart(
    kind: str, titles: tuple[bool, bool, bool], series: int, points: int, fmt: str, negative: bool
) -> Chart:
    """Return a chart of the test matrix; more than 24 points turns the data labels off."""
    title, x_title, y_title = titles
    return Chart(
        name="matrix",
        type=kind,  # type: ignore[arg-type]
        title="Title & <more>" if title else "",
        categories=tuple("Cat & <1>" if i == 1 else f"C{i}" for i in range(points)),
        series=tuple(
            Series(NAMES[i], values(points, i, fmt, negative), fmt) for i in range(series)
        ),
        x_title="X axis" if x_title else "",
        y_title="Y 'axis'" if y_title else "",
    )


@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize("series", [1, 2, 7])
@pytest.mark.parametrize("points", [3, 30])
@pytest.mark.parametrize("fmt", FORMATS)
def test_chart_xml_is_python_pptx_s(kind: str, series: int, points: int, fmt: str) -> None:
    step = FORMATS.index(fmt) + series + points
    chart = matrix_chart(kind, TITLES[step % len(TITLES)], series, points, fmt, step % 2 == 1)
    assert_same_xml(chart)


@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize("titles", TITLES, ids=TITLE_IDS)
@pytest.mark.parametrize("negative", [False, True])
def test_titles_and_negative_values_match_python_pptx(
    kind: str, titles: tuple[bool, bool, bool], negative: bool
) -> None:
    assert_same_xml(matrix_chart(kind, titles, 2, 4, "0.0", negative))


@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize(
    "chart",
    [
        DOMESTIC_ABUSE,
        KNIFE_CRIME,
        # 24 points are labelled, 25 are not.
        Chart("e", "column", "24", tuple("abcdefgh"), (Series("s", tuple(range(8)), "0.00"),) * 3),
        Chart("f", "column", "25", tuple("abcde"), (Series("s", tuple(range(5)), "0.00"),) * 5),
        # 27 series reach two-letter columns in the sheet references.
        Chart("w", "column", "W", ("a", "b"), tuple(Series(f"S{i}", (i, -i)) for i in range(27))),
        Chart("o", "column", "One", ("Only",), (Series("x", (5,)),)),
        Chart("p", "column", "P", ("a", "b"), (Series("p", (0.1 + 0.2, -1e-7), "0.0%"),
                                               Series("q", (1e20, 12345678.9), "#,##0.00"))),
    ],
    ids=["domestic", "knife", "24-points", "25-points", "27-series", "one-point", "floats"],
)
def test_edge_charts_match_python_pptx(kind: str, chart: Chart) -> None:
    assert_same_xml(dataclasses.replace(chart, type=kind))


@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize("series", [1, 7])
@pytest.mark.parametrize("fmt", FORMATS)
def test_embedded_workbook_holds_python_pptx_s_cells(kind: str, series: int, fmt: str) -> None:
    chart = matrix_chart(kind, (True, True, True), series, 6, fmt, True)
    assert cells(charts._workbook_blob(chart)) == cells(oracle.xlsx_blob(chart))


def test_embedded_workbook_keeps_every_digit() -> None:
    chart = Chart("p", "line", "P", ("a", "b"), (Series("p", (0.1 + 0.2, 1e20), "0.0%"),))
    ours, reference = cells(charts._workbook_blob(chart))[1], cells(oracle.xlsx_blob(chart))[1]
    assert ours.keys() == reference.keys()
    for key, (value, number_format) in ours.items():
        if isinstance(value, float):
            assert math.isclose(value, reference[key][0], rel_tol=1e-15)
            assert number_format == reference[key][1]
        else:
            assert (value, number_format) == reference[key]


# Text as docgen hands it over: cleaned of XML-illegal characters. A carriage return is left
# out: python-pptx's XML parsing turned it into a line feed, which docgen no longer does.
TEXT = st.text(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn")),
        st.sampled_from(list("&<>\"' \t\n")),
    ),
    max_size=12,
)
TITLE = TEXT.map(lambda text: text.replace("\n", " "))
# python-pptx wrote a format code into its XML unescaped, so "<" and "&" are left out here.
NUMBER_FORMAT = st.sampled_from(
    ["General", "0", "0.0", "#,##0", "0%", "0.0%", '"£"#,##0.00', "[>=1000]#,##0;0", "0.00E+00"]
)
VALUE = st.one_of(
    st.none(), st.integers(-(10**9), 10**9), st.floats(allow_nan=False, allow_infinity=False)
)


@st.composite
def any_chart(draw) -> Chart:
    """Draw a chart of any type with 1–8 series over 1–30 categories."""
    categories = tuple(draw(st.lists(TEXT, min_size=1, max_size=30)))
    series = draw(
        st.lists(
            st.builds(
                Series,
                TEXT,
                st.lists(VALUE, min_size=len(categories), max_size=len(categories)).map(tuple),
                NUMBER_FORMAT,
            ),
            min_size=1,
            max_size=8,
        )
    )
    return Chart(
        name="any",
        type=draw(st.sampled_from(TYPES)),
        title=draw(TITLE),
        categories=categories,
        series=tuple(series),
        x_title=draw(TITLE),
        y_title=draw(TITLE),
    )


@settings(max_examples=150, deadline=None)
@given(any_chart())
def test_any_chart_xml_is_python_pptx_s(chart: Chart) -> None:
    assert_same_xml(chart)


@pytest.mark.parametrize("kind", TYPES)
def test_twelve_series_match_python_pptx(kind: str) -> None:
    assert_same_xml(many_series(12, kind))


def pptx_series(chart: Chart) -> list:
    """Return python-pptx's series proxies over docgen's chart XML for `chart`."""
    from pptx.chart.chart import Chart as PptxChart
    from pptx.oxml import parse_xml

    space = parse_xml(etree.tostring(charts._chart_space(chart)))
    return list(PptxChart(space, None).plots[0].series)


def test_python_pptx_reads_twelve_distinct_line_series() -> None:
    series = pptx_series(many_series(12))
    hollow = [str(s.marker.format.fill.fore_color.rgb) == "FFFFFF" for s in series]
    looks = zip(series, hollow, strict=True)
    assert len({(s.format.line.dash_style, s.marker.style, h) for s, h in looks}) == 12
    assert len({str(s.format.line.color.rgb) for s in series}) == 12
    assert hollow == [charts.series_style(i).hollow for i in range(12)]


def test_python_pptx_reads_twelve_distinct_bar_fills() -> None:
    fills = [s.format.fill for s in pptx_series(many_series(12, "column"))]
    looks = {(str(f.fore_color.rgb), f.type, f.pattern if f.type == 2 else None) for f in fills}
    assert len(looks) == 12
    assert len({f.pattern for f in fills[1:]}) == 11  # every series after the first hatched


# --- where docgen deliberately differs from python-pptx -------------------------------------


def test_each_line_of_a_title_is_a_bold_paragraph() -> None:
    chart = dataclasses.replace(KNIFE_CRIME, title="Knife crime\r\nper 100k", y_title="a\nb")
    space = charts._chart_space(chart)
    (title,) = space.xpath("c:chart/c:title", namespaces=NS)
    paragraphs = title.xpath(".//a:p", namespaces=NS)
    assert ["".join(p.itertext()) for p in paragraphs] == ["Knife crime", "per 100k"]
    assert title.xpath(".//a:rPr/@b", namespaces=NS) == ["1", "1"]
    assert title.xpath(".//a:rPr/@sz", namespaces=NS) == ["1100", "1100"]
    axis_title = space.xpath(".//c:valAx/c:title", namespaces=NS)[0]
    assert axis_title.xpath(".//a:t/text()", namespaces=NS) == ["a", "b"]


def test_number_format_with_markup_characters_is_kept_as_data() -> None:
    conditional = "[<1000]0;[<1000000]#,##0,\"k\"&"
    chart = dataclasses.replace(
        KNIFE_CRIME, type="column", series=(Series("W Yorks", (1, 2), conditional),),
        categories=("a", "b"),
    )
    space = etree.fromstring(etree.tostring(charts._chart_space(chart)))
    assert space.xpath(".//c:formatCode/text()", namespaces=NS) == [conditional]
    assert set(space.xpath(".//c:numFmt/@formatCode", namespaces=NS)) == {conditional}


def test_workbook_text_that_looks_like_a_formula_stays_text() -> None:
    chart = Chart("f", "line", "F", ("=1+1", "b"), (Series("=SUM(A1:A9)", (1, 2)),))
    sheet = openpyxl.load_workbook(io.BytesIO(charts._workbook_blob(chart))).active
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("=1+1", "s")
    assert (sheet["B1"].value, sheet["B1"].data_type) == ("=SUM(A1:A9)", "s")


# --- start-up ---------------------------------------------------------------------------------

BUILD_AND_LIST_IMPORTS = """
import json, sys
import docgen.api
docgen.api.build(sys.argv[1], outdir=sys.argv[2], pdf=True)
print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))
"""


def test_building_the_example_does_not_import_python_pptx(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", BUILD_AND_LIST_IMPORTS, str(EXAMPLE), str(tmp_path)],
        capture_output=True, text=True, check=True, timeout=120,
    )
    imported = set(json.loads(result.stdout.splitlines()[-1]))
    assert (tmp_path / "quarterly-report-2019-11.docx").is_file()
    assert "docgen" in imported and "lxml" in imported
    assert "pptx" not in imported
