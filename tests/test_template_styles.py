"""`docgen.template_styles`: the template's styles by name and id, resolved as python-docx
resolves them, read once."""

from __future__ import annotations

import docx
import pytest
from lxml import etree

from docgen.ooxml.ns import W_NS
from docgen.template_styles import BODY_STYLE, TABLE_STYLES, TemplateStyles


def styles(*defs: str) -> TemplateStyles:
    return TemplateStyles(etree.fromstring(f'<w:styles xmlns:w="{W_NS}">{"".join(defs)}'
                                           "</w:styles>"))


def style(kind: str, sid: str, name: str, default: bool = False) -> str:
    flag = ' w:default="1"' if default else ""
    return (f'<w:style w:type="{kind}" w:styleId="{sid}"{flag}><w:name w:val="{name}"/>'
            "</w:style>")


TEMPLATE = styles(
    style("paragraph", "Normal", "Normal", default=True),
    style("paragraph", "Heading1", "heading 1"),
    style("paragraph", "Caption", "caption"),
    style("paragraph", "BodyText", "Body Text"),
    style("character", "Strong", "Strong"),
    style("table", "TableNormal", "Normal Table", default=True),
    style("table", "TableGrid", "Table Grid"),
)


def test_names_as_word_shows_them_find_the_internal_names():
    assert TEMPLATE.find("Heading 1").get(f"{{{W_NS}}}styleId") == "Heading1"
    assert TEMPLATE.find("Caption") is not None
    assert TEMPLATE.find("Body Text") is not None


def test_a_style_id_is_still_found_as_python_docx_allows():
    assert TEMPLATE.find("BodyText") is TEMPLATE.find("Body Text")


def test_a_missing_style_is_none():
    assert TEMPLATE.find("Heading 7") is None


def test_the_id_of_a_style_and_none_for_the_default_of_its_type():
    assert TEMPLATE.style_id("Heading 1", "paragraph") == "Heading1"
    assert TEMPLATE.style_id("Normal", "paragraph") is None
    assert TEMPLATE.style_id("Table Grid", "table") == "TableGrid"
    assert TEMPLATE.style_id("Normal Table", "table") is None


def test_a_missing_style_or_one_of_another_type_is_an_error():
    with pytest.raises(KeyError, match="no style with name 'Quote'"):
        TEMPLATE.style_id("Quote", "paragraph")
    with pytest.raises(ValueError, match="style 'Strong' is not a paragraph style"):
        TEMPLATE.style_id("Strong", "paragraph")


def test_a_paragraph_style_the_template_lacks_is_its_body_style():
    assert TEMPLATE.paragraph_id("List Bullet") is None  # Normal, the default
    assert TEMPLATE.paragraph_id("Caption") == "Caption"
    assert BODY_STYLE == "Normal"


def test_the_style_a_paragraph_shows_in():
    assert TEMPLATE.paragraph_style("Heading1") is TEMPLATE.find("Heading 1")
    default = TEMPLATE.find("Normal")
    assert TEMPLATE.paragraph_style(None) is default
    assert TEMPLATE.paragraph_style("Missing") is default
    assert TEMPLATE.paragraph_style("Strong") is default  # a character style is no paragraph's


def test_the_table_style_is_the_first_the_template_has():
    assert TEMPLATE.table_name() == "Table Grid"
    house = styles(style("table", "ReportTable", "Report Table"),
                   style("table", "TableGrid", "Table Grid"))
    assert house.table_name() == "Report Table" == TABLE_STYLES[0]
    assert styles().table_name() == TABLE_STYLES[-1]


def test_a_table_style_the_template_lacks_takes_its_default_look():
    assert TEMPLATE.table_id("Report Table") is None
    assert TEMPLATE.table_id("Table Grid") == "TableGrid"


def test_the_first_of_two_styles_with_one_name_wins_and_the_last_default():
    twice = styles(style("paragraph", "A", "Quote"), style("paragraph", "B", "Quote"),
                   style("paragraph", "N1", "Normal", default=True),
                   style("paragraph", "N2", "Plain", default=True))
    assert twice.style_id("Quote", "paragraph") == "A"
    assert twice.paragraph_style(None).get(f"{{{W_NS}}}styleId") == "N2"


def test_a_style_without_a_type_counts_as_a_paragraph_style():
    untyped = styles('<w:style w:styleId="Odd"><w:name w:val="Odd"/></w:style>')
    assert untyped.style_id("Odd", "paragraph") == "Odd"


def test_ids_agree_with_python_docx_on_its_own_default_template():
    document = docx.Document()
    ours = TemplateStyles(document.styles.element)
    for name in ("Heading 1", "Heading 2", "List Bullet", "List Number", "Caption", "Title",
                 "Normal", "Quote"):
        expected = document.styles[name]
        theirs = None if expected.style_id == "Normal" else expected.style_id
        assert ours.style_id(name, "paragraph") == theirs, name
    assert ours.table_id("Table Grid") == document.styles["Table Grid"].style_id
