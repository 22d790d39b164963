"""export_pdf on one-feature documents: text, positions, pages, links, outline, metadata."""

from __future__ import annotations

import io
import zipfile

import pdfplumber
import pypdf
import pytest
from tests.support import docx_fixtures as fx
from tests.support import pdf_text

from docgen.exceptions import ExportError
from docgen.pdf import export_pdf


def test_default_output_path_is_beside_the_docx(tmp_path):
    source = fx.headings(tmp_path / "report.docx")
    assert export_pdf(source) == []
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")


def test_not_a_docx_raises_export_error(tmp_path):
    bogus = tmp_path / "notes.docx"
    bogus.write_text("plain text")
    with pytest.raises(ExportError, match="not a Word"):
        export_pdf(bogus, tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


def test_missing_file_and_broken_zip_raise_export_error(tmp_path):
    with pytest.raises(ExportError, match="no such file"):
        export_pdf(tmp_path / "absent.docx")
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("hello.txt", "no document here")
    with pytest.raises(ExportError, match="not a readable Word"):
        export_pdf(broken)


def test_unknown_engine_is_refused(tmp_path):
    with pytest.raises(ExportError, match="unknown PDF engine"):
        export_pdf(fx.headings(tmp_path / "a.docx"), engine="word")


def test_failed_export_keeps_the_previous_pdf(tmp_path):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"%PDF-old")
    bogus = tmp_path / "bad.docx"
    bogus.write_bytes(b"PK\x03\x04broken")
    with pytest.raises(ExportError):
        export_pdf(bogus, target)
    assert target.read_bytes() == b"%PDF-old"


def test_merged_cells_text_and_positions(render):
    pdf, _ = render(fx.merged_table)
    with pdfplumber.open(pdf) as doc:
        words = {w["text"]: w for w in doc.pages[0].extract_words()}
    assert "Merged" in words and "Side" in words
    # the merged heading starts in the first column, row texts sit in columns B and C
    assert words["Merged"]["x0"] < words["B"]["x0"] < words["C"]["x0"]
    assert words["Side"]["top"] < words["Row"]["top"] + 1


def test_multilevel_list_labels(render):
    pdf, _ = render(fx.multilevel_list)
    text = pdf_text(pdf)[0]
    assert "1. First item" in text.replace("\t", " ")
    assert "a. Sub item one" in text and "b. Sub item two" in text
    assert "i. Deep item" in text and "2. Second item" in text
    with pdfplumber.open(pdf) as doc:
        words = {w["text"]: w["x0"] for w in doc.pages[0].extract_words()}
    assert words["First"] < words["Sub"] < words["Deep"]


def test_page_x_of_y_in_footer(render):
    pdf, _ = render(fx.page_numbers)
    pages = pdf_text(pdf)
    assert len(pages) == 2
    assert "Page 1 of 2" in pages[0] and "Page 2 of 2" in pages[1]
    assert "Committee report header" in pages[1]


def test_landscape_section_gets_a_landscape_page(render):
    pdf, _ = render(fx.landscape)
    reader = pypdf.PdfReader(str(pdf))
    first, second = (p.mediabox for p in reader.pages)
    assert first.width < first.height
    assert second.width > second.height
    assert "Landscape page." in reader.pages[1].extract_text()


def test_picture_drawn_at_its_size(render, tmp_path):
    from PIL import Image

    image = tmp_path / "dot.png"
    Image.new("RGB", (200, 100), (200, 30, 30)).save(image)
    pdf, warnings = render(fx.picture, image)
    assert warnings == []
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        (img,) = page.images
        assert img["width"] == pytest.approx(144, abs=0.5)
        assert img["height"] == pytest.approx(72, abs=0.5)
        words = {w["text"]: w for w in page.extract_words()}
        assert words["Before"]["bottom"] <= img["top"] + 0.5
        assert img["bottom"] <= words["After"]["top"] + 0.5


def test_non_latin1_text_survives(render):
    pdf, _ = render(fx.welsh_text)
    text = pdf_text(pdf)[0]
    for piece in ("Gŵyl", "Dŷ", "€5", "“quoted”", "‘single’", "–", "—"):
        assert piece in text


def test_justified_lines_reach_the_right_margin_but_the_last(render):
    pdf, _ = render(fx.justified)
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[0].extract_words()
    ends: dict[float, float] = {}
    for word in words:
        ends[round(word["top"])] = max(ends.get(round(word["top"]), 0.0), word["x1"])
    rows = [ends[top] for top in sorted(ends)]
    half = len(rows) // 2  # the justified paragraph's lines, then the left-aligned ones
    *stretched, last = rows[:half]
    assert len(stretched) >= 2
    assert max(stretched) - min(stretched) < 0.5
    assert last < min(stretched) - 20
    assert max(rows[half:-1]) < min(stretched) - 0.5


