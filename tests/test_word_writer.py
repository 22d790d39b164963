"""`docgen.word_writer`: WordprocessingML appended with lxml in the template's style ids, the
XML python-docx would write."""

from __future__ import annotations

import docx
import pytest
from docx.shared import Pt
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from docgen.ooxml.ns import qn
from docgen.word_writer import (
    BREAK,
    SECTPR,
    TAB,
    XML_SPACE,
    Writer,
    add_text,
    writing,
)


def shown(run) -> str:
    """The text a run shows: its w:t texts, a tab for w:tab, a new line for w:br."""
    out = []
    for child in run:
        if child.tag == qn("w:t"):
            out.append(child.text)
        elif child.tag == TAB:
            out.append("\t")
        elif child.tag == BREAK:
            out.append("\n")
    return "".join(out)


def tags(element) -> list[str]:
    return [etree.QName(child).localname for child in element]


def new_run():
    return etree.Element(qn("w:r"))


def test_text_becomes_one_w_t():
    run = new_run()
    add_text(run, "Crime fell")
    assert tags(run) == ["t"] and run[0].text == "Crime fell"
    assert run[0].get(XML_SPACE) is None


def test_tabs_and_line_breaks_become_their_elements():
    run = new_run()
    add_text(run, "a\tb\nc\r\nd")
    assert tags(run) == ["t", "tab", "t", "br", "t", "br", "br", "t"]
    assert shown(run) == "a\tb\nc\n\nd"


def test_spaces_at_either_end_are_kept():
    run = new_run()
    add_text(run, " lead\ttrail ")
    assert [t.get(XML_SPACE) for t in run.iter(qn("w:t"))] == ["preserve", "preserve"]


def test_empty_text_writes_nothing():
    run = new_run()
    add_text(run, "")
    assert len(run) == 0


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
               | st.sampled_from("\t\r\n ")))
def test_the_text_shown_is_the_text_given(text):
    run = new_run()
    add_text(run, text)
    assert shown(run) == text.replace("\r", "\n")
    assert all(t.text for t in run.iter(qn("w:t")))  # no empty w:t


@pytest.fixture
def document():
    return docx.Document()


def test_writing_appends_before_the_section_properties(document):
    document.add_paragraph("existing")
    with writing(document) as out:
        assert document.element.body.find(SECTPR) is None
        out.paragraph("Heading 1")
    body = document.element.body
    assert tags(body)[-3:] == ["p", "p", "sectPr"]
    assert document.paragraphs[-1].style.name == "Heading 1"


def test_the_section_properties_come_back_after_an_error(document):
    with pytest.raises(RuntimeError), writing(document):
        raise RuntimeError("boom")
    assert tags(document.element.body)[-1] == "sectPr"


def test_a_paragraph_in_the_default_style_has_an_empty_ppr(document):
    with writing(document) as out:
        para = out.paragraph("Normal")
    assert tags(para) == ["pPr"] and len(para[0]) == 0


def test_a_paragraph_style_the_template_lacks_is_the_body_style(document):
    with writing(document) as out:
        para = out.paragraph("No Such Style")
    assert len(para.find(qn("w:pPr"))) == 0


def test_runs_bold_italic_and_plain(document):
    with writing(document) as out:
        para = out.paragraph("Normal")
        out.run(para, "plain ", False, False)
        out.run(para, "both", True, True)
    plain, both = document.paragraphs[-1].runs
    assert (plain.text, plain.bold, plain.italic) == ("plain ", None, None)
    assert (both.text, both.bold, both.italic) == ("both", True, True)
    assert tags(para[1]) == ["rPr", "t"] and len(para[1][0]) == 0


def test_a_paragraph_inside_another_element(document):
    cell = etree.Element(qn("w:tc"))
    with writing(document) as out:
        para = out.paragraph("Caption", cell)
    assert para.getparent() is cell
    assert para.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "Caption"


def test_a_drawing_is_a_paragraph_of_one_run(document):
    inline = etree.Element(qn("wp:inline"))
    with writing(document) as out:
        out.drawing(inline)
    para = document.element.body[-2]
    assert tags(para) == ["r"] and tags(para[0]) == ["drawing"]
    assert para[0][0][0] is inline


def test_text_width_and_height_are_the_first_sections_between_its_margins(document):
    section = document.sections[0]
    section.page_width, section.left_margin, section.right_margin = Pt(595), Pt(72), Pt(90)
    section.page_height, section.top_margin, section.bottom_margin = Pt(842), Pt(60), Pt(70)
    out = Writer(document)
    assert out.text_width == Pt(433)
    assert out.text_height == 712.0
    section.left_margin = Pt(10)
    assert out.text_width == Pt(433)  # read once


def test_styles_and_lists_are_made_once_and_charts_start_empty(document):
    out = Writer(document)
    assert out.styles is out.styles
    assert out.lists is out.lists
    assert out.charts == {}


def test_the_text_area_is_known_while_the_section_properties_are_out(document):
    """A table or chart written into a document's own body needs its width (the sections are
    read from the body's w:sectPr, which `writing` takes out meanwhile)."""
    section = document.sections[0]
    expected = section.page_width - section.left_margin - section.right_margin
    with writing(document) as out:
        assert out.text_width == expected
        assert out.text_height > 0
