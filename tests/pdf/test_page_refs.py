"""Page references settled by pagination: a table of contents' page numbers in docgen's PDF are
the pages its headings are on, whatever the .docx had cached, each entry linked to its page."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from tests.support import docx_fixtures as fx
from tests.support.pdf_links import internal_links, line_words, outline_pages

from docgen.pdf import export_pdf
from docgen.pdf import page_refs as page_refs_module
from docgen.pdf.blocks import Layouter
from docgen.pdf.document import lay_out, load_model
from docgen.pdf.fonts import FontSet
from docgen.pdf.model import PageRef
from docgen.pdf.page_refs import bookmark_numbers

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HEADINGS = [("Introduction", "_Toc101", 1), ("Background", "_Toc102", 2),
            ("Conclusions", "_Toc103", 1)]


def _entry(text: str, mark: str, cached: str, tab: int, first: bool, last: bool) -> str:
    """A TOC entry as Word writes it: hyperlink to the bookmark, tab, PAGEREF with `cached`."""
    start = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
             ' TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>') if first else ""
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if last else ""
    return (f'<w:p {W}><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{tab}"/>'
            f'</w:tabs></w:pPr>{start}<w:hyperlink w:anchor="{mark}" w:history="1">'
            f'<w:r><w:t>{text}</w:t></w:r><w:r><w:tab/></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGEREF {mark} \\h </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{cached}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
            f'</w:hyperlink>{end}</w:p>')


def stale_toc(path: Path, cached: str = "9", roman: bool = False) -> Path:
    """A foreign .docx: a table of contents whose cached page numbers are all `cached`, then
    three headings, each bookmarked, on pages 2, 3 and 4 (page breaks before them)."""
    d = fx.arial_document()
    section = d.sections[0]
    tab = int((section.page_width - section.left_margin - section.right_margin) / 635)
    d.add_paragraph("Contents")
    for index, (text, mark, _) in enumerate(HEADINGS):
        d.element.body.insert(len(d.element.body) - 1, parse_xml(
            _entry(text, mark, cached, tab, index == 0, index == len(HEADINGS) - 1)))
    for number, (text, mark, level) in enumerate(HEADINGS):
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        heading = d.add_heading(level=level)
        heading._p.append(parse_xml(f'<w:bookmarkStart {W} w:id="{number}" w:name="{mark}"/>'))
        heading.add_run(text)
        heading._p.append(parse_xml(f'<w:bookmarkEnd {W} w:id="{number}"/>'))
        d.add_paragraph(fx.BODY)
    if roman:
        section._sectPr.append(parse_xml(f'<w:pgNumType {W} w:fmt="lowerRoman"/>'))
    return fx.save(d, path)


@pytest.fixture(scope="module")
def stale_pdf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("stale")
    pdf = folder / "stale.pdf"
    assert export_pdf(stale_toc(folder / "stale.docx"), pdf) == []
    return pdf


def test_the_pdf_shows_where_the_headings_are_not_the_stale_numbers(stale_pdf):
    lines = line_words(stale_pdf, 1)
    entries = [line for line in lines if line.startswith(tuple(h[0] for h in HEADINGS))]
    assert [e.replace(".", " ").split()[-1] for e in entries] == ["2", "3", "4"]
    assert [e.split(".")[0].strip() for e in entries] == [h[0] for h in HEADINGS]
    headings = {title: page for title, page in outline_pages(stale_pdf)}
    assert headings == {"Introduction": 2, "Background": 3, "Conclusions": 4}


def test_each_entry_links_to_its_headings_page(stale_pdf):
    links = internal_links(stale_pdf, pages=1)
    # The entry's text and its page number are each a link, top to bottom.
    rows: dict[float, set[int]] = {}
    for _, rect, target in links:
        rows.setdefault(rect[1], set()).add(target)
    assert [targets for _, targets in sorted(rows.items(), reverse=True)] == [{2}, {3}, {4}]
    assert len(links) == 6


def test_page_numbers_follow_the_sections_number_format(tmp_path):
    pdf = tmp_path / "roman.pdf"
    export_pdf(stale_toc(tmp_path / "roman.docx", roman=True), pdf)
    entries = [line for line in line_words(pdf, 1) if line.startswith("Background")]
    assert entries and entries[0].replace(".", " ").split()[-1] == "iii"


def test_the_model_holds_one_page_ref_per_entry_with_its_bookmark(tmp_path):
    model = load_model(str(stale_toc(tmp_path / "refs.docx", cached="77")))
    refs = [item for block in model.sections[0].blocks for item in getattr(block, "inlines", [])
            if isinstance(item, PageRef)]
    assert [(r.bookmark, r.text) for r in refs] == [(m, "77") for _, m, _ in HEADINGS]
    assert all(r.anchor == r.bookmark for r in refs)
    _, pages = lay_out(model)
    assert [r.text for r in refs] == ["2", "3", "4"]
    assert bookmark_numbers(pages) == {"_Toc101": "2", "_Toc102": "3", "_Toc103": "4"}


def test_numbers_that_move_no_line_are_put_in_without_paginating_again(tmp_path, monkeypatch):
    runs = []
    original = page_refs_module.Paginator.run

    def counted(self):
        runs.append(1)
        return original(self)

    monkeypatch.setattr(page_refs_module.Paginator, "run", counted)
    model = load_model(str(stale_toc(tmp_path / "once.docx", cached="")))
    _, pages = lay_out(model)
    assert len(runs) == 1
    texts = [frag.text for op in pages[0].ops if op.kind == "line" for frag in op.obj.frags]
    assert {"2", "3", "4"} <= set(texts)


def test_a_number_that_moves_a_line_is_paginated_again(tmp_path, monkeypatch):
    """A reference at the end of a full line: its real number no longer fits, the paragraph
    takes two lines, and the pages are made again with it."""
    runs = []
    original = page_refs_module.Paginator.run

    def counted(self):
        runs.append(1)
        return original(self)

    monkeypatch.setattr(page_refs_module.Paginator, "run", counted)
    d = fx.arial_document()
    para = d.add_paragraph("see ")
    fx.add_field(para, "PAGEREF _Toc9 \\h", cached="")
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    target = d.add_paragraph("Target")
    target._p.insert(1, parse_xml(f'<w:bookmarkStart {W} w:id="9" w:name="_Toc9"/>'))
    model = load_model(str(fx.save(d, tmp_path / "moves.docx")))
    block = model.sections[0].blocks[0]
    text, ref = block.inlines[0], block.inlines[-1]
    assert isinstance(ref, PageRef) and ref.text == ""
    layouter = Layouter(model, FontSet())
    # Words until the line is full: one more "x" would not fit, so neither does the "2".
    width = 0
    while len(layouter.paragraph(block, model.sections[0].body_width).lines) == 1:
        width += 1
        text.text = f"see {'x' * width} "
    text.text = f"see {'x' * (width - 1)} "
    runs.clear()
    _, pages = lay_out(model)
    assert len(runs) == 2
    lines = [op.obj for op in pages[0].ops if op.kind == "line"]
    assert [f.text for f in lines[1].frags] == ["2"]
    assert lines[0].frags[-1].text.strip().endswith("x")
