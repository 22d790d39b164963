"""A table of contents with real page numbers: `{{ toc }}` or a Word TOC field in the template
becomes a Word TOC field whose entries (TOC n styles, links to `_Toc` bookmarks on the headings)
carry the pages docgen's PDF engine puts the headings on; the PDF shows and links the same."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from tests.support import EXAMPLE, ROOT, needs_soffice
from tests.support import docx_fixtures as fx
from tests.support.pdf_links import internal_links, line_words, outline_pages

import docgen
from docgen.ooxml.ns import qn
from docgen.pdf import export_pdf
from docgen.toc import INSTRUCTION, add_tables_of_contents, find_spots, parse_instruction

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
COUNCIL = ROOT / "examples" / "council"


# --- reading what a TOC field asks for ---------------------------------------------------------


def test_instructions_give_levels_styles_and_links():
    default = parse_instruction(INSTRUCTION)
    assert (default.low, default.high, default.direct, default.links) == (1, 3, True, True)
    two = parse_instruction('TOC \\o "1-2" \\z')
    assert (two.low, two.high, two.direct, two.links) == (1, 2, False, False)
    styled = parse_instruction('TOC \\h \\t "Annex Title,1,Annex Part,2"')
    assert styled.styles == {"annex title": 1, "annex part": 2}
    assert styled.high < styled.low  # no outline levels: only the styles named
    assert parse_instruction("TOC \\u").high == 9
    assert parse_instruction("TOC \\o").high == 9
    assert parse_instruction("TOC \\h \\z").high == 0  # TC fields only: none listed


# --- a document with a Word table of contents --------------------------------------------------


def _entry_rows(document) -> list[tuple[str, str, str, str]]:
    """(style id, anchor, text, cached number) of each TOC entry paragraph."""
    rows = []
    for para in document.element.body.iter(qn("w:p")):
        link = para.find(qn("w:hyperlink"))
        style = para.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if link is None or style is None or not style.get(qn("w:val")).startswith("TOC"):
            continue
        texts = [t.text for t in link.iter(qn("w:t"))]
        rows.append((style.get(qn("w:val")), link.get(qn("w:anchor")), "".join(texts[:-1]),
                     texts[-1]))
    return rows


def _with_stale_toc(instruction: str = 'TOC \\o "1-2" \\h \\z \\u'):
    """A python-docx document: a Word TOC field with one stale entry, then headings at three
    levels over four pages, one heading inside a table."""
    d = fx.arial_document()
    d.add_paragraph("Contents")
    d.element.body.insert(1, parse_xml(
        f'<w:p {W}><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
        f'xml:space="preserve"> {instruction} </w:instrText></w:r><w:r><w:fldChar '
        'w:fldCharType="separate"/></w:r><w:r><w:t>Old entry 99</w:t></w:r></w:p>'))
    d.element.body.insert(2, parse_xml(
        f'<w:p {W}><w:r><w:t>Old entry 2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/>'
        '</w:r></w:p>'))
    for page, (text, level) in enumerate([("Introduction", 1), ("Scope", 2), ("Detail", 3),
                                          ("Findings", 1), ("Conclusions", 2)]):
        if page:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        d.add_heading(text, level)
        d.add_paragraph(fx.BODY * 3)
    d.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].style = d.styles["Heading 1"]
    d.tables[0].cell(0, 0).paragraphs[0].text = "In a table"
    return d


@pytest.fixture(scope="module")
def stale(tmp_path_factory):
    """The stale document with its table of contents filled, saved, and docgen's PDF of it."""
    folder = tmp_path_factory.mktemp("toc")
    d = _with_stale_toc()
    warnings: list = []
    count = add_tables_of_contents(d, name="stale.docx", warnings=warnings)
    path = fx.save(d, folder / "stale.docx")
    pdf = folder / "stale.pdf"
    export_pdf(path, pdf)
    return docx.Document(str(path)), pdf, count, warnings


def test_a_word_toc_field_is_replaced_and_keeps_its_instruction(stale):
    document, _, count, warnings = stale
    assert count == 4 and warnings == []
    body = document.element.body
    instructions = [t.text.strip() for t in body.iter(qn("w:instrText"))]
    assert instructions[0] == 'TOC \\o "1-2" \\h \\z \\u'
    assert [i.split()[0] for i in instructions[1:]] == ["PAGEREF"] * 4
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Old entry" not in text
    kinds = [c.get(qn("w:fldCharType")) for c in body.iter(qn("w:fldChar"))]
    assert kinds.count("begin") == kinds.count("end") == 5


