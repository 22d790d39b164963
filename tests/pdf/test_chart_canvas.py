"""Tests for docgen.pdf.chart_canvas: the canvas operations a chart is drawn with."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pdfplumber
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from docgen.pdf.chart_canvas import Box, Picture, Shape, Stroke, Text, rgb


def test_rgb_turns_a_description_s_hex_colour_into_a_reportlab_colour() -> None:
    assert rgb("12436D") == colors.HexColor("#12436D")
    assert rgb("12436D") is rgb("12436D")  # made once


def test_text_anchors_shift_it_by_its_width() -> None:
    text = Text(100, 10, "Month", "Helvetica", 9, "end")
    assert text.shift() == text.width() > 0
    assert Text(100, 10, "Month", "Helvetica", 9, "middle").shift() == text.width() / 2
    assert Text(100, 10, "Month", "Helvetica", 9, "start").shift() == 0


def test_decorative_items_are_drawn_inside_the_decoration_and_nothing_else(
        tmp_path: Path) -> None:
    picture = Picture(200, 100)
    picture.add(Box(0.5, 0.5, 199, 99, colors.white, colors.grey, decorative=True),
                Stroke((10, 50, 190, 50), colors.grey, 0.75, decorative=True),
                Shape((10, 10, 20, 10, 15, 20), colors.red, 0.1, colors.red),
                Text(100, 80, "Title", "Helvetica", 11))
    canvas = Canvas(str(tmp_path / "picture.pdf"), pagesize=A4)
    marked: list[str] = []

    @contextlib.contextmanager
    def decoration(target: Canvas):
        marked.append(target._code[-1] if target._code else "")
        target.saveState()  # what a tagged PDF would open (BMC /Artifact) and close
        yield
        target.restoreState()

    picture.draw_on(canvas, 50, 600, decoration=decoration)
    assert len(marked) == 2
    canvas.save()
    with pdfplumber.open(tmp_path / "picture.pdf") as pdf:
        page = pdf.pages[0]
        assert "Title" in page.extract_text()
        assert any(abs(line["x0"] - 60) < 0.01 and abs(line["x1"] - 240) < 0.01
                   for line in page.lines)  # drawn at the picture's corner
