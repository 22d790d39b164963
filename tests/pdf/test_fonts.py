"""Fonts: each Word family measured and drawn with the face LibreOffice uses, embedded."""

from __future__ import annotations

import re

import pytest
from tests.support import docx_fixtures as fx
from tests.support import needs_soffice

from docgen.pdf import export_pdf
from docgen.pdf.fidelity import compare
from docgen.pdf.fonts import SMALL_CAPS_SCALE, FontSet, face_for_file, family_widths
from docgen.pdf.model import RunStyle
from docgen.pdf.ttf_metrics import ttf_widths


@pytest.mark.parametrize(("family", "bold", "italic", "face"), [
    ("Calibri", False, False, "Carlito-Regular"),
    ("Calibri", True, True, "Carlito-BoldItalic"),
    ("Cambria", True, False, "Caladea-Bold"),
    ("Arial Narrow", False, False, "LiberationSansNarrow-Regular"),
    ("Arial", False, True, "LiberationSans-Italic"),
    ("Times New Roman", False, False, "LiberationSerif-Regular"),
    ("Courier New", False, False, "LiberationMono-Regular"),
])
def test_a_family_is_measured_with_its_metric_compatible_face(family, bold, italic, face):
    font = FontSet().resolve(RunStyle(font=family, size=11, bold=bold, italic=italic))
    assert font.face.path.endswith(f"/{face}.ttf")
    assert font.face.widths == ttf_widths(font.face.path)
    assert font.width("Committee") == pytest.approx(
        sum(ttf_widths(font.face.path)[ch] for ch in "Committee") * 11 / 1000)


def test_calibri_and_arial_narrow_are_not_measured_as_helvetica():
    fonts = FontSet()
    arial = fonts.resolve(RunStyle(font="Arial", size=11)).width("Committee report")
    calibri = fonts.resolve(RunStyle(font="Calibri", size=11)).width("Committee report")
    narrow = fonts.resolve(RunStyle(font="Arial Narrow", size=11)).width("Committee report")
    assert calibri < arial * 0.97  # Carlito is narrower than Liberation Sans
    assert narrow == pytest.approx(arial * 0.82, rel=0.02)


def test_line_metrics_come_from_the_face_drawn():
    fonts = FontSet()
    calibri = fonts.resolve(RunStyle(font="Calibri", size=11))
    arial = fonts.resolve(RunStyle(font="Arial", size=11))
    # Carlito: ascent 0.75 + line gap 0.2207 above the baseline, descent 0.25 below, in twips
    # (Word's single line of Calibri 11 pt is 13.43 pt).
    assert (calibri.top, calibri.bottom) == (10.7, 2.75)
    assert (arial.top, arial.bottom) == (10.3, 2.35)


def test_a_family_with_no_compatible_substitute_is_reported_by_name():
    fonts = FontSet()
    fonts.resolve(RunStyle(font="Georgia", size=11))
    fonts.resolve(RunStyle(font="Calibri", size=11))
    fonts.resolve(RunStyle(font="Arial Narrow", size=11))
    problems = fonts.problems()
    assert len(problems) == 1
    assert "'Georgia'" in problems[0] and "DejaVu Serif" in problems[0]


def test_small_caps_are_drawn_at_libreoffices_size_with_the_full_line_height():
    fonts = FontSet()
    full = fonts.resolve(RunStyle(font="Arial", size=11))
    small = fonts.resolve(RunStyle(font="Arial", size=11, small_caps=True))
    assert SMALL_CAPS_SCALE == 0.8
    assert small.size == 8.8
    assert (small.top, small.bottom) == (full.top, full.bottom)


def test_every_font_in_the_pdf_is_an_embedded_subset(render):
    pdf, warnings = render(fx.font_report, "Calibri")
    data = pdf.read_bytes()
    names = re.findall(rb"/BaseFont /([^\s/>]+)", data)
    assert names and all(re.match(rb"[A-Z]{6}\+", name) for name in names), names
    assert any(b"Carlito" in name for name in names)
    assert b"Helvetica" not in data and b"/Symbol" not in data
    assert data.count(b"/FontFile2") == len(set(names))
    assert warnings == []


def test_family_widths_are_the_drawn_faces():
    widths, default = family_widths("Calibri", False, False)
    face = face_for_file(FontSet().resolve(RunStyle(font="Calibri")).face.path)
    assert widths is face.widths and default == face.default_width


@pytest.mark.libreoffice
@needs_soffice
@pytest.mark.parametrize("font", ["Calibri", "Cambria", "Arial Narrow"])
def test_lines_break_as_libreoffices_in_other_fonts(tmp_path, font):
    source = fx.font_report(tmp_path / "report.docx", font)
    ours, theirs = tmp_path / "ours.pdf", tmp_path / "lo.pdf"
    export_pdf(source, ours)
    export_pdf(source, theirs, engine="libreoffice")
    result = compare(str(ours), str(theirs))
    assert result.pages[1] >= 4
    assert result.all_pages_identical, result
    assert result.baseline_share == 1.0, result