def test_a_run_is_one_fragment_per_line_unless_the_line_is_stretched(tmp_path):
    from docgen.pdf.blocks import Layouter
    from docgen.pdf.docx_reader import read_docx
    from docgen.pdf.fonts import FontSet

    model = read_docx(fx.justified(tmp_path / "justified.docx"))
    section = model.sections[0]
    justified, left = Layouter(model, FontSet()).blocks(section.blocks,
                                                                    section.body_width)
    assert len(justified.lines) == len(left.lines) >= 3
    *stretched, last = justified.lines
    for line in stretched:  # a fragment per word, so the gaps between words can stretch
        assert len(line.frags) == len("".join(f.text for f in line.frags).split())
    assert len(last.frags) == 1
    assert all(len(line.frags) == 1 for line in left.lines)
    for line, other in zip(justified.lines, left.lines, strict=True):
        assert "".join(f.text for f in line.frags) == "".join(f.text for f in other.frags)


def test_long_table_repeats_its_header_row(render):
    pdf, _ = render(fx.long_table)
    pages = pdf_text(pdf)
    assert len(pages) >= 2
    for text in pages:
        assert "Header A" in text
    assert "Row 80" in pages[-1]
    with pdfplumber.open(pdf) as doc:
        tops = [w["top"] for w in doc.pages[1].extract_words() if w["text"] == "Header"]
    assert tops and min(tops) < 80


def test_hyperlink_is_clickable(render):
    pdf, _ = render(fx.hyperlink)
    page = pypdf.PdfReader(str(pdf)).pages[0]
    uris = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", [])]
    assert "https://www.example.org/report" in uris
    assert "See the report online for details." in page.extract_text()


def test_headings_make_an_outline(render):
    pdf, _ = render(fx.headings)
    reader = pypdf.PdfReader(str(pdf))

    def titles(items):
        for item in items:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title

    assert list(titles(reader.outline)) == ["Introduction", "Background", "Detail",
                                            "Conclusions"]
    assert isinstance(reader.outline[1], list)


def test_metadata_and_language(render):
    pdf, _ = render(fx.headings)
    reader = pypdf.PdfReader(str(pdf))
    meta = reader.metadata
    assert meta.title == "Performance report"
    assert meta.author == "Committee clerk"
    assert meta.subject == "Quarterly performance"
    assert "committee" in meta["/Keywords"]
    # python-docx's default document is marked en-US in its docDefaults: the PDF follows it.
    assert reader.trailer["/Root"]["/Lang"] == "en-US"


def test_the_pdf_language_follows_the_document(tmp_path):
    from docx.oxml.ns import qn

    d = fx.arial_document()
    d.add_paragraph("Adroddiad chwarterol")
    lang = d.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    lang.set(qn("w:val"), "cy-GB")
    pdf = tmp_path / "cy.pdf"
    export_pdf(fx.save(d, tmp_path / "cy.docx"), pdf)
    assert pypdf.PdfReader(str(pdf)).trailer["/Root"]["/Lang"] == "cy-GB"


def test_markup_like_text_is_printed_verbatim(tmp_path):
    d = fx.arial_document()
    d.add_paragraph("R&D <b>bold</b> costs < 5% & rising")
    pdf = tmp_path / "m.pdf"
    export_pdf(fx.save(d, tmp_path / "m.docx"), pdf)
    assert "R&D <b>bold</b> costs < 5% & rising" in pdf_text(pdf)[0]


def test_chart_without_drawing_module_becomes_placeholder(tmp_path, monkeypatch):
    import sys

    from docgen.pdf import render as render_module
    from docgen.pdf.model import InlineObject, RunStyle

    monkeypatch.setitem(sys.modules, "docgen.pdf.chart_drawing", None)
    ctx = render_module.RenderContext()
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO())
    chart = InlineObject("chart", 200, 100, RunStyle(), b"<chart/>")
    render_module.draw_object(canvas, chart, 72, 500, ctx)
    assert any("placeholder" in w.message for w in ctx.warnings)


def test_a_table_inside_a_cell_and_one_in_the_header_are_drawn_whole(tmp_path):
    source = fx.nested_table(tmp_path / "nested.docx")
    pdf = tmp_path / "nested.pdf"
    assert export_pdf(source, pdf) == []
    text = pdf_text(pdf)[0]
    assert text.index("Header left") < text.index("Outer A") < text.index("Inner 1.1")
    assert text.index("Inner 2.2") < text.index("After the inner table") < text.index("Outer D")
    yellow = (1.0, 0xDD / 255, 0.0)
    with pdfplumber.open(pdf) as doc:
        rects = doc.pages[0].rects
    shaded = [r for r in rects if r["fill"] and r["non_stroking_color"] == pytest.approx(yellow)]
    assert len(shaded) == 1  # the inner table's shaded cell, behind its text
