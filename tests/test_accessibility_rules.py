"""`docgen.accessibility_rules`: each rule over what `accessibility_reading` found, as
(where, message) pairs. (Whole documents through Word: test_accessibility.py.)"""

from __future__ import annotations

import pytest
from lxml import etree

from docgen.accessibility_reading import Styles, merged_cells, read_paragraphs
from docgen.accessibility_rules import (
    check_colour,
    check_drawings,
    check_headings,
    check_links,
    check_properties,
    check_tables,
    check_text_size,
)
from docgen.ooxml.ns import NSMAP
from docgen.ooxml.parts import blocks

DECLARE = " ".join(f'xmlns:{p}="{NSMAP[p]}"' for p in ("w", "wp", "cp", "dc"))
STYLES = Styles.from_root(etree.fromstring(
    f"<w:styles {DECLARE}><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val='24'/>"
    "<w:lang w:val='en-GB'/></w:rPr></w:rPrDefault></w:docDefaults>"
    "<w:style w:type='paragraph' w:default='1' w:styleId='Normal'><w:name w:val='Normal'/>"
    "</w:style>"
    "<w:style w:type='paragraph' w:styleId='H1'><w:name w:val='heading 1'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='H2'><w:name w:val='heading 2'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='H3'><w:name w:val='heading 3'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='Caption'><w:name w:val='caption'/></w:style>"
    "<w:style w:type='table' w:styleId='HB'><w:name w:val='Header Block'/></w:style>"
    "<w:style w:type='table' w:styleId='PageLayout'><w:name w:val='Page layout grid'/>"
    "</w:style></w:styles>"))


def read(body: str):
    root = etree.fromstring(f"<w:document {DECLARE}><w:body>{body}</w:body></w:document>")
    walked = list(blocks(root))
    paras = read_paragraphs(root, [(e, w) for e, w in walked if e.tag.endswith("}p")], STYLES)
    tables = [(e, w) for e, w in walked if e.tag.endswith("}tbl")]
    return root, paras, tables


def p(text: str, style: str = "", rpr: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}<w:r><w:rPr>{rpr}</w:rPr><w:t>{text}</w:t></w:r></w:p>"


# -- properties -----------------------------------------------------------------------------------


def core(title: str = "", language: str = ""):
    return etree.fromstring(f"<cp:coreProperties {DECLARE}><dc:title>{title}</dc:title>"
                            f"<dc:language>{language}</dc:language></cp:coreProperties>")


def test_a_title_and_a_language_are_needed():
    assert check_properties(core("Report"), STYLES) == []
    messages = [m for _, m in check_properties(None, Styles())]
    assert messages == [
        "the document has no title (File > Properties > Title); screen readers announce it "
        "first",
        "the document has no language set (Review > Language), so screen readers may read it "
        "with the wrong voice"]


def test_the_language_may_come_from_the_properties_and_a_blank_title_is_none():
    problems = check_properties(core("  ", "cy-GB"), Styles())
    assert [m.split(" (")[0] for _, m in problems] == ["the document has no title"]


# -- headings -------------------------------------------------------------------------------------


def test_headings_in_order_pass():
    _, paras, _ = read(p("One", "H1") + p("Two", "H2") + p("Three", "H3") + p("Four", "H1"))
    assert check_headings(paras) == []


def test_a_skipped_level_is_named_with_its_text_and_the_level_before():
    _, paras, _ = read(p("Start", "H2") + p("Fine", "H1") + p("Deep one", "H3"))
    assert check_headings(paras) == [
        ("paragraph 1", 'Heading 2 "Start" follows the start of the document: a heading level '
                        "is skipped"),
        ("paragraph 3", 'Heading 3 "Deep one" follows Heading 1: a heading level is skipped')]


def test_an_empty_heading_is_named_and_does_not_count_as_a_level():
    _, paras, _ = read(p(" ", "H1") + p("Sub", "H2"))
    assert check_headings(paras) == [
        ("paragraph 1", "an empty Heading 1: give it text or use the body style"),
        ("paragraph 2", 'Heading 2 "Sub" follows the start of the document: a heading level is '
                        "skipped")]


# -- drawings -------------------------------------------------------------------------------------


def drawing(attributes: str, inner: str = "") -> str:
    return (f"<w:p><w:r><w:drawing><wp:inline><wp:docPr id='1' {attributes}>{inner}"
            "</wp:docPr></wp:inline></w:drawing></w:r></w:p>")


def test_pictures_need_alt_text_unless_decorative():
    decorative = ("<a:extLst xmlns:a='urn:a'><a:ext><adec:decorative xmlns:adec='urn:adec' "
                  "val='1'/></a:ext></a:extLst>")
    _, paras, _ = read(drawing("name='Logo' descr='Council logo'") + drawing("name='Line'",
                                                                             decorative)
                       + drawing("name='Chart 3' descr='  '") + drawing(""))
    assert check_drawings(paras) == [
        ("paragraph 3", "'Chart 3' has no alt text: right-click it > Edit Alt Text"),
        ("paragraph 4", "'a picture' has no alt text: right-click it > Edit Alt Text")]


# -- tables ---------------------------------------------------------------------------------------


def table(rows: list[list[str]], props: str = "", header_rows: int = 0, cell_props: dict | None
          = None) -> str:
    cell_props = cell_props or {}
    out = [f"<w:tbl><w:tblPr>{props}</w:tblPr>"]
    for r, row in enumerate(rows, 1):
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if r <= header_rows else ""
        out.append(f"<w:tr>{trpr}")
        for c, text in enumerate(row, 1):
            tcpr = cell_props.get((r, c), "")
            out.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{p(text)}</w:tc>")
        out.append("</w:tr>")
    return "".join(out) + "</w:tbl>"


