"""`docgen.list_numbering`: numbered lists that restart at 1, and headings and paragraphs
numbered by one Word list in the scheme's levels."""

from __future__ import annotations

import io
import zlib

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from docgen.list_numbering import (
    ListNumbering,
    SectionNumbering,
    add_list,
    numbering_element,
)
from docgen.model import Heading
from docgen.numbering import PARAGRAPH_INDENT, SCHEMES
from docgen.ooxml.ns import qn
from docgen.template_styles import TemplateStyles


def ppr():
    return etree.Element(qn("w:pPr"))


def num_of(p) -> tuple[str, str] | None:
    numpr = p.find(qn("w:numPr"))
    if numpr is None:
        return None
    return (numpr.find(qn("w:ilvl")).get(qn("w:val")), numpr.find(qn("w:numId")).get(qn("w:val")))


@pytest.fixture
def document():
    return docx.Document()


def lists(document) -> ListNumbering:
    return ListNumbering(document, TemplateStyles(document.styles.element))


def test_a_numbered_list_gets_a_new_num_restarting_at_1(document):
    numbering = lists(document)
    style = document.styles["List Number"].style_id
    first, second = ppr(), ppr()
    numbering.number(first, style)
    numbering.number(second, style)
    assert num_of(first) == num_of(second)
    ilvl, num_id = num_of(first)
    assert ilvl == "0"
    num = document.part.numbering_part.element.num_having_numId(int(num_id))
    assert num.abstractNumId.val == document.part.numbering_part.element.num_having_numId(
        5).abstractNumId.val  # the list the style names
    override = num.find(qn("w:lvlOverride"))
    assert override.get(qn("w:ilvl")) == "0"
    assert override.find(qn("w:startOverride")).get(qn("w:val")) == "1"


def test_after_a_reset_the_next_list_is_a_new_one(document):
    numbering = lists(document)
    style = document.styles["List Number"].style_id
    first, second = ppr(), ppr()
    numbering.number(first, style)
    numbering.reset()
    numbering.number(second, style)
    assert num_of(first)[1] != num_of(second)[1]


def test_a_style_without_numbering_numbers_nothing(document):
    numbering = lists(document)
    p = ppr()
    numbering.number(p, None)  # Normal has no list
    assert num_of(p) is None and numbering.current is None


def test_a_style_naming_a_list_the_template_lacks_numbers_nothing(document):
    for num in list(document.part.numbering_part.element.num_lst):
        num.getparent().remove(num)
    p = ppr()
    lists(document).number(p, document.styles["List Number"].style_id)
    assert num_of(p) is None


def test_add_list_writes_the_schemes_levels_in_schema_order():
    numbering = parse_xml(f"<w:numbering {nsdecls('w')}><w:abstractNum w:abstractNumId='3'/>"
                          "<w:num w:numId='4'><w:abstractNumId w:val='3'/></w:num>"
                          "<w:numIdMacAtCleanup w:val='1'/></w:numbering>")
    num_id = add_list(numbering, SCHEMES["1.1 paragraphs"])
    assert num_id == 5
    assert [etree.QName(c).localname for c in numbering] == [
        "abstractNum", "abstractNum", "num", "num", "numIdMacAtCleanup"]
    abstract = numbering[1]
    assert abstract.get(qn("w:abstractNumId")) == "4"
    assert numbering[3].find(qn("w:abstractNumId")).get(qn("w:val")) == "4"
    nsid = abstract.find(qn("w:nsid")).get(qn("w:val"))
    assert nsid == f"{zlib.crc32(b'1.1 paragraphs'):08X}"
    levels = abstract.findall(qn("w:lvl"))
    assert [(lvl.find(qn("w:numFmt")).get(qn("w:val")), lvl.find(qn("w:lvlText")).get(
        qn("w:val")), lvl.find(qn("w:suff")).get(qn("w:val"))) for lvl in levels] == [
        ("decimal", "%1.", "space"), ("decimal", "%1.%2", "tab")]
    assert levels[0].find(qn("w:pPr")) is None
    ind = levels[1].find(f"{qn('w:pPr')}/{qn('w:ind')}")
    assert ind.get(qn("w:left")) == ind.get(qn("w:hanging")) == str(PARAGRAPH_INDENT)


