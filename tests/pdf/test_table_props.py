"""`docgen.pdf.table_props`: table styles with their conditional formats, tblLook, and which
borders and layers reach each cell."""

from __future__ import annotations

import pytest
from lxml import etree

from docgen.ooxml.ns import W_NS
from docgen.pdf.model import Border
from docgen.pdf.styles import StyleSheet
from docgen.pdf.table_props import (
    COND_ORDER,
    TableStyle,
    cell_conditions,
    edge_borders,
    parse_borders,
    parse_margins,
    table_look,
)


def el(text: str) -> etree._Element:
    return etree.fromstring(f'<root xmlns:w="{W_NS}">{text}</root>')[0]


def test_borders_by_edge_with_start_and_end_as_left_and_right():
    borders = parse_borders(el(
        '<w:tblBorders><w:top w:val="single" w:sz="8" w:color="FF0000"/>'
        '<w:start w:val="double" w:sz="4"/><w:end w:val="nil"/>'
        '<w:insideH w:val="single" w:sz="2"/><w:tl2br w:val="single"/></w:tblBorders>'))
    assert borders == {"top": Border(1.0, "FF0000"), "left": Border(1.5, "000000"),
                       "right": None, "insideH": Border(0.25, "000000")}
    assert parse_borders(None) == {}


def test_margins_in_twips_only():
    margins = parse_margins(el(
        '<w:tblCellMar><w:top w:w="100" w:type="dxa"/><w:start w:w="200"/>'
        '<w:right w:w="50" w:type="pct"/></w:tblCellMar>'))
    assert margins == {"top": 5.0, "left": 10.0}
    assert parse_margins(None) == {}


@pytest.mark.parametrize(("look", "flags"), [
    ('<w:tblLook w:val="04A0"/>', {"firstRow", "firstColumn", "noVBand"}),
    ('<w:tblLook w:firstRow="1" w:lastRow="0" w:noHBand="true"/>', {"firstRow", "noHBand"}),
    ('<w:tblLook w:val="0020" w:firstRow="0"/>', set()),  # attributes win over the bits
    ('<w:tblLook w:val="zz"/>', set()),
])
def test_table_look(look, flags):
    assert table_look(el(f"<w:tblPr>{look}</w:tblPr>")) == flags


def test_no_table_look_enables_nothing():
    assert table_look(None) == set()
    assert table_look(el("<w:tblPr/>")) == set()


def test_conditions_of_the_corners_and_bands_in_words_priority_order():
    look = {"firstRow", "firstColumn", "lastRow", "lastColumn"}
    assert cell_conditions(0, 0, 1, 4, 3, look) == ("firstCol", "firstRow", "nwCell")
    assert cell_conditions(3, 2, 3, 4, 3, look) == ("lastCol", "lastRow", "seCell")
    assert cell_conditions(1, 1, 2, 4, 3, look) == ("band1Vert", "band1Horz")
    assert cell_conditions(2, 1, 2, 4, 3, look) == ("band1Vert", "band2Horz")


def test_bands_count_from_after_the_header_row_and_can_be_switched_off():
    assert cell_conditions(1, 0, 1, 5, 2, {"firstRow"}) == ("band1Vert", "band1Horz")
    assert cell_conditions(1, 0, 1, 5, 2, set()) == ("band1Vert", "band2Horz")
    assert cell_conditions(1, 0, 1, 5, 2, {"noHBand", "noVBand"}) == ()


def test_a_spanning_cell_reaching_the_last_column_is_in_it():
    assert "lastCol" in cell_conditions(1, 0, 3, 4, 3, {"lastColumn"})


def test_conditions_are_always_in_cond_order():
    for row in range(4):
        for col in range(3):
            conds = cell_conditions(row, col, col + 1, 4, 3, {"firstRow", "lastColumn"})
            assert list(conds) == sorted(conds, key=COND_ORDER.index)


def test_edge_borders_take_outer_edges_at_the_table_edge_and_inside_ones_within():
    table = {"top": Border(2), "bottom": Border(3), "left": Border(4), "right": Border(5),
             "insideH": Border(0.5), "insideV": None}
    corner: dict = {}
    edge_borders(table, True, False, True, False, corner)
    assert corner == {"top": Border(2), "bottom": Border(0.5), "left": Border(4), "right": None}
    middle: dict = {"top": Border(9)}
    edge_borders({"insideV": Border(1)}, False, False, False, False, middle)
    assert middle == {"top": Border(9), "left": Border(1), "right": Border(1)}


STYLES = f"""<w:styles xmlns:w="{W_NS}">
  <w:style w:type="table" w:styleId="Base">
    <w:name w:val="Base"/>
    <w:rPr><w:sz w:val="20"/></w:rPr>
    <w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8"/></w:tblBorders>
      <w:tblCellMar><w:left w:w="40" w:type="dxa"/></w:tblCellMar></w:tblPr>
    <w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr>
      <w:tcPr><w:shd w:fill="112233"/></w:tcPr></w:tblStylePr>
  </w:style>
  <w:style w:type="table" w:styleId="Report">
    <w:name w:val="Report Table"/><w:basedOn w:val="Base"/>
    <w:rPr><w:i/></w:rPr>
    <w:tcPr><w:vAlign w:val="center"/></w:tcPr>
    <w:tblStylePr w:type="firstRow"><w:tcPr><w:shd w:fill="AABBCC"/></w:tcPr></w:tblStylePr>
    <w:tblStylePr w:type="band1Horz"><w:tcPr><w:shd w:fill="EEEEEE"/></w:tcPr></w:tblStylePr>
    <w:tblStylePr w:type="wholeTable"><w:pPr><w:jc w:val="center"/></w:pPr></w:tblStylePr>
  </w:style>
</w:styles>"""


@pytest.fixture(scope="module")
def sheet() -> StyleSheet:
    return StyleSheet(etree.fromstring(STYLES), {})


def test_a_table_style_merges_its_chain_root_first(sheet):
    style = TableStyle(sheet, "Report")
    assert style.style_id == "Report"
    assert style.whole.rpr["size"] == 10.0 and style.whole.rpr["italic"] is True
    assert style.whole.valign == "center"
    assert style.whole.borders["top"] == Border(1.0)
    assert style.whole.margins == {"left": 2.0}


def test_conditional_layers_merge_along_the_chain_and_whole_table_joins_the_whole(sheet):
    style = TableStyle(sheet, "Report")
    assert set(style.conditional) == {"firstRow", "band1Horz"}
    first = style.conditional["firstRow"]
    assert first.shading == "AABBCC"  # the derived style's own
    assert first.rpr["bold"] is True  # inherited from Base's firstRow
    assert style.whole.ppr["align"] == "center"


def test_an_unknown_or_missing_table_style_is_empty(sheet):
    for style_id in (None, "Nope"):
        style = TableStyle(sheet, style_id)
        assert style.conditional == {}
        assert style.whole.rpr == {} and style.whole.shading is None