def test_entries_list_the_headings_at_the_levels_asked_for(stale):
    document, *_ = stale
    rows = _entry_rows(document)
    # Heading 3 is below "1-2"; a heading inside a table is not listed.
    assert [text for _, _, text, _ in rows] == [
        "Introduction", "Scope", "Findings", "Conclusions"]
    assert [style for style, *_ in rows] == ["TOC1", "TOC2", "TOC1", "TOC2"]


def test_headings_get_bookmarks_the_entries_link_to(stale):
    document, *_ = stale
    marks = {}
    for para in document.element.body.iter(qn("w:p")):
        for start in para.iter(qn("w:bookmarkStart")):
            marks[start.get(qn("w:name"))] = "".join(t.text for t in para.iter(qn("w:t")))
    rows = _entry_rows(document)
    assert [marks[anchor] for _, anchor, _, _ in rows] == [
        "Introduction", "Scope", "Findings", "Conclusions"]
    assert all(anchor.startswith("_Toc") for _, anchor, _, _ in rows)
    ids = [s.get(qn("w:id")) for s in document.element.body.iter(qn("w:bookmarkStart"))]
    assert len(ids) == len(set(ids))


def test_cached_numbers_are_where_docgens_pdf_puts_the_headings(stale):
    document, pdf, *_ = stale
    pages = dict(outline_pages(pdf))
    rows = _entry_rows(document)
    assert [number for *_, number in rows] == ["1", "2", "4", "5"]
    assert [str(pages[text]) for _, _, text, _ in rows] == ["1", "2", "4", "5"]
    targets = [target for page, _, target in internal_links(pdf) if page == 1]
    assert targets == [1, 1, 2, 2, 4, 4, 5, 5]  # each entry's text and number, in order


def test_word_toc_styles_are_added_when_the_document_lacks_them(stale):
    document, *_ = stale
    names = {s.style_id: s.name for s in document.styles if s.type == 1}
    assert names["TOC1"].lower() == "toc 1" and names["TOC2"].lower() == "toc 2"
    tab = document.element.body.find(f".//{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}")
    section = document.sections[0]
    width = (section.page_width - section.left_margin - section.right_margin) // 635
    assert (tab.get(qn("w:val")), tab.get(qn("w:leader")), tab.get(qn("w:pos"))) == (
        "right", "dot", str(width))


def test_simple_fields_and_contents_controls_are_found():
    d = fx.arial_document()
    body = d.element.body
    body.insert(0, parse_xml(f'<w:p {W}><w:fldSimple w:instr=" TOC \\o &quot;1-1&quot; ">'
                             '<w:r><w:t>stale</w:t></w:r></w:fldSimple></w:p>'))
    body.insert(1, parse_xml(
        f'<w:sdt {W}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        '</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Contents</w:t></w:r></w:p>'
        '</w:sdtContent></w:sdt>'))
    spots = find_spots(body)
    assert [s.instruction for s in spots] == ['TOC \\o "1-1"', INSTRUCTION]
    assert spots[1].blocks[0].getparent().tag == qn("w:sdtContent")


def test_a_toc_with_no_heading_to_list_is_a_warning():
    d = fx.arial_document()
    d.element.body.insert(0, parse_xml(f'<w:p {W}><w:fldSimple w:instr="TOC \\o"/></w:p>'))
    warnings: list = []
    assert add_tables_of_contents(d, name="empty.docx", warnings=warnings) == 0
    assert [w.message for w in warnings] == [
        "the table of contents lists nothing: the report has no headings at its levels"]
    kinds = [c.get(qn("w:fldCharType")) for c in d.element.body.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]


# --- a build: {{ toc }} in the default template, and the council's layout ----------------------


def _template_with_toc(path: Path) -> Path:
    """The default template with "Contents" and {{ toc }} before its header block."""
    d = docx.Document(str(ROOT / "templates" / "report.docx"))
    first = d.element.body[0]
    for text, style in (("Contents", "TOC Heading"), ("{{ toc }}", "Normal")):
        first.addprevious(d.add_paragraph(text, style=style)._p)
    return fx.save(d, path)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("built")
    template = _template_with_toc(folder / "template.docx")
    return docgen.build(EXAMPLE, template=template, outdir=folder, pdf=True)


def test_the_build_fills_the_toc_with_the_narratives_headings(built):
    assert built.warnings == []
    document = docx.Document(str(built.docx))
    rows = _entry_rows(document)
    outline = outline_pages(built.pdf)
    # Every heading of the PDF's outline at levels 1-3, with its list number, in order.
    assert [text for _, _, text, _ in rows] == [title for title, _ in outline]
    assert rows[0][2] == "1. Issue for Consideration" and rows[0][0] == "TOC1"
    assert [number for *_, number in rows] == [str(page) for _, page in outline]
    assert {style for style, *_ in rows} == {"TOC1", "TOC2", "TOC3"}
    instr = next(document.element.body.iter(qn("w:instrText"))).text.strip()
    assert instr == INSTRUCTION
    assert not any(c.get(qn("w:dirty")) for c in document.element.body.iter(qn("w:fldChar")))
    # The template's TOC styles were used, none added.
    assert sum(s.name.lower() == "toc 1" for s in document.styles) == 1


