"""`docgen.pdf.ooxml`: WordprocessingML units and values as the PDF engine reads them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.ooxml.ns import C_NS, PIC_NS
from docgen.pdf.ooxml import CHART_URI, PICTURE_URI, clean_text, emu, hex_colour, twips


@pytest.mark.parametrize(("value", "points"), [
    ("720", 36.0), ("720.0", 36.0), ("0", 0.0), ("-240", -12.0), ("11906", 595.3)])
def test_twips_are_twentieths_of_a_point(value, points):
    assert twips(value) == pytest.approx(points)


def test_a_missing_or_unreadable_twips_value_is_the_default():
    assert twips(None) is None
    assert twips(None, 12.0) == 12.0
    assert twips("junk", 5.0) == 5.0
    assert twips("", 7.0) == 7.0


@given(st.integers(-10**7, 10**7))
def test_twips_of_whole_numbers(value):
    assert twips(str(value)) * 20 == pytest.approx(value)


@pytest.mark.parametrize(("value", "points"), [
    ("12700", 1.0), ("914400", 72.0), ("5486400", 432.0), (None, 0.0), ("", 0.0),
    ("1.5", 0.0), ("x", 0.0)])
def test_emus(value, points):
    assert emu(value) == pytest.approx(points)


def test_clean_text_drops_what_xml_cannot_hold():
    assert clean_text("a\x00b\x08c\x0bd\x1fe\ufffef\uffff") == "abcdef"
    assert clean_text("bad \ud800 surrogate") == "bad  surrogate"


def test_clean_text_keeps_tabs_newlines_and_any_drawable_character():
    text = "Tab\there\nnew line\rcarriage £ € – “quotes” ŵ ŷ 😀"
    assert clean_text(text) is text


@given(st.text())
def test_clean_text_is_idempotent_and_only_removes(text):
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert len(cleaned) <= len(text)
    assert all(ch in text for ch in cleaned)


@pytest.mark.parametrize(("value", "colour"), [
    ("ff0000", "FF0000"), ("00703C", "00703C"), ("auto", None), ("AUTO", None), (None, None),
    ("", None), ("F00", None), ("GG0000", None), ("1234567", None)])
def test_hex_colour(value, colour):
    assert hex_colour(value) == colour


def test_graphic_data_uris_are_the_drawingml_namespaces():
    assert CHART_URI == C_NS
    assert PICTURE_URI == PIC_NS
