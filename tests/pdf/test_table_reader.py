"""`docgen.pdf.table_reader`: a w:tbl read into a model Table, each cell with its style layers,
shading, borders, margins and merges resolved."""

from __future__ import annotations

import pytest
from lxml import etree

from docgen.ooxml.ns import W_NS
from docgen.pdf.model import Border, Paragraph, ParaProps, RunStyle, Text
from docgen.pdf.styles import StyleSheet
from docgen.pdf.table_props import TableStyle
from docgen.pdf.table_reader import read_table

STYLES = f"""<w:styles xmlns:w="{W_NS}">
  <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>
    <w:tblPr><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>
    </w:tblCellMar></w:tblPr></w:style>
  <w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/>
    <w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>
      <w:insideH w:val="single" w:sz="2" w:color="999999"/></w:tblBorders></w:tblPr>
    <w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr>
      <w:tcPr><w:shd w:fill="1D70B8"/><w:vAlign w:val="bottom"/></w:tcPr></w:tblStylePr>
  </w:style>
</w:styles>"""


class Reader:
    """The document reader as `read_table` sees it: cells' blocks read back through it."""

    def __init__(self):
        self.sheet = StyleSheet(etree.fromstring(STYLES), {})
        self.contexts: list[tuple] = []

    def blocks(self, parent, table=None):
        self.contexts.append(table)
        text = "".join(parent.itertext())
        return [Paragraph(ParaProps(), [Text(text, RunStyle())], RunStyle())]

    def table_style(self, style_id):
        return TableStyle(self.sheet, style_id)


def tbl(inner: str, props: str = '<w:tblStyle w:val="Grid"/><w:tblLook w:val="0020"/>',
        grid: str = '<w:gridCol w:w="2000"/><w:gridCol w:w="3000"/>') -> etree._Element:
    return etree.fromstring(f'<w:tbl xmlns:w="{W_NS}"><w:tblPr>{props}</w:tblPr>'
                            f'<w:tblGrid>{grid}</w:tblGrid>{inner}</w:tbl>')


def tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def texts(table) -> list[list[str]]:
    return [[cell.blocks[0].text if cell.blocks else None for cell in row.cells]
            for row in table.rows]


def test_grid_rows_and_cells_in_points():
    table = read_table(Reader(), tbl(f"<w:tr>{tc('Area')}{tc('Crimes')}</w:tr>"
                                     f"<w:tr>{tc('North')}{tc('5')}</w:tr>"))
    assert table.grid == [100.0, 150.0]
    assert texts(table) == [["Area", "Crimes"], ["North", "5"]]
    assert (table.align, table.indent) == ("left", 0.0)


def test_the_header_row_takes_the_first_row_format_and_the_body_does_not():
    reader = Reader()
    table = read_table(reader, tbl(f"<w:tr>{tc('Area')}</w:tr><w:tr>{tc('North')}</w:tr>"))
    header, body = table.rows[0].cells[0], table.rows[1].cells[0]
    assert (header.shading, header.valign) == ("1D70B8", "bottom")
    assert (body.shading, body.valign) == (None, "top")
    header_context, body_context = reader.contexts
    assert header_context[2]["bold"] is True  # the layer the cell's paragraphs are read with
    assert "bold" not in body_context[2]


def test_direct_cell_formatting_wins_over_the_style():
    table = read_table(Reader(), tbl(
        "<w:tr>" + tc("x", '<w:shd w:fill="FF0000"/><w:vAlign w:val="center"/>'
                           '<w:tcMar><w:left w:w="0" w:type="dxa"/></w:tcMar>'
                           '<w:tcBorders><w:top w:val="nil"/><w:insideH w:val="single"/>'
                           '</w:tcBorders>') + "</w:tr>"))
    cell = table.rows[0].cells[0]
    assert (cell.shading, cell.valign) == ("FF0000", "center")
    assert cell.margins == (0.0, 0.0, 0.0, 5.4)
    assert cell.borders["top"] is None  # switched off on the cell
    assert "insideH" not in cell.borders


def test_an_unknown_vertical_alignment_is_top():
    table = read_table(Reader(), tbl("<w:tr>" + tc("x", '<w:vAlign w:val="both"/>') + "</w:tr>",
                                     props=""))
    assert table.rows[0].cells[0].valign == "top"


