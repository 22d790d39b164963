"""Unit tests of laying out blocks before pagination (issue 16): table column edges as
LibreOffice places them, and the space between paragraphs split into its two parts."""

from __future__ import annotations

from docgen.pdf.blocks import ParaBox, column_edges, gap_between, gap_parts
from docgen.pdf.model import ParaProps


def test_column_edges_round_as_libreoffice_imports_them():
    # A 40 pt and a 28 pt column: the edge is 5882/10000 of 68 pt, truncated to whole twips,
    # so the second column is a twip wider than its grid width (lines that overran its grid
    # width by 3 to 4 device units stayed whole in LibreOffice's narrow cells).
    assert column_edges([40.0, 28.0]) == [0.0, 39.95, 68.0]
    assert column_edges([40.0, 40.0]) == [0.0, 40.0, 80.0]
    assert column_edges([]) == [0.0]


def box(after: float = 0.0, before: float = 0.0, style: str = "Normal",
        contextual: bool = False) -> ParaBox:
    return ParaBox([], ParaProps(space_after=after, space_before=before,
                                 contextual=contextual), style)


def test_the_space_between_paragraphs_keeps_its_two_parts():
    assert gap_parts(box(after=10.0), box(before=2.0)) == (10.0, 2.0)
    assert gap_between(box(after=10.0), box(before=2.0)) == 10.0
    assert gap_parts(None, box(before=6.0)) == (0.0, 6.0)
    same = gap_parts(box(after=10.0, contextual=True), box(before=4.0, contextual=True))
    assert same == (0.0, 0.0)


def test_a_shaded_paragraph_is_shaded_between_its_indents_as_libreoffice_fills_it():
    """LibreOffice fills a shaded paragraph from its left to its right indent on every line
    (measured: indents 36 pt and 18 pt in a 432 pt column fill 126–504 pt on the page), not
    to where each line's text ends."""
    from docgen.pdf.blocks import Layouter
    from docgen.pdf.fonts import FontSet
    from docgen.pdf.model import DocumentModel, Paragraph, ParaProps, RunStyle, Text

    style = RunStyle(font="Arial", size=11.0)
    props = ParaProps(ind_left=36.0, ind_right=18.0, shading="D9D9D9")
    para = Paragraph(props, [Text("Short shaded line.", style)], style)
    box = Layouter(DocumentModel([]), FontSet()).paragraph(para, 432.0)
    assert [(line.shading, line.shade_x) for line in box.lines] == [("D9D9D9", (36.0, 414.0))]
