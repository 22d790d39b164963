"""Paragraph borders: the Title style's rule and boxed paragraphs, placed as LibreOffice does."""

from __future__ import annotations

import pytest
from tests.support import docx_fixtures as fx

from docgen.pdf.borders import apply_borders
from docgen.pdf.lines import Line
from docgen.pdf.model import Border, ParaProps


class Box:
    """A laid-out paragraph as `apply_borders` sees it."""

    def __init__(self, props: ParaProps, count: int = 1):
        self.props = props
        self.lines = [Line([], height=14.5, single=12.65, baseline=10.3) for _ in range(count)]


RED = Border(1.5, "FF0000", 6.0)


def test_borders_take_room_above_the_first_line_and_below_the_last():
    box = Box(ParaProps(border_top=RED, border_bottom=RED, ind_left=10), count=2)
    apply_borders([box], 400.0)
    first, last = box.lines
    assert (first.height, first.baseline, first.single) == (22.0, 17.8, 20.15)
    assert first.rules == [(0.75, 10, 400.0, RED)]
    # The bottom rule: last baseline + descent (12.65 - 10.3) + distance + half the width.
    assert last.rules == [(pytest.approx(10.3 + 2.35 + 6 + 0.75), 10, 400.0, RED)]
    assert (last.height, last.single) == (22.0, pytest.approx(20.15))


def test_paragraphs_bordered_alike_are_one_group():
    props = ParaProps(border_top=RED, border_bottom=RED)
    boxes = [Box(props), Box(props), Box(ParaProps())]
    apply_borders(boxes, 400.0)
    assert [len(b.lines[0].rules) for b in boxes] == [1, 1, 0]
    assert boxes[0].lines[0].rules[0][0] == 0.75  # the top rule, above the first only
    assert boxes[1].lines[0].rules[0][0] > 10  # the bottom rule, below the last only


def lines_and_rules(pdf):
    """Baselines (PDF y, top first) and rules (x0, x1, PDF y, width) of the first page."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        baselines = sorted({round(c["matrix"][5], 1) for c in page.chars}, reverse=True)
        rules = [(round(line["x0"], 1), round(line["x1"], 1), round(page.height - line["top"], 2),
                  line["linewidth"]) for line in page.lines]
    return baselines, rules


def test_rules_and_text_sit_where_libreoffice_puts_them(render):
    pdf, warnings = render(fx.paragraph_borders)
    baselines, rules = lines_and_rules(pdf)
    # Measured in LibreOffice 7.4's PDF of the same document (PDF y, from the page bottom):
    # baselines 695.6, 659.8, 627.8, 595.8; rules at 685.65 (1 pt), 644.85 and 618.7 (1.5 pt).
    assert baselines == [695.6, 659.8, 627.8, 595.8]
    assert [(x0, x1, y, width) for x0, x1, y, width in rules] == [
        (90.0, 522.0, pytest.approx(685.65, abs=0.1), 1.0),
        (90.0, 522.0, pytest.approx(644.85, abs=0.1), 1.5),
        (90.0, 522.0, pytest.approx(618.7, abs=0.1), 1.5)]
    assert warnings == []
