"""Tests for docgen.charts: native Word charts, their embedded workbooks and alt text."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from lxml import etree
from tests.support.chart_data import (  # noqa: F401
    DOMESTIC_ABUSE,
    KNIFE_CRIME,
    MONTHS,
    YEARS,
    example_knife_crime,
    many_series,
)

from docgen.chart_style import DISTINCT_SERIES, series_style
from docgen.charts import CHART_CONTENT_TYPE, add_chart, describe_chart, too_many_series
from docgen.model import Series

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
RT_CHART = f"{R}/chart"
RT_PACKAGE = f"{R}/package"
NS = {"a": A, "c": C}


def _save(document, path: Path) -> Path:
    """Save `document` to `path` and return the path."""
    document.save(str(path))
    return path


def _chart_parts(path: Path) -> list:
    """Return the chart parts related from the main document part of the .docx at `path`."""
    part = Document(str(path)).part
    return [rel.target_part for rel in part.rels.values() if rel.reltype == RT_CHART]


def _doc_prs(path: Path) -> list:
    """Return every wp:docPr element of the body of the .docx at `path`."""
    body = Document(str(path)).element.body
    return list(body.iter(f"{{{WP}}}docPr"))


def _cached(chart_xml: etree._Element, tag: str) -> list[str]:
    """Return the text of every cached point under `tag` (c:cat, c:val or c:tx)."""
    return chart_xml.xpath(f".//c:{tag}//c:pt/c:v/text()", namespaces={"c": C})


@pytest.fixture
def line_docx(tmp_path: Path) -> Path:
    """A .docx holding the domestic abuse line chart, with no author's alt text."""
    document = Document()
    document.add_paragraph("Before the chart")
    add_chart(document, DOMESTIC_ABUSE)
    return _save(document, tmp_path / "line.docx")


def test_chart_part_has_chart_content_type(line_docx: Path) -> None:
    (part,) = _chart_parts(line_docx)
    assert part.content_type == CHART_CONTENT_TYPE
    assert str(part.partname) == "/word/charts/chart1.xml"


def test_chart_xml_caches_every_value_category_and_name(line_docx: Path) -> None:
    chart_xml = etree.fromstring(_chart_parts(line_docx)[0].blob)
    values = [float(v) for v in _cached(chart_xml, "val")]
    expected = [v for s in DOMESTIC_ABUSE.series for v in s.values if v is not None]
    assert values == expected
    assert _cached(chart_xml, "cat") == list(MONTHS) * 3
    assert _cached(chart_xml, "tx") == ["2017/18", "2018/19", "2019/20"]
    text = "".join(chart_xml.itertext())
    for title in ("Domestic abuse crimes by month", "Month", "Crimes"):
        assert title in text


def test_chart_xml_has_line_chart_settings(line_docx: Path) -> None:
    chart_xml = etree.fromstring(_chart_parts(line_docx)[0].blob)
    ns = {"c": C}
    assert chart_xml.xpath("c:roundedCorners/@val", namespaces=ns) == ["0"]
    assert chart_xml.xpath("c:externalData/c:autoUpdate/@val", namespaces=ns) == ["0"]
    assert chart_xml.xpath(".//c:legend/c:legendPos/@val", namespaces=ns) == ["b"]
    assert chart_xml.xpath(".//c:valAx/c:numFmt/@formatCode", namespaces=ns) == ["#,##0"]
    assert len(set(chart_xml.xpath(".//c:ser/c:marker/c:symbol/@val", namespaces=ns))) == 3
    dashes = chart_xml.xpath(".//c:ser/c:spPr/a:ln/a:prstDash/@val", namespaces={**ns, "a": A})
    assert len(set(dashes)) == 3
    assert int(chart_xml.xpath("c:txPr//a:defRPr/@sz", namespaces={**ns, "a": A})[0]) <= 1000


def test_embedded_workbook_holds_the_same_values(line_docx: Path) -> None:
    chart_part = _chart_parts(line_docx)[0]
    chart_xml = etree.fromstring(chart_part.blob)
    r_id = chart_xml.xpath("c:externalData/@r:id", namespaces={"c": C, "r": R})[0]
    rel = chart_part.rels[r_id]
    assert rel.reltype == RT_PACKAGE
    assert str(rel.target_part.partname).endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(rel.target_part.blob)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1:] == ("2017/18", "2018/19", "2019/20")
    assert [row[0] for row in rows[1:]] == list(MONTHS)
    for column, series in enumerate(DOMESTIC_ABUSE.series, start=1):
        assert tuple(row[column] for row in rows[1:]) == series.values


