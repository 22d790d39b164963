"""A right tab stop at the right margin (every table of contents has one): the text after it
ends at the margin on the same line, as in LibreOffice, rather than wrapping."""

from __future__ import annotations

from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from tests.support import docx_fixtures as fx

from docgen.pdf.blocks import Layouter
from docgen.pdf.docx_reader import read_docx
from docgen.pdf.fonts import FontSet


def test_text_right_aligned_at_the_margin_stays_on_its_line(tmp_path):
    d = fx.arial_document()
    section = d.sections[0]
    para = d.add_paragraph("Background\t12")
    para.paragraph_format.tab_stops.add_tab_stop(
        section.page_width - section.left_margin - section.right_margin,
        WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    model = read_docx(fx.save(d, tmp_path / "tab.docx"))
    width = model.sections[0].body_width
    lines = Layouter(model, FontSet()).paragraph(model.sections[0].blocks[0], width).lines
    assert len(lines) == 1
    number = lines[0].frags[-1]
    assert number.text == "12"
    assert abs(number.x + number.width - width) < 0.05
    assert lines[0].frags[1].kind == "leader"
