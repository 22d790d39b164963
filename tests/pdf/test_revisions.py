"""Tracked changes: printed as accepted, and always reported."""

from __future__ import annotations

from lxml import etree
from tests.support import docx_fixtures as fx
from tests.support import pdf_text

from docgen.ooxml.ns import W_NS
from docgen.pdf.docx_reader import read_docx
from docgen.pdf.model import Paragraph, ParaProps, RunStyle, Table, Text
from docgen.pdf.revisions import MESSAGE, has_tracked_changes, join_deleted_marks, mark_deleted


def para(text: str, align: str = "left") -> Paragraph:
    return Paragraph(ParaProps(align=align), [Text(text, RunStyle())], RunStyle())


def test_a_deleted_paragraph_mark_joins_the_next_paragraph_which_keeps_its_format():
    first, second, third = para("First "), para("second", "center"), para("third")
    joined = join_deleted_marks([first, second, third], {id(first)})
    assert [p.text for p in joined] == ["First second", "third"]
    assert joined[0].props.align == "center"


def test_a_deleted_mark_before_a_table_or_at_the_end_stays():
    table = Table([10.0], [])
    first, last = para("Before"), para("Last")
    assert join_deleted_marks([first, table, last], {id(first), id(last)}) == [
        first, table, last]


def test_what_counts_as_a_tracked_change():
    body = etree.fromstring(f'<w:body xmlns:w="{W_NS}"><w:p><w:r><w:rPr><w:b/><w:rPrChange/>'
                            "</w:rPr></w:r></w:p></w:body>")
    assert has_tracked_changes(body)
    assert not has_tracked_changes(etree.fromstring(f'<w:body xmlns:w="{W_NS}"><w:p/></w:body>'))
    ppr = etree.fromstring(f'<w:pPr xmlns:w="{W_NS}"><w:rPr><w:del/></w:rPr></w:pPr>')
    assert mark_deleted(ppr) and not mark_deleted(None)


def test_the_document_is_read_with_every_change_accepted(tmp_path):
    model = read_docx(fx.tracked_changes(tmp_path / "changes.docx"))
    blocks = model.sections[0].blocks
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert texts[:2] == ["The budget was approved by members.", "The next paragraph stays."]
    table = next(b for b in blocks if isinstance(b, Table))
    assert [row.cells[0].blocks[0].text for row in table.rows] == ["Kept row one",
                                                                   "Kept row three"]
    assert [w.message for w in model.warnings] == [MESSAGE]


def test_the_pdf_shows_the_accepted_text_and_warns(render):
    pdf, warnings = render(fx.tracked_changes)
    text = pdf_text(pdf)[0]
    assert "approved" in text and "rejected" not in text and "deleted" not in text
    assert "Deleted row" not in text and "Kept row three" in text
    assert any("tracked changes" in w.message for w in warnings)


def test_no_warning_without_tracked_changes(render):
    _, warnings = render(fx.small_caps)
    assert not any("tracked" in w.message for w in warnings)


def test_a_deleted_list_item_takes_no_number(tmp_path):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = fx.arial_document()
    items = [d.add_paragraph(text, style="List Number") for text in ("One", "", "Three")]
    items[1]._p.append(fx._revision("del", "Two", 7))
    mark = OxmlElement("w:del")
    mark.set(qn("w:id"), "8")
    mark.set(qn("w:author"), "Clerk")
    fx._mark_rpr(items[1]).append(mark)
    model = read_docx(fx.save(d, tmp_path / "list.docx"))
    paragraphs = [b for b in model.sections[0].blocks if isinstance(b, Paragraph)]
    assert [(p.label.text, p.text) for p in paragraphs] == [("1.", "One"), ("2.", "Three")]
