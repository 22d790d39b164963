"""Unit tests of reading a font's standard ligatures (issue 16): Carlito's, which LibreOffice
applies when it measures Calibri text, and none in Liberation Sans."""

from __future__ import annotations

import struct

import pytest

from docgen.pdf import fontconfig
from docgen.pdf.fonts import FontSet
from docgen.pdf.ligatures import _read, font_ligatures, ligature_savings
from docgen.pdf.linebreak import LineBreaker
from docgen.pdf.model import RunStyle

CARLITO = fontconfig.match("Calibri", False, False)
needs_carlito = pytest.mark.skipif(CARLITO is None or "Carlito" not in CARLITO.family,
                                   reason="Carlito (fonts-crosextra-carlito) is not installed")


@needs_carlito
def test_carlito_joins_tt_and_fi():
    ligatures = font_ligatures(CARLITO.path)
    assert ("t", pytest.approx(634.28, abs=0.01)) in ligatures["t"]  # "tt"
    assert any(rest == "i" for rest, _ in ligatures["f"])  # "fi"


@needs_carlito
def test_committee_is_narrower_by_its_tt_ligature():
    # HarfBuzz (as LibreOffice shapes) makes "committee" at 12 pt 0.43 pt narrower than its
    # letters: a Calibri line holding it breaks later (lines measured against soffice).
    fonts = FontSet()
    breaker = LineBreaker(fonts, 36.0)
    font = fonts.resolve(RunStyle(font="Calibri", size=12.0))
    letters = sum(breaker.width(font, ch) for ch in "committee")
    assert round(letters - breaker.width(font, "committee"), 2) == 0.43


def test_liberation_sans_has_none():
    found = fontconfig.match("Arial", False, False)
    assert found is not None and font_ligatures(found.path) == {}


def test_savings_take_the_first_ligature_the_font_lists():
    ligatures = {"f": [("fi", 800.0), ("i", 500.0)], "t": [("t", 600.0)]}
    widths = {"f": 300, "i": 250, "t": 350}
    saved = ligature_savings("officetti", ligatures, widths.__getitem__, round)
    assert saved == (300 + 250 - 500) + (350 + 350 - 600)


def test_a_file_without_gsub_or_unreadable_has_no_ligatures(tmp_path):
    assert font_ligatures(str(tmp_path / "missing.ttf")) == {}
    empty = struct.pack(">IHHHH", 0x10000, 0, 0, 0, 0)
    assert _read(empty) == {}
