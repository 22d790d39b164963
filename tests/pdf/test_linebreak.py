"""Unit tests of the PDF engine's line breaking and filling (issue 15): where lines break,
what never breaks, and how a line is filled, on paragraphs built in the test."""

from __future__ import annotations

import pytest

from docgen.pdf.fonts import FontSet
from docgen.pdf.linebreak import LineBreaker
from docgen.pdf.linefill import LineFiller
from docgen.pdf.model import Paragraph, ParaProps, RunStyle, Text

ARIAL_10 = RunStyle(font="Arial", size=10.0)
PLAIN = ParaProps()


def lines_of(text: str, width: float, *, style: RunStyle = ARIAL_10,
             props: ParaProps = PLAIN) -> list[str]:
    """The texts of the lines `text` is filled into at `width` points."""
    fonts = FontSet(embed=FontSet.needs_embedding([text]))
    breaker = LineBreaker(fonts, 36.0)
    para = Paragraph(props, [Text(text, style)], style)
    filler = LineFiller(breaker, para, width, fonts.resolve(style), {})
    return ["".join(frag.text for frag in line.frags).rstrip() for line in filler.run()]


def test_a_short_paragraph_is_one_line():
    assert lines_of("Incidents fell by 9%.", 400) == ["Incidents fell by 9%."]


def test_lines_break_at_spaces_and_keep_words_whole():
    text = "The quick brown fox jumps over the lazy dog " * 4
    lines = lines_of(text.strip(), 120)
    assert len(lines) > 3
    words = text.split()
    assert " ".join(lines).split() == words  # nothing lost, no word split


def test_a_line_may_break_after_a_hyphen():
    assert lines_of("front-line policing neighbourhood-based", 80) == [
        "front-line policing", "neighbourhood-", "based"]


@pytest.mark.parametrize("text", ["decrease (\u22129%, \u22125,463)", "+\u2060£2.2m rise"])
def test_a_sign_is_never_left_at_the_end_of_a_line(text):
    for width in range(30, 140, 3):
        lines = lines_of(text, float(width))
        assert not any(line.endswith(("\u2212", "+")) for line in lines[:-1]), (width, lines)


def test_the_word_joiner_is_not_drawn():
    assert lines_of("+\u2060£2.2m", 400) == ["+£2.2m"]


def test_a_word_too_long_for_the_line_is_split_by_character():
    lines = lines_of("Supercalifragilisticexpialidocious", 40)
    assert len(lines) > 1 and "".join(lines) == "Supercalifragilisticexpialidocious"


def test_indents_narrow_the_line():
    text = "word " * 30
    plain = lines_of(text.strip(), 200)
    indented = lines_of(text.strip(), 200, props=ParaProps(ind_left=50.0, ind_right=50.0))
    assert len(indented) > len(plain)


def test_bigger_text_takes_more_lines():
    text = "performance " * 20
    assert len(lines_of(text.strip(), 200, style=RunStyle(font="Arial", size=14.0))) > len(
        lines_of(text.strip(), 200))
