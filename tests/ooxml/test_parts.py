"""The part walker and block iteration."""

from __future__ import annotations

import docx
import pytest

from docgen.exceptions import TemplateError
from docgen.ooxml.parts import (
    STORY_KINDS,
    TEMPLATE_KINDS,
    blocks,
    document_parts,
    docx_parts,
    paragraph_text,
    paragraphs,
    story_order,
)


def _document_with_header_and_table() -> docx.document.Document:
    document = docx.Document()
    document.add_paragraph("First")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "A"
    cell = table.cell(0, 1)
    cell.text = "B"
    cell.add_paragraph("C")
    document.add_paragraph("Last")
    document.sections[0].header.paragraphs[0].text = "Head"
    return document


def test_stories_come_body_first_then_sides_by_name_then_notes():
    names = ["word/styles.xml", "word/header2.xml", "word/endnotes.xml", "word/footer1.xml",
             "word/footnotes.xml", "word/header1.xml", "word/document.xml"]
    assert story_order(names) == ["word/document.xml", "word/footer1.xml", "word/header1.xml",
                                  "word/header2.xml", "word/footnotes.xml", "word/endnotes.xml"]
    assert story_order(names, TEMPLATE_KINDS) == story_order(names)[:4]


def test_parts_from_a_file_and_from_memory_agree(tmp_path):
    document = _document_with_header_and_table()
    path = tmp_path / "a.docx"
    document.save(str(path))
    on_disk, in_memory = docx_parts(path), document_parts(document)
    assert [p.label for p in on_disk] == [p.label for p in in_memory] == ["body", "header1.xml"]
    assert [p.kind for p in on_disk] == ["body", "header"]
    assert {p.kind for p in on_disk} <= STORY_KINDS


def test_blocks_are_located_like_the_linter_says():
    root = _document_with_header_and_table().element
    located = [(element.tag.rsplit("}", 1)[1], where) for element, where in blocks(root)]
    assert located == [
        ("p", "paragraph 1"),
        ("tbl", "table 1"),
        ("p", "table 1, row 1, cell 1"),  # a cell of one paragraph is named by the cell
        ("p", "table 1, row 1, cell 2, paragraph 1"),
        ("p", "table 1, row 1, cell 2, paragraph 2"),
        ("p", "paragraph 2"),
    ]
    assert [paragraph_text(p) for p, _ in paragraphs(root)] == ["First", "A", "B", "C", "Last"]


def test_a_file_that_is_not_word_raises_the_error_asked_for(tmp_path):
    (tmp_path / "notes.docx").write_text("plain text")

    class Refused(Exception):
        pass

    with pytest.raises(Refused):
        docx_parts(tmp_path / "notes.docx", Refused)
    with pytest.raises(TemplateError):
        docx_parts(tmp_path / "absent.docx")