def test_drawing_is_inline_with_generated_alt_text(line_docx: Path) -> None:
    (doc_pr,) = _doc_prs(line_docx)
    assert doc_pr.getparent().tag == f"{{{WP}}}inline"
    assert doc_pr.get("descr") == describe_chart(DOMESTIC_ABUSE)
    assert doc_pr.get("title") == "Domestic abuse crimes by month"


def test_two_charts_get_unique_ids_and_part_names(tmp_path: Path) -> None:
    document = Document()
    add_chart(document, DOMESTIC_ABUSE)
    add_chart(document, KNIFE_CRIME, width_cm=12, height_cm=7)
    path = _save(document, tmp_path / "two.docx")
    ids = [doc_pr.get("id") for doc_pr in _doc_prs(path)]
    assert len(ids) == len(set(ids)) == 2
    names = {str(part.partname) for part in _chart_parts(path)}
    assert names == {"/word/charts/chart1.xml", "/word/charts/chart2.xml"}
    with zipfile.ZipFile(path) as package:
        embedded = [n for n in package.namelist() if n.startswith("word/embeddings/")]
    assert len(embedded) == 2


def test_author_alt_text_is_used_as_given(tmp_path: Path) -> None:
    document = Document()
    add_chart(document, KNIFE_CRIME)
    (doc_pr,) = _doc_prs(_save(document, tmp_path / "knife.docx"))
    assert doc_pr.get("descr") == KNIFE_CRIME.alt_text


def test_alt_text_with_markup_characters_is_kept_as_data(tmp_path: Path) -> None:
    awkward = dataclasses.replace(KNIFE_CRIME, title='R&D <b>"costs"</b>', alt_text="a < b & c")
    document = Document()
    add_chart(document, awkward)
    path = _save(document, tmp_path / "awkward.docx")
    (doc_pr,) = _doc_prs(path)
    assert (doc_pr.get("descr"), doc_pr.get("title")) == ("a < b & c", 'R&D <b>"costs"</b>')
    chart_xml = etree.fromstring(_chart_parts(path)[0].blob)
    assert 'R&D <b>"costs"</b>' in "".join(chart_xml.itertext())


@pytest.mark.parametrize("kind", ["column", "bar", "stacked column"])
def test_bar_chart_types(tmp_path: Path, kind: str) -> None:
    document = Document()
    add_chart(document, dataclasses.replace(KNIFE_CRIME, type=kind))
    chart_xml = etree.fromstring(_chart_parts(_save(document, tmp_path / "bars.docx"))[0].blob)
    ns = {"c": C}
    direction = "bar" if kind == "bar" else "col"
    grouping = "stacked" if kind == "stacked column" else "clustered"
    assert chart_xml.xpath(".//c:barChart/c:barDir/@val", namespaces=ns) == [direction]
    assert chart_xml.xpath(".//c:barChart/c:grouping/@val", namespaces=ns) == [grouping]
    assert len(chart_xml.xpath(".//c:ser/c:spPr/a:pattFill", namespaces={**ns, "a": A})) == 2


def test_chart_without_series_is_refused() -> None:
    with pytest.raises(ValueError, match="knife_crime"):
        add_chart(Document(), dataclasses.replace(KNIFE_CRIME, series=()))


def test_describe_domestic_abuse_names_highest_and_latest_values() -> None:
    text = describe_chart(DOMESTIC_ABUSE)
    assert text.startswith(
        "Line chart: Domestic abuse crimes by month. 3 series over April to Mar."
    )
    assert "2018/19 was highest at 2,211 in Aug" in text
    for latest in ("2017/18 1,519 (Mar)", "2018/19 1,747 (Mar)", "2019/20 1,176 (Sept)"):
        assert latest in text
    assert "2017/18 986 (April) to 1,519 (Mar)" in text
    assert describe_chart(DOMESTIC_ABUSE) == text


def test_describe_chart_without_data() -> None:
    empty = dataclasses.replace(KNIFE_CRIME, series=(Series("None yet", (None,) * 9),))
    assert describe_chart(empty) == "Column chart: " + KNIFE_CRIME.title + ". No data."


def _template(path: Path) -> Path:
    """Write a one-paragraph docxtpl template holding a subdocument tag."""
    document = Document()
    document.add_paragraph("Report opening")
    document.add_paragraph("{{p body }}")
    return _save(document, path)


