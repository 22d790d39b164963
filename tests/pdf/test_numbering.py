"""`docgen.pdf.numbering`: Word's number formats, list levels and running counters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from docgen.ooxml.ns import W_NS
from docgen.pdf.numbering import Numbering, bullet_text, format_number, to_roman


@pytest.mark.parametrize(("n", "fmt", "text"), [
    (3, "decimal", "3"), (1, "lowerLetter", "a"), (26, "lowerLetter", "z"),
    (27, "lowerLetter", "aa"), (28, "upperLetter", "BB"), (53, "lowerLetter", "aaa"),
    (4, "lowerRoman", "iv"), (1994, "upperRoman", "MCMXCIV"), (7, "decimalZero", "07"),
    (12, "decimalZero", "12"), (5, "none", ""), (1, "ordinal", "1st"), (2, "ordinal", "2nd"),
    (3, "ordinal", "3rd"), (4, "ordinal", "4th"), (11, "ordinal", "11th"),
    (12, "ordinal", "12th"), (13, "ordinal", "13th"), (21, "ordinal", "21st"),
    (112, "ordinal", "112th"), (9, "cardinalText", "9"), (0, "lowerLetter", "")])
def test_format_number(n, fmt, text):
    assert format_number(n, fmt) == text


def test_roman_numerals_outside_1_to_3999_are_decimal():
    assert to_roman(0) == "0"
    assert to_roman(4000) == "4000"
    assert to_roman(-3) == "-3"
    assert to_roman(3999) == "mmmcmxcix"


def _from_roman(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for here, after in zip(text, [*text[1:], ""], strict=True):
        value = values[here]
        total += -value if after and values[after] > value else value
    return total


@given(st.integers(1, 3999))
def test_roman_numerals_read_back(n):
    assert _from_roman(to_roman(n)) == n


@given(st.integers(1, 5000))
def test_letters_repeat_one_letter_per_26(n):
    text = format_number(n, "lowerLetter")
    assert len(set(text)) == 1
    assert len(text) == (n - 1) // 26 + 1
    assert ord(text[0]) - ord("a") == (n - 1) % 26


def test_symbol_font_bullets_become_unicode():
    assert bullet_text("\uf0b7") == "\u2022"
    assert bullet_text("\uf0a7") == "\u25aa"
    assert bullet_text("\uf0fc") == "\u2713"
    assert bullet_text("\uf099") == "\u2022"  # any other private-use symbol
    assert bullet_text("o") == "o"
    assert bullet_text("–") == "–"


NUMBERING = f"""<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
      <w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:suff w:val="space"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
      <w:lvlText w:val="%1.%2"/><w:lvlJc w:val="end"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:isLgl/>
      <w:lvlText w:val="%1.%2.%3"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="2">
    <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/>
      <w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="1"/>
    <w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="3"/>
      <w:numFmt w:val="upperRoman"/><w:lvlText w:val="(%1)"/></w:lvl></w:lvlOverride></w:num>
  <w:num w:numId="9"><w:abstractNumId w:val="77"/></w:num>
</w:numbering>"""


@pytest.fixture
def numbering() -> Numbering:
    return Numbering(etree.fromstring(NUMBERING), {})


def test_levels_are_read_with_their_formats(numbering):
    first, second = numbering.level("1", 0), numbering.level("1", 1)
    assert (first.fmt, first.text, first.suffix, first.align) == ("decimal", "%1.", "space",
                                                                  "left")
    assert (second.fmt, second.align, second.suffix) == ("lowerLetter", "right", "tab")
    assert numbering.level("1", 2).legal
    assert numbering.level("3", 0).rpr["font"] == "Symbol"


def test_labels_count_up_and_a_deeper_level_restarts(numbering):
    labels = [numbering.next_label("1", ilvl) for ilvl in (0, 1, 1, 0, 1, 2, 2)]
    assert labels == ["1.", "1.a", "1.b", "2.", "2.a", "2.1.1", "2.1.2"]


def test_a_legal_level_shows_every_level_in_decimal(numbering):
    numbering.next_label("1", 0)
    numbering.next_label("1", 1)
    assert numbering.next_label("1", 2) == "1.1.1"


def test_nums_of_one_list_share_its_counters_and_a_start_override_restarts_it(numbering):
    assert [numbering.next_label("1", 0) for _ in range(2)] == ["1.", "2."]
    assert [numbering.next_label("2", 0) for _ in range(2)] == ["5.", "6."]
    assert numbering.next_label("1", 0) == "7."


def test_a_level_override_replaces_the_level(numbering):
    assert [numbering.next_label("4", 0) for _ in range(2)] == ["(III)", "(IV)"]


def test_a_bullet_is_its_symbol_in_unicode(numbering):
    assert numbering.next_label("3", 0) == "\u2022"
    assert numbering.next_label("3", 0) == "\u2022"


def test_unknown_lists_and_levels_are_not_numbered(numbering):
    assert numbering.next_label("99", 0) is None
    assert numbering.next_label("9", 0) is None  # its abstractNum is missing
    assert numbering.next_label("1", 5) is None
    assert numbering.level("99", 0) is None


def test_a_document_without_numbering_numbers_nothing():
    assert Numbering(None, {}).next_label("1", 0) is None
