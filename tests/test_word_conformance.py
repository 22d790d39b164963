"""What docgen puts right after rendering (docgen.word_conformance) and where it writes w:lang."""

from __future__ import annotations

import docx
from docx.oxml import parse_xml

from docgen.ooxml.ns import W_NS, qn
from docgen.properties import set_language
from docgen.word_conformance import conform, order_cell_properties


def local_names(element) -> list[str]:
    """The local names of `element`'s children, in order."""
    return [child.tag.rpartition("}")[2] for child in element]


def test_cell_properties_are_put_in_schema_order():
    # As docxtpl's {% cellbg %} leaves them: the shading before the width.
    table = parse_xml(
        f'<w:tbl xmlns:w="{W_NS}"><w:tr><w:tc><w:tcPr><w:vAlign w:val="center"/>'
        '<w:shd w:fill="00703C"/><w:tcW w:w="100" w:type="dxa"/><w:gridSpan w:val="2"/>'
        "</w:tcPr><w:p/></w:tc></w:tr></w:tbl>")
    order_cell_properties(table)
    assert local_names(table.find(f".//{qn('w:tcPr')}")) == ["tcW", "gridSpan", "shd", "vAlign"]


def test_a_python_docx_templates_stale_styles_copy_is_dropped():
    document = docx.Document()
    assert any(r.reltype.endswith("/stylesWithEffects") for r in document.part.rels.values())
    conform(document)
    assert not any(r.reltype.endswith("/stylesWithEffects")
                   for r in document.part.rels.values())


def test_the_language_goes_before_what_follows_it_in_run_properties():
    document = docx.Document()
    rpr = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    rpr.remove(rpr.find(qn("w:lang")))
    rpr.append(parse_xml(f'<w:eastAsianLayout xmlns:w="{W_NS}" w:vert="1"/>'))
    set_language(document, "cy-GB")
    names = local_names(rpr)
    assert names[-2:] == ["lang", "eastAsianLayout"]
    assert rpr.find(qn("w:lang")).get(qn("w:val")) == "cy-GB"
