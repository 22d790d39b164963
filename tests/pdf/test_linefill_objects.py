"""The height of a line holding an inline picture or chart (docgen.pdf.linefill), against
LibreOffice 7.4.

A line whose only content is an object is as tall as the object (no descent of the text's
font below it); a line with text too has that descent; proportional spacing adds its share of
the text's height, not of the object's. The baselines expected below were measured in
LibreOffice's PDFs of these very documents (`soffice --convert-to pdf`); before this rule
docgen put every line after a chart 2.54 pt low (the descent of 12 pt Arial).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm, Pt
from tests.support.chart_data import KNIFE_CRIME

from docgen.charts import add_chart
from docgen.pdf import export_pdf
from docgen.pdf.fidelity import read_pages

# Baselines of "After the object" in LibreOffice's PDF, in points from the top of the page.
LIBREOFFICE = {
    "picture": 354.0,
    "picture_after_text": 367.8,
    "picture_at_1_5": 360.9,
    "small_picture_in_text": 158.1,
    "small_picture_in_text_at_1_15": 160.2,
    "chart": 354.0,
    "chart_at_1_15": 358.1,
}


def _png(path: Path) -> Path:
    """Write a small red PNG."""
    width, height = 40, 20
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def _document(case: str, image: Path) -> Document:
    """Arial 12 pt, single spaced, 8 pt after: a paragraph, the case's line, a paragraph."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(12)
    normal.paragraph_format.space_after, normal.paragraph_format.line_spacing = Pt(8), 1.0
    first = document.add_paragraph("Before the object")
    big, small = (Cm(16), Cm(8.5)), (Cm(2), Cm(1.5))
    if case.startswith("chart"):
        if case.endswith("1_15"):
            first.paragraph_format.line_spacing = 1.15
        add_chart(document, KNIFE_CRIME)
        document.paragraphs[-1].paragraph_format.line_spacing = 1.15 if case.endswith(
            "1_15") else 1.0
    elif case.startswith("small"):
        paragraph = document.add_paragraph("Text ")
        paragraph.add_run().add_picture(str(image), width=small[0], height=small[1])
        paragraph.add_run(" more")
        if case.endswith("1_15"):
            paragraph.paragraph_format.line_spacing = 1.15
    else:
        paragraph = document.add_paragraph("Text " if case == "picture_after_text" else "")
        paragraph.add_run().add_picture(str(image), width=big[0], height=big[1])
        if case.endswith("1_5"):
            paragraph.paragraph_format.line_spacing = 1.5
    document.add_paragraph("After the object")
    return document


@pytest.mark.parametrize("case", LIBREOFFICE)
def test_the_line_after_an_object_sits_where_libreoffice_puts_it(case: str,
                                                                  tmp_path: Path) -> None:
    source = tmp_path / f"{case}.docx"
    _document(case, _png(tmp_path / "red.png")).save(str(source))
    pdf = tmp_path / f"{case}.pdf"
    export_pdf(str(source), str(pdf))
    lines = read_pages(str(pdf))[0].lines
    (before,) = [top for top, _, text in lines if text.startswith("Before")]
    (after,) = [top for top, _, text in lines if text.startswith("After")]
    assert before == pytest.approx(83.3, abs=0.1)
    assert after == pytest.approx(LIBREOFFICE[case], abs=0.1)
