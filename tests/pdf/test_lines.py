"""`docgen.pdf.lines`: the laid-out line, its fragments and the spacer between paragraphs.

The module holds plain records (no computation of its own): these tests pin what a record
starts as, that records share no state, that a misspelt attribute is refused rather than
silently added, and the geometry the drawer and the paginator read off a line the layout made
(`baseline` within `height`, fragments left to right from `x0`, `width` the ink's end)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from docgen.pdf.fonts import FontSet
from docgen.pdf.linebreak import LineBreaker
from docgen.pdf.linefill import LineFiller
from docgen.pdf.lines import Frag, Line, Spacer
from docgen.pdf.model import Border, InlineObject, Paragraph, ParaProps, RunStyle, Text

STYLE = RunStyle(font="Arial", size=11.0)
BODY = ("The committee noted the report and the figures presented by officers, and asked "
        "for a further update at its next meeting. ")


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet()


def frag(fonts: FontSet, text: str = "Total", x: float = 0.0, **kwargs) -> Frag:
    font = fonts.resolve(STYLE)
    return Frag(x, text, font, STYLE, font.width(text), **kwargs)


def test_a_fragment_is_plain_text_on_the_baseline_unless_told(fonts):
    piece = frag(fonts, "Total", 12.5)
    assert (piece.x, piece.text, piece.kind, piece.rise) == (12.5, "Total", "text", 0.0)
    assert (piece.link, piece.anchor, piece.obj) == (None, None, None)
    assert piece.width == pytest.approx(piece.font.width("Total"))
    assert piece.font.size == 11.0 and piece.style is STYLE


def test_a_fragment_carries_a_link_a_rise_or_an_object(fonts):
    picture = InlineObject("picture", 40.0, 30.0, STYLE)
    linked = frag(fonts, "site", link="https://example.org", rise=3.5)
    anchored = frag(fonts, "see 2", anchor="results")
    boxed = frag(fonts, "", kind="object", obj=picture)
    assert (linked.link, linked.rise, linked.anchor) == ("https://example.org", 3.5, None)
    assert (anchored.anchor, anchored.link) == ("results", None)
    assert (boxed.kind, boxed.obj.width, boxed.obj.height) == ("object", 40.0, 30.0)


def test_a_new_line_is_empty_at_the_left_edge():
    line = Line([])
    assert (line.frags, line.x0, line.height, line.single, line.baseline, line.width) == (
        [], 0.0, 0.0, 0.0, 0.0, 0.0)
    assert (line.page_break_after, line.shading, line.para) == (False, None, None)
    assert (line.bookmarks, line.rules) == ([], [])


def test_lines_share_no_bookmarks_or_rules():
    first, second = Line([]), Line([])
    first.bookmarks.append("results")
    first.rules.append((1.0, 0.0, 100.0, Border(0.5)))
    assert second.bookmarks == [] and second.rules == []
    assert first.bookmarks is not second.bookmarks and first.rules is not second.rules


def test_a_spacer_is_room_only_with_its_two_parts():
    spacer = Spacer(12.0)
    assert (spacer.height, spacer.single, spacer.page_break_after, spacer.lower,
            spacer.upper) == (12.0, 0.0, False, 0.0, 0.0)
    parts = Spacer(10.0, lower=6.0, upper=10.0)
    assert (parts.height, parts.lower, parts.upper) == (10.0, 6.0, 10.0)


@pytest.mark.parametrize("record", [
    lambda fonts: frag(fonts), lambda fonts: Line([]), lambda fonts: Spacer(1.0)])
def test_a_misspelt_attribute_is_refused_not_added(fonts, record):
    item = record(fonts)
    with pytest.raises(AttributeError):
        item.hieght = 3.0  # slots: a typo cannot silently add a field the drawer never reads


@pytest.mark.parametrize("align", ["left", "right", "center", "both"])
def test_lines_the_layout_makes_hold_their_geometry(fonts, align):
    para = Paragraph(ParaProps(align=align, line=1.5),
                     [Text(BODY, STYLE), Text("bold words ", RunStyle("Arial", 11.0, bold=True)),
                      Text(BODY, STYLE)], STYLE)
    width = 300.0
    lines = LineFiller(LineBreaker(fonts, 36.0), para, width, fonts.resolve(STYLE), {}).run()
    assert len(lines) == 5
    for line in lines:
        # one and a half lines of 11 pt Arial: 12.65 pt single, the baseline 10.30 pt down
        assert (line.height, line.single, line.baseline) == (18.95, 12.65, 10.3)
        xs = [f.x for f in line.frags]
        assert xs == sorted(xs) and xs[0] == 0.0
        for left, right in pairwise(line.frags):
            assert left.x + left.width <= right.x + 0.01  # fragments do not overlap
        last = line.frags[-1]
        ink_end = last.x + last.font.width(last.text.rstrip())
        if align == "both" and line is not lines[-1]:
            # stretched to the column; `width` stays the natural width, spaces unstretched
            assert ink_end == pytest.approx(width, abs=0.01)
            assert line.width < width - 3.0
        else:
            assert line.width == pytest.approx(ink_end, abs=0.05)  # widths in twips
        assert 0.0 <= line.x0 and line.x0 + line.width <= width + 0.01
        assert line.para is None  # set by the layouter, not the filler
    text = "".join(f.text for line in lines for f in line.frags)
    assert text.split() == (BODY + "bold words " + BODY).split()