def test_add_list_to_an_empty_numbering_and_above_ids_the_styles_name():
    numbering = parse_xml(f"<w:numbering {nsdecls('w')}/>")
    assert add_list(numbering, SCHEMES["1. / a."]) == 1
    assert add_list(numbering, SCHEMES["1. / a."], {3, 7}) == 8


def test_the_same_scheme_gives_the_same_xml():
    first, second = (parse_xml(f"<w:numbering {nsdecls('w')}/>") for _ in range(2))
    add_list(first, SCHEMES["1. / 1.1"])
    add_list(second, SCHEMES["1. / 1.1"])
    assert etree.tostring(first) == etree.tostring(second)


def test_a_numbering_part_is_made_for_a_template_without_one():
    document = docx.Document()
    part = document.part
    rel = next(r for r in part.rels.values() if r.reltype == RELATIONSHIP_TYPE.NUMBERING)
    part.drop_rel(rel.rId)
    element = numbering_element(document)
    assert etree.QName(element).localname == "numbering" and len(element) == 0
    assert part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element is element
    assert numbering_element(document) is element
    buffer = io.BytesIO()
    document.save(buffer)
    saved = docx.Document(buffer).part.part_related_by(RELATIONSHIP_TYPE.NUMBERING)
    assert str(saved.partname) == "/word/numbering.xml"
    assert len(saved.element) == 0


def test_headings_are_numbered_where_the_model_gave_a_label(document):
    sections = SectionNumbering(document, SCHEMES["1. / a."])
    one, bare, sub, three = ppr(), ppr(), ppr(), ppr()
    sections.heading(one, Heading(1, "1.", "Purpose"))
    sections.heading(bare, Heading(2, "", "Before"))
    sections.heading(sub, Heading(2, "a.", "Scope"))
    sections.heading(three, Heading(3, "", "Detail"))
    assert num_of(one) == ("0", str(sections.num_id))
    assert num_of(sub) == ("1", str(sections.num_id))
    assert num_of(bare) is None and num_of(three) is None


def test_the_list_is_added_once_above_every_id_the_styles_name(document):
    sections = SectionNumbering(document, SCHEMES["1. / 1.1"])
    assert sections.num_id is None
    sections.heading(ppr(), Heading(1, "1.", "A"))
    first = sections.num_id
    sections.heading(ppr(), Heading(2, "1.1", "B"))
    assert sections.num_id == first
    assert first > max(int(e.get(qn("w:val"))) for e in document.styles.element.iter(
        qn("w:numId")))
    assert first > max(n.numId for n in document.part.numbering_part.element.num_lst[:-1])


def test_paragraphs_are_numbered_only_inside_a_numbered_section(document):
    sections = SectionNumbering(document, SCHEMES["1.1 paragraphs"])
    before, inside, after_bare = ppr(), ppr(), ppr()
    sections.paragraph(before)
    sections.heading(ppr(), Heading(1, "1.", "Purpose"))
    sections.paragraph(inside)
    sections.heading(ppr(), Heading(1, "", "Unnumbered"))
    sections.paragraph(after_bare)
    assert num_of(before) is None and num_of(after_bare) is None
    assert num_of(inside) == ("1", str(sections.num_id))


def test_a_scheme_that_numbers_no_paragraphs_leaves_them(document):
    sections = SectionNumbering(document, SCHEMES["1. / a."])
    sections.heading(ppr(), Heading(1, "1.", "Purpose"))
    p = ppr()
    sections.paragraph(p)
    assert num_of(p) is None


def test_no_scheme_numbers_nothing_and_adds_no_list(document):
    before = len(document.part.numbering_part.element)
    sections = SectionNumbering(document, SCHEMES["none"])
    p = ppr()
    sections.heading(p, Heading(1, "", "Purpose"))
    sections.paragraph(p)
    assert num_of(p) is None and sections.num_id is None
    assert len(document.part.numbering_part.element) == before