def tables_of(body: str):
    root, _, tbls = read(body)
    return check_tables(tbls, STYLES, merged_cells(root))


def test_a_data_table_needs_a_header_row_and_the_message_quotes_it():
    assert tables_of(table([["Area", "Crimes"], ["North", "5"]], header_rows=1)) == []
    assert tables_of(table([["Area", "Crimes"], ["North", "5"]])) == [
        ("table 1", 'the first row ("Area | Crimes") is not marked as a header row: Table '
                    "Properties > Row > Repeat as header row")]


def test_a_header_row_switched_off_is_not_one():
    body = table([["Area"], ["North"]]).replace("<w:tr>", "<w:tr><w:trPr><w:tblHeader "
                                                           "w:val='0'/></w:trPr>", 1)
    assert len(tables_of(body)) == 1


@pytest.mark.parametrize("props", [
    "<w:tblStyle w:val='HB'/>", "<w:tblStyle w:val='PageLayout'/>",
    "<w:tblLook w:firstRow='0' w:firstColumn='1'/>", "<w:tblLook w:val='0080'/>"])
def test_layout_and_label_tables_need_no_header_row(props):
    assert tables_of(table([["Report to:", "Committee"]], props)) == []


@pytest.mark.parametrize("props", ["<w:tblLook w:val='00A0'/>",
                                   "<w:tblLook w:firstRow='1' w:firstColumn='1'/>"])
def test_a_table_with_a_first_row_look_is_a_data_table(props):
    assert len(tables_of(table([["Area", "Crimes"]], props))) == 1


def test_merged_cells_below_the_header_rows_are_named():
    body = table([["Area", "Crimes"], ["Both", ""], ["x", "y"]], header_rows=1,
                 cell_props={(1, 1): "<w:gridSpan w:val='2'/>",
                             (2, 1): "<w:gridSpan w:val='2'/>"})
    assert tables_of(body) == [("table 1, row 2, cell 1", "a merged cell in the table's data: "
                                "screen readers lose track of the columns")]


# -- text size ------------------------------------------------------------------------------------


def test_body_text_must_be_11pt_and_captions_and_tables_8pt():
    _, paras, _ = read(p("Body fine") + p("Body small", rpr="<w:sz w:val='20'/>")
                       + p("Caption ok", "Caption", "<w:sz w:val='16'/>")
                       + p("Caption tiny", "Caption", "<w:sz w:val='15'/>")
                       + p("Heading small", "H1", "<w:sz w:val='10'/>"))
    assert check_text_size(paras, STYLES) == [
        ("paragraph 2", 'text of 10pt is smaller than 11pt: "Body small"'),
        ("paragraph 4", 'text of 7.5pt is smaller than 8pt: "Caption tiny"')]


def test_text_in_a_table_may_be_8pt():
    body = table([["Area"], ["North"]], header_rows=1).replace("<w:rPr></w:rPr>",
                                                              "<w:rPr><w:sz w:val='16'/></w:rPr>")
    _, paras, _ = read(body)
    assert check_text_size(paras, STYLES) == []


# -- links ----------------------------------------------------------------------------------------


def link(text: str) -> str:
    return f"<w:p><w:hyperlink><w:r><w:t>{text}</w:t></w:r></w:hyperlink></w:p>"


@pytest.mark.parametrize(("text", "message"), [
    ("the 2019 crime survey", None),
    ("Click here.", 'the link text "Click here." does not say where it goes'),
    ("MORE »", 'the link text "MORE »" does not say where it goes'),
    ("https://www.gov.uk/crime", 'the link text is a bare web address '
                                 '("https://www.gov.uk/crime"): say where it goes'),
    ("www.example.org", 'the link text is a bare web address ("www.example.org"): say where '
                        "it goes"),
    ("", "a link with no text"),
])
def test_link_text_must_make_sense_alone(text, message):
    _, paras, _ = read(link(text))
    assert check_links(paras) == ([] if message is None else [("paragraph 1", message)])


# -- colour ---------------------------------------------------------------------------------------


def test_text_set_apart_by_colour_alone_is_named_once_per_paragraph():
    red = "<w:color w:val='FF0000'/>"
    body = ("<w:p><w:r><w:t>Crime is </w:t></w:r><w:r><w:rPr>" + red + "</w:rPr><w:t>up</w:t>"
            "</w:r><w:r><w:rPr>" + red + "</w:rPr><w:t>again</w:t></w:r></w:p>")
    _, paras, _ = read(body)
    assert check_colour(paras) == [("paragraph 1", '"up" differs from the text around it only '
                                    "by its colour: add bold, a symbol or words")]


@pytest.mark.parametrize("extra", ["<w:b/>", "<w:u w:val='single'/>", "<w:rStyle w:val='S'/>",
                                   "<w:highlight w:val='yellow'/>"])
def test_colour_with_another_distinction_passes(extra):
    body = ("<w:p><w:r><w:t>Crime is </w:t></w:r><w:r><w:rPr><w:color w:val='FF0000'/>"
            f"{extra}</w:rPr><w:t>up</w:t></w:r></w:p>")
    _, paras, _ = read(body)
    assert check_colour(paras) == []


def test_a_paragraph_all_in_one_colour_passes_and_bold_off_is_no_distinction():
    _, paras, _ = read(p("All red", rpr="<w:color w:val='FF0000'/>"))
    assert check_colour(paras) == []
    body = ("<w:p><w:r><w:t>Crime is </w:t></w:r><w:r><w:rPr><w:color w:val='FF0000'/>"
            "<w:b w:val='0'/></w:rPr><w:t>up</w:t></w:r></w:p>")
    _, paras, _ = read(body)
    assert len(check_colour(paras)) == 1
