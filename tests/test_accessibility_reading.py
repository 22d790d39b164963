"""`docgen.accessibility_reading`: what the accessibility check reads from a part — styles,
heading levels, text sizes and colours, drawings, links and merged cells — each worked out
once. (The rules over them: test_accessibility_rules.py; whole documents:
test_accessibility.py.)"""

from __future__ import annotations

import pytest
from lxml import etree

from docgen.accessibility_reading import (
    WORD_DEFAULT_HALF_POINTS,
    Styles,
    _colour,
    merged_cells,
    read_paragraphs,
)
from docgen.ooxml.ns import NSMAP, W
from docgen.ooxml.parts import paragraphs

DECLARE = f'xmlns:w="{NSMAP["w"]}" xmlns:wp="{NSMAP["wp"]}"'


def styles(inner: str, defaults: str = "") -> Styles:
    return Styles.from_root(etree.fromstring(
        f"<w:styles {DECLARE}><w:docDefaults><w:rPrDefault><w:rPr>{defaults}</w:rPr>"
        f"</w:rPrDefault></w:docDefaults>{inner}</w:styles>"))


def style(sid: str, name: str, *, kind: str = "paragraph", based: str = "", ppr: str = "",
          rpr: str = "", default: bool = False) -> str:
    flag = ' w:default="1"' if default else ""
    return (f'<w:style w:type="{kind}" w:styleId="{sid}"{flag}><w:name w:val="{name}"/>'
            + (f'<w:basedOn w:val="{based}"/>' if based else "")
            + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
            + "</w:style>")


SHEET = styles(
    style("Normal", "Normal", rpr='<w:sz w:val="24"/><w:lang w:val="cy-GB"/>', default=True)
    + style("Heading1", "heading 1", based="Normal", rpr='<w:sz w:val="32"/>')
    + style("MyHeading", "Council Heading", based="Heading1")
    + style("Outline", "Chapter", based="Normal", ppr='<w:outlineLvl w:val="2"/>')
    + style("BodyLevel", "Body level", ppr='<w:outlineLvl w:val="9"/>')
    + style("TableText", "Table text", based="Normal", rpr='<w:sz w:val="16"/>')
    + style("SmallCaption", "Figure label", based="Caption")
    + style("Caption", "caption", based="Normal")
    + style("Tiny", "Tiny", kind="character", rpr='<w:sz w:val="12"/>')
    + style("Zero", "Zero", kind="character", rpr='<w:sz w:val="0"/>'),
    defaults='<w:sz w:val="22"/><w:lang w:val="en-GB"/>')


def part(body: str):
    return etree.fromstring(f"<w:document {DECLARE}><w:body>{body}</w:body></w:document>")


def read(body: str, sheet: Styles = SHEET):
    root = part(body)
    return read_paragraphs(root, list(paragraphs(root)), sheet)


def test_defaults_come_from_the_document_defaults():
    assert (SHEET.default_size, SHEET.language, SHEET.default_paragraph) == (22, "en-GB",
                                                                              "Normal")


def test_without_defaults_words_own_are_used_and_the_language_of_the_default_style():
    bare = styles(style("Normal", "Normal", rpr='<w:lang w:val="cy-GB"/>', default=True))
    assert bare.default_size == WORD_DEFAULT_HALF_POINTS  # an empty rPrDefault sets none
    assert bare.language == "cy-GB"
    assert Styles().default_size == WORD_DEFAULT_HALF_POINTS == 20
    assert Styles().language == ""


def test_a_chain_runs_nearest_first():
    assert [s.name for s in SHEET.chain("MyHeading")] == ["Council Heading", "heading 1",
                                                          "Normal"]
    assert SHEET.name("TableText") == "Table text"
    assert SHEET.name("Missing") == "" and SHEET.name(None) == ""


@pytest.mark.parametrize(("style_id", "level"), [
    ("Heading1", 1), ("MyHeading", 1), ("Outline", 3), ("BodyLevel", None), ("Normal", None),
    (None, None), ("Missing", None)])
