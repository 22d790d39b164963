"""The style resolver: document defaults → basedOn chain → paragraph → character → direct."""

from __future__ import annotations

from lxml import etree

from docgen.ooxml.ns import W_NS
from docgen.ooxml.styles import Cascade, StyleTable

STYLES = f"""<w:styles xmlns:w="{W_NS}">
  <w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
    <w:rPr><w:sz w:val="22"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>
    <w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="32"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Sub"><w:basedOn w:val="Heading1"/></w:style>
  <w:style w:type="character" w:styleId="Big"><w:rPr><w:sz w:val="40"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="LoopA"><w:basedOn w:val="LoopB"/></w:style>
  <w:style w:type="paragraph" w:styleId="LoopB"><w:basedOn w:val="LoopA"/></w:style>
</w:styles>"""


def _table() -> StyleTable:
    return StyleTable(etree.fromstring(STYLES))


def _size_of(element) -> int | None:
    found = element.find(f"{{{W_NS}}}rPr/{{{W_NS}}}sz")
    return int(found.get(f"{{{W_NS}}}val")) if found is not None else None


def _sizes(table: StyleTable) -> Cascade:
    return Cascade(table, lambda style: _size_of(style.element),
                   lambda base, over: over or base, _size_of(table.default_rpr.getparent()), None)


def test_the_chain_runs_root_first_and_a_loop_is_cut():
    table = _table()
    assert [s.style_id for s in table.chain("Sub")] == ["Normal", "Heading1", "Sub"]
    assert [s.style_id for s in table.chain("LoopA")] == ["LoopB", "LoopA"]
    assert table.chain("Missing") == [] and table.chain(None) == []


def test_names_and_defaults():
    table = _table()
    assert table.name("Heading1") == "heading 1"
    assert table.name("Sub") == "Sub"  # no w:name: its id
    assert table.name("Missing", "Missing") == "Missing"
    assert table.paragraph_style_id("Missing") == "Normal"
    assert table.paragraph_style_id("Sub") == "Sub"


def test_each_layer_overrides_the_one_below():
    sizes = _sizes(_table())
    assert sizes.paragraph(None) == 20  # document defaults only
    assert sizes.paragraph("Normal") == 22
    assert sizes.paragraph("Sub") == 32  # inherited from Heading1
    assert sizes.paragraph("Normal", layer=26, key="table") == 22  # the style beats the table
    assert sizes.paragraph("Missing", layer=26, key="table") == 26
    assert sizes.run("Sub", "Big") == 40
    assert sizes.run("Sub", "Big", direct=18) == 18
    assert sizes.run("Sub", None) == 32
