"""Footnote and endnote references: marks numbered as Word does, footnotes' text read (and
drawn), endnotes' text reported as left out."""

from __future__ import annotations

from lxml import etree
from tests.support import docx_fixtures as fx
from tests.support import pdf_text

from docgen.ooxml.ns import W_NS
from docgen.pdf.docx_reader import read_docx
from docgen.pdf.model import RunStyle
from docgen.pdf.notes import NOTE_MARK, NoteMarks, note_number


def ref(tag: str, custom: bool = False) -> etree._Element:
    extra = ' w:customMarkFollows="1"' if custom else ""
    return etree.fromstring(f'<w:{tag} xmlns:w="{W_NS}" w:id="1"{extra}/>')


def test_footnotes_count_in_numbers_and_endnotes_in_roman():
    notes, style = NoteMarks(), RunStyle()
    marks = [notes.reference(ref(tag), style).text for tag in (
        "footnoteReference", "endnoteReference", "footnoteReference", "endnoteReference")]
    assert marks == ["1", "i", "2", "ii"]
    assert notes.reference(ref("footnoteReference", custom=True), style) is None
    assert notes.problems() == [
        "the text of 2 footnotes (1 to 2) was left out of the PDF: only the reference marks "
        "are printed",
        "the text of 2 endnotes (i to ii) was left out of the PDF: only the reference marks "
        "are printed",
        "the text of 1 note with a custom mark was left out of the PDF: only the marks are "
        "printed"]


def test_no_notes_no_problems():
    assert NoteMarks().problems() == []


def test_footnotes_read_are_not_reported_and_their_marks_are_anchored():
    notes, style = NoteMarks(), RunStyle()
    notes.reference(ref("footnoteReference"), style)
    assert notes.footnotes == [("1", "1")]
    assert notes.anchor().name == NOTE_MARK + "1"
    assert note_number(notes.anchor().name) == "1" and note_number("_Toc1") is None
    notes.drawn = 1
    assert notes.problems() == []


def test_the_reader_keeps_each_footnotes_text_numbered_as_libreoffice_prints_it(tmp_path):
    model = read_docx(fx.footnotes(tmp_path / "notes.docx"))
    assert {n: [p.text for p in blocks] for n, blocks in model.footnotes.items()} == {
        "1": ["1Note 1 text."], "2": ["2Note 2 text."]}
    number = model.footnotes["1"][0].inlines[0]
    assert (number.text, number.style.size, number.style.vert_align) == ("1", 11.0, "baseline")
    assert model.warnings == []


def test_the_pdf_prints_the_marks_and_the_notes_without_a_warning(render):
    import pdfplumber

    pdf, warnings = render(fx.footnotes)
    text = pdf_text(pdf)[0]
    assert "with a note1 and more" in text and "with a note2 and more" in text
    assert "1Note 1 text." in text and "2Note 2 text." in text
    with pdfplumber.open(pdf) as document:
        marks = [(c["text"], round(c["x0"], 1), round(c["size"], 2))
                 for c in document.pages[0].chars if c["size"] < 10]
    # Where LibreOffice 7.4 draws them: superscript at 58% of 11 pt, right after "note".
    assert marks == [("1", 206.8, 6.38), ("2", 206.8, 6.38)]
    assert warnings == []