def test_heading_levels_by_name_or_outline_level_along_the_chain(style_id, level):
    assert SHEET.heading_level(style_id, None) == level


def test_a_paragraphs_own_outline_level_wins_and_9_means_body_text():
    own = etree.fromstring(f'<w:outlineLvl {DECLARE} w:val="1"/>')
    body = etree.fromstring(f'<w:outlineLvl {DECLARE} w:val="9"/>')
    assert SHEET.heading_level("Normal", own) == 2
    assert SHEET.heading_level("Heading1", body) == 1


@pytest.mark.parametrize(("style_id", "small"), [
    ("TableText", True), ("Caption", True), ("SmallCaption", True), ("Normal", False),
    ("Heading1", False)])
def test_small_text_styles_are_known_by_the_names_in_their_chain(style_id, small):
    assert SHEET.is_small_text_style(style_id) is small


def test_run_sizes_cascade_from_defaults_to_the_run():
    runs = read('<w:p><w:r><w:t>default style</w:t></w:r></w:p>'
                '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>heading</w:t></w:r>'
                '<w:r><w:rPr><w:rStyle w:val="Tiny"/></w:rPr><w:t>tiny</w:t></w:r>'
                '<w:r><w:rPr><w:rStyle w:val="Tiny"/><w:sz w:val="40"/></w:rPr><w:t>big</w:t>'
                '</w:r><w:r><w:rPr><w:rStyle w:val="Zero"/></w:rPr><w:t>zero</w:t></w:r></w:p>')
    assert [run.size for run in runs[0].runs] == [24]
    assert [run.size for run in runs[1].runs] == [32, 12, 40, 32]


def test_paragraph_facts_style_level_and_runs_with_text_only():
    (first, second) = read(
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Title</w:t></w:r>'
        '<w:r><w:t>   </w:t></w:r><w:r><w:tab/></w:r></w:p>'
        '<w:p><w:r><w:t>Body</w:t></w:r></w:p>')
    assert (first.style_id, first.level, first.where) == ("Heading1", 1, "paragraph 1")
    assert len(first.runs) == 1
    assert (second.style_id, second.level) == ("Normal", None)


def test_runs_in_links_belong_to_their_paragraph_and_links_and_drawings_are_found():
    (paragraph,) = read(
        '<w:p><w:r><w:t>See </w:t></w:r><w:hyperlink><w:r><w:rPr><w:color w:val="0563C1"/>'
        '</w:rPr><w:t>the report</w:t></w:r></w:hyperlink><w:r><w:drawing><wp:inline>'
        '<wp:docPr id="1" name="Chart 1"/></wp:inline></w:drawing></w:r></w:p>')
    assert [run.colour for run in paragraph.runs] == ["", "0563C1"]
    assert len(paragraph.links) == 1
    assert [d.get("name") for d in paragraph.drawings] == ["Chart 1"]


def test_paragraphs_in_table_cells_are_located_in_the_cell():
    (cell,) = read("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>"
                   "</w:tbl>")
    assert cell.where == "table 1, row 1, cell 1" and len(cell.runs) == 1


@pytest.mark.parametrize(("xml", "colour"), [
    (None, ""), ('<w:color w:val="auto"/>', ""), ('<w:color w:val="000000"/>', ""),
    ('<w:color w:val="FF0000"/>', "FF0000"), ("<w:color/>", "")])
def test_colours_automatic_or_black_are_none(xml, colour):
    element = etree.fromstring(xml.replace("<w:color", f"<w:color {DECLARE}")) if xml else None
    assert _colour(element) == colour


def test_merged_cells_by_table_as_row_and_cell_numbers():
    root = part(
        "<w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc><w:tcPr><w:gridSpan w:val='2'/></w:tcPr><w:p/>"
        "</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge w:val='restart'/></w:tcPr><w:p/></w:tc>"
        "<w:tc><w:tcPr><w:gridSpan w:val='1'/></w:tcPr><w:p/></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"
        "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>")
    merged = merged_cells(root)
    first = root.find(f"{W}body/{W}tbl")
    assert merged == {first: [(1, 2), (2, 1), (3, 1)]}
