"""The accessibility check of built reports: one fixture per rule, and the example passes."""

import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.run import Run
from lxml import etree
from tests.support import EXAMPLE, MINIMAL

import docgen
from docgen import accessibility
from docgen.accessibility import check_document, check_docx
from docgen.api import default_template
from docgen.cli import cli
from docgen.render import render_docx
from docgen.report import build_report
from docgen.template_check import docx_parts
from docgen.workbook import load_workbook

ROOT = Path(__file__).resolve().parents[1]


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(
        b"IEND", b"")


def accessible_document() -> docx.Document:
    """A document that passes every rule; each test breaks one."""
    document = docx.Document()
    document.core_properties.title = "Quarterly Report"
    document.styles["Normal"].font.size = Pt(12)
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    rpr.append(lang)
    document.add_paragraph("1. Background", style="Heading 1")
    document.add_paragraph("Crime is down.")
    document.add_paragraph("a. Detail", style="Heading 2")
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate([["Area", "Crimes"], ["North", "5"], ["South", "6"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    return document


def problems_of(tmp_path, document) -> list[str]:
    """The problems found in the saved file; the in-memory check (as a build runs it) must
    find exactly the same."""
    path = tmp_path / "report.docx"
    document.save(path)
    found = [str(p) for p in check_docx(path)]
    assert [str(p) for p in check_document(document, name="report.docx")] == found
    return found


def test_the_fixture_passes(tmp_path):
    assert problems_of(tmp_path, accessible_document()) == []


def test_the_built_example_passes(built_example):
    assert check_docx(built_example) == []


def test_a_skipped_heading_level_is_named(tmp_path):
    document = accessible_document()
    document.add_paragraph("Deep", style="Heading 4")
    [problem] = problems_of(tmp_path, document)
    assert problem == ('report.docx, body, paragraph 4: Heading 4 "Deep" follows Heading 2: a '
                       "heading level is skipped")


def test_an_empty_heading_is_named(tmp_path):
    document = accessible_document()
    document.add_paragraph("", style="Heading 2")
    [problem] = problems_of(tmp_path, document)
    assert "paragraph 4: an empty Heading 2" in problem


def test_a_picture_without_alt_text_is_named(tmp_path):
    image = tmp_path / "dot.png"
    image.write_bytes(tiny_png())
    document = accessible_document()
    document.add_picture(str(image))
    [problem] = problems_of(tmp_path, document)
    assert "paragraph 4: 'Picture 1' has no alt text" in problem
    doc_pr = document.inline_shapes[0]._inline.docPr
    doc_pr.set("descr", "A white dot")
    assert problems_of(tmp_path, document) == []


def test_a_data_table_without_a_header_row_is_named(tmp_path):
    document = accessible_document()
    trpr = document.tables[0].rows[0]._tr.trPr
    trpr.remove(trpr.find(qn("w:tblHeader")))
    [problem] = problems_of(tmp_path, document)
    assert problem.startswith('report.docx, body, table 1: the first row ("Area | Crimes") is not '
                              "marked as a header row")


def test_a_merged_cell_in_the_data_is_named(tmp_path):
    document = accessible_document()
    table = document.tables[0]
    table.cell(1, 0).merge(table.cell(1, 1))
    [problem] = problems_of(tmp_path, document)
    assert problem.startswith("report.docx, body, table 1, row 2, cell 1: a merged cell")


def test_a_merged_cell_is_named_in_its_own_table_below_its_header_rows(tmp_path):
    document = accessible_document()
    table = document.tables[0]
    table.cell(0, 0).merge(table.cell(0, 1))  # in the header row: allowed
    inner = table.cell(2, 1).add_table(rows=2, cols=2)
    inner.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    inner.cell(1, 0).merge(inner.cell(1, 1))
    [problem] = problems_of(tmp_path, document)
    assert problem.startswith("report.docx, body, table 1, row 3, cell 2, table 1, row 2, cell 1: "
                              "a merged cell")


def test_layout_and_label_tables_need_no_header_row(tmp_path):
    document = accessible_document()
    document.styles.add_style("Header Block", WD_STYLE_TYPE.TABLE)
    layout = document.add_table(rows=2, cols=2)
    layout.style = document.styles["Header Block"]
    labels = document.add_table(rows=2, cols=2)
    look = labels._tbl.tblPr.find(qn("w:tblLook"))
    look.set(qn("w:firstRow"), "0")
    look.set(qn("w:firstColumn"), "1")
    assert problems_of(tmp_path, document) == []


def test_title_and_language_are_required(tmp_path):
    document = accessible_document()
    document.core_properties.title = ""
    for lang in document.styles.element.iter(qn("w:lang")):
        lang.getparent().remove(lang)
    document.core_properties.language = ""
    found = problems_of(tmp_path, document)
    assert any(p.startswith("report.docx: the document has no title") for p in found)
    assert any(p.startswith("report.docx: the document has no language") for p in found)


def test_small_body_text_is_named(tmp_path):
    document = accessible_document()
    document.add_paragraph().add_run("Small print").font.size = Pt(9)
    [problem] = problems_of(tmp_path, document)
    assert problem == ('report.docx, body, paragraph 4: text of 9pt is smaller than 11pt: '
                       '"Small print"')


def test_table_text_may_be_smaller_but_not_tiny(tmp_path):
    document = accessible_document()
    document.tables[0].cell(1, 1).paragraphs[0].runs[0].font.size = Pt(9)
    assert problems_of(tmp_path, document) == []
    document.tables[0].cell(1, 1).paragraphs[0].runs[0].font.size = Pt(7)
    [problem] = problems_of(tmp_path, document)
    assert "table 1, row 2, cell 2: text of 7pt is smaller than 8pt" in problem


def add_link(paragraph, text: str) -> None:
    link = OxmlElement("w:hyperlink")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def test_text_in_a_link_is_its_paragraph_s_text(tmp_path):
    document = accessible_document()
    paragraph = document.add_paragraph("See ")
    add_link(paragraph, "the statement")
    Run(paragraph._p.find(qn("w:hyperlink")).find(qn("w:r")), paragraph).font.size = Pt(7)
    [problem] = problems_of(tmp_path, document)
    assert problem == ('report.docx, body, paragraph 4: text of 7pt is smaller than 11pt: '
                       '"See the statement"')


@pytest.mark.parametrize("text, expected", [
    ("click here", 'the link text "click here" does not say where it goes'),
    ("https://www.lancashire.police.uk", "the link text is a bare web address"),
])
def test_link_text_must_make_sense_alone(tmp_path, text, expected):
    document = accessible_document()
    add_link(document.add_paragraph("For more, "), text)
    [problem] = problems_of(tmp_path, document)
    assert expected in problem
    sensible = accessible_document()
    add_link(sensible.add_paragraph("See "), "the Force Management Statement")
    assert problems_of(tmp_path, sensible) == []


def test_colour_alone_is_named(tmp_path):
    document = accessible_document()
    paragraph = document.add_paragraph("Targets met: ")
    paragraph.add_run("Burglary").font.color.rgb = RGBColor(0xC0, 0, 0)
    paragraph.add_run(" and robbery.")
    [problem] = problems_of(tmp_path, document)
    assert '"Burglary" differs from the text around it only by its colour' in problem
    paragraph.runs[1].bold = True
    assert problems_of(tmp_path, document) == []


def test_every_build_adds_accessibility_warnings(tmp_path):
    template = tmp_path / "small.docx"
    document = docx.Document(ROOT / "templates" / "report.docx")
    document.styles["Normal"].font.size = Pt(9)
    document.save(template)
    result = docgen.build(MINIMAL, template=template, outdir=tmp_path / "out")
    assert any("smaller than 11pt" in p.message and p.sheet.startswith("minimal.docx, body")
               for p in result.warnings)


def test_check_a_report_docx_on_the_command_line(tmp_path, built_example):
    ok = CliRunner().invoke(cli, ["check", str(built_example)])
    assert ok.exit_code == 0 and "no accessibility problems" in ok.output
    document = accessible_document()
    document.add_paragraph("Deep", style="Heading 4")
    path = tmp_path / "report.xlsx"  # named like a workbook: the bytes decide
    document.save(path)
    bad = CliRunner().invoke(cli, ["check", str(path)])
    assert bad.exit_code == 2 and "warning: report.xlsx, body, paragraph 4" in bad.output


def test_the_in_memory_check_of_a_build_reads_the_parts_as_saved(tmp_path, monkeypatch):
    """A build checks the document it has just rendered without reading the file back.
    docxtpl swaps rendered header and footer parts in behind python-docx's back, so the
    check must see those parts exactly as they were saved, not the template's."""
    report, _ = build_report(load_workbook(EXAMPLE))
    saved = tmp_path / "report.docx"
    document = render_docx(report, default_template(), saved)
    seen = {}

    def record(parts, styles_root, core_root, *, name):
        seen.update(parts=parts, styles=styles_root, core=core_root)
        return []

    monkeypatch.setattr(accessibility, "check_parts", record)
    check_document(document, name="report.docx")

    def canonical(root) -> bytes:
        return etree.tostring(root, method="c14n")

    on_disk = docx_parts(saved)
    assert [label for label, _ in seen["parts"]] == [label for label, _ in on_disk]
    for (_, in_memory), (_, from_file) in zip(seen["parts"], on_disk, strict=True):
        assert canonical(in_memory) == canonical(from_file)
    assert b"Item 2" in canonical(dict(seen["parts"])["header1.xml"])
    with zipfile.ZipFile(saved) as archive:
        for root, part in ((seen["styles"], "word/styles.xml"),
                           (seen["core"], "docProps/core.xml")):
            assert canonical(root) == canonical(etree.fromstring(archive.read(part)))