def test_borders_outer_at_the_edges_inside_between_rows():
    table = read_table(Reader(), tbl("".join(f"<w:tr>{tc(str(n))}</w:tr>" for n in range(3))))
    top, middle, bottom = (row.cells[0].borders for row in table.rows)
    assert top["top"] == Border(0.5) and top["bottom"] == Border(0.25, "999999")
    assert middle["top"] == middle["bottom"] == Border(0.25, "999999")
    assert bottom["bottom"] == Border(0.5)


def test_direct_table_borders_lie_over_the_styles():
    table = read_table(Reader(), tbl(
        f"<w:tr>{tc('a')}</w:tr>",
        props='<w:tblStyle w:val="Grid"/><w:tblBorders><w:top w:val="single" w:sz="16"'
              ' w:color="00FF00"/></w:tblBorders>'))
    assert table.rows[0].cells[0].borders["top"] == Border(2.0, "00FF00")


def test_an_unknown_table_style_falls_back_to_the_default_one():
    table = read_table(Reader(), tbl(f"<w:tr>{tc('a')}</w:tr>",
                                     props='<w:tblStyle w:val="Missing"/>'))
    cell = table.rows[0].cells[0]
    assert cell.margins == (0.0, 5.4, 0.0, 5.4)  # Normal Table's 108 twips
    assert cell.shading is None and cell.borders == {}


def test_spans_and_vertical_merges():
    table = read_table(Reader(), tbl(
        "<w:tr>" + tc("wide", '<w:gridSpan w:val="2"/>') + "</w:tr>"
        "<w:tr>" + tc("top", '<w:vMerge w:val="restart"/>') + tc("b") + "</w:tr>"
        "<w:tr>" + tc("", "<w:vMerge/>") + tc("c") + "</w:tr>"))
    wide = table.rows[0].cells[0]
    assert wide.span == 2 and len(table.rows[0].cells) == 1
    assert table.rows[1].cells[0].vmerge == "restart"
    continued = table.rows[2].cells[0]
    assert continued.vmerge == "continue" and continued.blocks == []
    assert texts(table)[2] == [None, "c"]


def test_a_bad_grid_span_counts_as_one():
    table = read_table(Reader(), tbl("<w:tr>" + tc("x", '<w:gridSpan w:val="0"/>')
                                     + tc("y", '<w:gridSpan w:val="two"/>') + "</w:tr>"))
    assert [cell.span for cell in table.rows[0].cells] == [1, 1]


def test_row_properties():
    table = read_table(Reader(), tbl(
        '<w:tr><w:trPr><w:tblHeader/><w:cantSplit w:val="1"/>'
        '<w:trHeight w:val="400" w:hRule="exact"/><w:gridBefore w:val="1"/></w:trPr>'
        f'{tc("a")}</w:tr><w:tr>{tc("b")}{tc("c")}</w:tr>'))
    header, body = table.rows
    assert (header.header, header.cant_split, header.height, header.height_rule) == (
        True, True, 20.0, "exact")
    assert header.grid_before == 1
    assert (body.header, body.cant_split, body.height, body.height_rule) == (
        False, False, 0.0, "atLeast")


def test_a_missing_grid_is_shared_out_of_the_table_width():
    table = read_table(Reader(), tbl(f"<w:tr>{tc('a')}{tc('b')}{tc('c')}</w:tr>",
                                     props='<w:tblW w:w="6000" w:type="dxa"/>',
                                     grid='<w:gridCol w:w="1000"/>'))
    assert table.grid == [50.0, 125.0, 125.0]


def test_a_missing_grid_without_a_width_in_twips_fills_a_page_of_text():
    table = read_table(Reader(), tbl(f"<w:tr>{tc('a')}{tc('b')}</w:tr>",
                                     props='<w:tblW w:w="5000" w:type="pct"/>', grid=""))
    assert table.grid == pytest.approx([451.3 / 2, 451.3 / 2])


def test_alignment_and_indent():
    centred = read_table(Reader(), tbl(f"<w:tr>{tc('a')}</w:tr>",
                                       props='<w:jc w:val="center"/><w:tblInd w:w="144"/>'))
    assert (centred.align, centred.indent) == ("center", 7.2)
    right = read_table(Reader(), tbl(f"<w:tr>{tc('a')}</w:tr>", props='<w:jc w:val="end"/>'))
    assert right.align == "right"