def test_chart_in_docxtpl_subdocument(tmp_path: Path) -> None:
    pytest.importorskip("docxcompose", reason="docxtpl subdocuments need docxcompose")
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(_template(tmp_path / "template.docx")))
    subdoc = template.new_subdoc()
    subdoc.add_paragraph("Chart follows")
    add_chart(subdoc.subdocx, DOMESTIC_ABUSE)
    add_chart(subdoc.subdocx, KNIFE_CRIME)
    template.render({"body": subdoc})
    out = tmp_path / "rendered.docx"
    template.save(str(out))
    inlines = list(Document(str(out)).element.body.iter(f"{{{WP}}}inline"))
    assert len(inlines) == 2
    r_ids = [next(i.iter(f"{{{C}}}chart")).get(f"{{{R}}}id") for i in inlines]
    part = Document(str(out)).part
    targets = [part.rels[r_id].target_part for r_id in r_ids]
    assert [t.content_type for t in targets] == [CHART_CONTENT_TYPE] * 2
    assert "2,211" not in targets[0].blob.decode()  # cached as numbers, not text
    assert b"2211" in targets[0].blob
    ids = [doc_pr.get("id") for doc_pr in _doc_prs(out)]
    assert len(set(ids)) == 2


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_libreoffice_draws_the_chart(tmp_path: Path) -> None:
    import pdfplumber

    document = Document()
    add_chart(document, DOMESTIC_ABUSE)
    add_chart(document, KNIFE_CRIME)
    path = _save(document, tmp_path / "charts.docx")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with pdfplumber.open(tmp_path / "charts.pdf") as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    for expected in (
        "Domestic abuse crimes by month",
        "Month",
        "Year",
        "2017/18",
        "2019/20",
        "2,000",
        "Sept",
        "W Yorks",
        "Lancashire",
        "2018/19",
    ):
        assert expected in text


# --- series told apart without colour ---------------------------------------------------------


def _all_different(items: list) -> bool:
    """Return whether no two of `items` are equal."""
    return len(set(items)) == len(items)


def _line_looks(chart_xml: etree._Element) -> list[tuple[str, ...]]:
    """Return each line series' (colour, dash, marker, marker fill) as the XML has them."""
    return [
        (
            ser.xpath("string(c:spPr/a:ln/a:solidFill/a:srgbClr/@val)", namespaces=NS),
            ser.xpath("string(c:spPr/a:ln/a:prstDash/@val)", namespaces=NS),
            ser.xpath("string(c:marker/c:symbol/@val)", namespaces=NS),
            ser.xpath("string(c:marker/c:spPr/a:solidFill/a:srgbClr/@val)", namespaces=NS),
        )
        for ser in chart_xml.xpath(".//c:ser", namespaces=NS)
    ]


def _chart_xml(chart, tmp_path: Path) -> etree._Element:
    """Return the chart part of a saved .docx holding `chart`, read back from disk."""
    document = Document()
    add_chart(document, chart)
    return etree.fromstring(_chart_parts(_save(document, tmp_path / "chart.docx"))[0].blob)


def test_twelve_line_series_differ_in_the_chart_xml(tmp_path: Path) -> None:
    looks = _line_looks(_chart_xml(many_series(12), tmp_path))
    assert len(looks) == 12
    assert _all_different([(dash, marker, fill) for _, dash, marker, fill in looks])
    assert _all_different([colour for colour, *_ in looks])
    for index, (colour, dash, marker, fill) in enumerate(looks):
        style = series_style(index)
        assert (colour, dash, marker) == (style.colour, style.dash, style.marker)
        assert fill == ("FFFFFF" if style.hollow else style.colour)


@pytest.mark.parametrize("kind", ["column", "bar", "stacked column"])
def test_twelve_bar_series_differ_in_colour_and_hatching(tmp_path: Path, kind: str) -> None:
    chart_xml = _chart_xml(many_series(12, kind), tmp_path)
    sers = chart_xml.xpath(".//c:ser", namespaces=NS)
    patterns = [ser.xpath("string(c:spPr/a:pattFill/@prst)", namespaces=NS) for ser in sers]
    colour = "string(c:spPr/a:ln/a:solidFill/a:srgbClr/@val)"
    colours = [ser.xpath(colour, namespaces=NS) for ser in sers]
    assert patterns == [series_style(i).pattern for i in range(12)]
    assert _all_different(patterns) and _all_different(colours)


def test_example_knife_crime_series_all_differ(built_example: Path) -> None:
    looks = _line_looks(etree.fromstring(example_knife_crime(built_example)))
    assert len(looks) == 8
    assert _all_different([(dash, marker, fill) for _, dash, marker, fill in looks])
    assert _all_different([colour for colour, *_ in looks])


def test_no_warning_up_to_twelve_series() -> None:
    assert too_many_series(many_series(DISTINCT_SERIES)) is None
    assert too_many_series(KNIFE_CRIME) is None


def test_warning_names_a_chart_with_more_series_than_styles() -> None:
    chart = dataclasses.replace(many_series(14, "column"), name="Forces")
    warning = too_many_series(chart)
    assert warning is not None
    assert warning.startswith(
        "chart 'Forces' has 14 series; only 12 can be told apart without colour"
    )