def test_the_pdf_links_each_entry_to_its_page(built):
    document = docx.Document(str(built.docx))
    numbers = [int(number) for *_, number in _entry_rows(document)]
    links = internal_links(built.pdf, pages=2)
    # Each entry's number is a link at the right margin, and so is its text (on each of its
    # lines), to the same page.
    at_margin = [(page, rect, target) for page, rect, target in links if rect[0] > 400]
    assert [target for *_, target in at_margin] == numbers
    for page, rect, target in links:
        same_row = [t for p, r, t in at_margin if p == page and abs(r[1] - rect[1]) < 1]
        assert same_row in ([target], []), (page, rect, target)
    assert len(links) > 2 * len(numbers)  # one entry's text runs over two lines
    assert "Contents" in line_words(built.pdf, 1)[:2]  # under the header's "Item 2"


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    folder = tmp_path_factory.mktemp("council_toc")
    return docgen.build(COUNCIL / "council.xlsx", template=COUNCIL / "template.docx",
                        outdir=folder, pdf=True)


def test_the_council_layout_has_its_own_toc(council):
    document = docx.Document(str(council.docx))
    rows = _entry_rows(document)
    outline = outline_pages(council.pdf)
    assert [text for _, _, text, _ in rows] == [title for title, _ in outline]
    assert [number for *_, number in rows] == [str(page) for _, page in outline]
    assert document.styles["toc 1"].font.bold is True  # the council's own TOC 1
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[:2] == ["Quarterly Report", "Contents"]


@pytest.mark.libreoffice
@pytest.mark.slow
@needs_soffice
def test_libreoffice_shows_the_cached_numbers_where_it_puts_the_headings(council, tmp_path):
    """LibreOffice opens the .docx with the cached table of contents, and its own pagination
    puts every heading on the page the entry names (read from its PDF's outline)."""
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(council.docx)], check=True, capture_output=True, timeout=300)
    theirs = tmp_path / f"{council.docx.stem}.pdf"
    rows = _entry_rows(docx.Document(str(council.docx)))
    headings = outline_pages(theirs)
    assert [text for _, _, text, _ in rows] == [title for title, _ in headings]
    assert [number for *_, number in rows] == [str(page) for _, page in headings]
    shown = [line for line in line_words(theirs, 1) if line.startswith(rows[0][2])]
    assert shown and shown[0].endswith(rows[0][3])


def test_toc_placeholders_where_no_table_can_go_are_removed(tmp_path, edit_workbook):
    """{{ toc }} in a header or a table cell leaves nothing foreign behind; more than ten
    tables of contents is a warning, the rest removed."""
    d = docx.Document(str(ROOT / "templates" / "report.docx"))
    d.sections[0].header.add_paragraph("{{ toc }}")
    d.tables[0].cell(0, 0).paragraphs[0].add_run("{{ toc }}")
    for _ in range(12):
        d.element.body[0].addprevious(d.add_paragraph("{{ toc }}")._p)
    result = docgen.build(edit_workbook(), template=fx.save(d, tmp_path / "t.docx"),
                          outdir=tmp_path / "out")
    with zipfile.ZipFile(result.docx) as package:
        xml = b"".join(package.read(n) for n in package.namelist() if n.endswith(".xml"))
    assert b"urn:docgen:toc" not in xml
    document = docx.Document(str(result.docx))
    instructions = [t.text.split()[0] for t in document.element.body.iter(qn("w:instrText"))]
    assert instructions.count("TOC") == 10
    assert [str(w) for w in result.warnings if "tables of contents" in str(w)] == [
        "t.docx: the template asks for 12 tables of contents: only the first 10 are filled"]


def test_a_toc_paragraph_tag_works_too(tmp_path, edit_workbook):
    d = docx.Document(str(ROOT / "templates" / "report.docx"))
    d.element.body[0].addprevious(d.add_paragraph("{{p toc }}")._p)
    result = docgen.build(edit_workbook(), template=fx.save(d, tmp_path / "p.docx"),
                          outdir=tmp_path / "out")
    rows = _entry_rows(docx.Document(str(result.docx)))
    assert [(style, text) for style, _, text, _ in rows][:2] == [
        ("TOC1", "1. Purpose"), ("TOC1", "2. Incidents")]
    assert result.warnings == []
