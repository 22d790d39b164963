"""The structure tree built from the model (`docgen.pdf.structure`), before drawing."""

from __future__ import annotations

from docgen.pdf.model import (
    Cell,
    DocumentModel,
    InlineObject,
    ListLabel,
    Paragraph,
    ParaProps,
    Row,
    RunStyle,
    Section,
    Table,
    Text,
)
from docgen.pdf.structure import build_tree

STYLE = RunStyle()


def para(text: str, role: str = "P", level: int = 0, label: str | None = None):
    paragraph = Paragraph(ParaProps(), [Text(text, STYLE)], STYLE,
                          label=ListLabel(label, STYLE, level=level) if label else None)
    paragraph.role = role
    return paragraph


def shape(node) -> list:
    """(role, children) of the elements below `node`, model-built ones only."""
    return [(kid.role, shape(kid)) for kid in node.kids]


def tree_of(*blocks):
    return build_tree(DocumentModel([Section(blocks=list(blocks))]))


def test_list_items_group_into_lists_and_a_deeper_level_nests():
    tree = tree_of(para("Intro"), para("one", "LI", 0, "•"), para("sub", "LI", 1, "–"),
                   para("two", "LI", 0, "•"), para("After"))
    assert shape(tree.root) == [
        ("P", []),
        ("L", [("LI", [("Lbl", []), ("LBody", [("L", [("LI", [("Lbl", []), ("LBody", [])])])])]),
               ("LI", [("Lbl", []), ("LBody", [])])]),
        ("P", [])]


def test_contents_entries_group_into_one_toc():
    tree = tree_of(para("Contents", "H1"), para("1 Intro\t3", "TOCI"),
                   para("2 Detail\t4", "TOCI"), para("Text"))
    assert shape(tree.root) == [("H1", []), ("TOC", [("TOCI", []), ("TOCI", [])]), ("P", [])]


def test_table_cells_are_headers_by_row_and_by_column():
    header = Row([Cell([para("Measure")]), Cell([para("Value")])], header=True)
    data = Row([Cell([para("Crime")]), Cell([para("12")])])
    table = Table([100.0, 100.0], [header, data])
    tree = tree_of(table)
    cells = [(n.role, n.scope) for n in tree.root.walk() if n.role in ("TH", "TD")]
    assert cells == [("TH", "Column"), ("TH", "Column"), ("TD", ""), ("TD", "")]
    labels = Table([100.0, 100.0], [Row([Cell([para("Date:")]), Cell([para("1 May")])])],
                   header_column=True)
    cells = [(n.role, n.scope) for n in tree_of(labels).root.walk() if n.role in ("TH", "TD")]
    assert cells == [("TH", "Row"), ("TD", "")]


def test_a_cell_of_one_paragraph_holds_its_text_and_merged_cells_span():
    first = Row([Cell([para("A")], vmerge="restart"), Cell([para("B"), para("C")])])
    second = Row([Cell([], vmerge="continue"), Cell([para("D")])])
    table = Table([100.0, 100.0], [first, second])
    tree = tree_of(table)
    cells = [n for n in tree.root.walk() if n.role in ("TH", "TD")]
    assert [(c.row_span, [k.role for k in c.kids]) for c in cells] == [
        (2, []), (1, ["P", "P"]), (1, [])]
    assert tree.para(first.cells[0].blocks[0]).body is cells[0]


def test_a_figure_paragraph_carries_its_alt_text():
    figure = Paragraph(ParaProps(), [InlineObject("chart", 100, 50, STYLE,
                                                  alt_text=" Line chart: crime ")], STYLE)
    figure.role = "Figure"
    tree = tree_of(figure)
    assert [(n.role, n.alt) for n in tree.root.kids] == [("Figure", "Line chart: crime")]
