"""Stamping page numbers: on every page, top right of the page as read, over nothing."""

from __future__ import annotations

import io

import pdfplumber
import pikepdf
import pypdf
import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from docgen.agenda.stamp import stamp_pages


def _source() -> bytes:
    """Three pages: A4 portrait, A4 landscape, and a portrait page with a leftover transform
    (its drawing state is never restored, as some producers leave it)."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.drawString(72, 72, "first page footer")
    c.showPage()
    c.setPageSize(landscape(A4))
    c.drawString(72, 72, "landscape page")
    c.showPage()
    c.setPageSize(A4)
    c._code.append("2 0 0 2 0 0 cm")  # scale never undone by the page
    c.drawString(20, 20, "scaled page")
    c.showPage()
    c.save()
    return buffer.getvalue()


def _stamped(data: bytes, rotate: int = 0, first: int = 1) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if rotate:
            pdf.pages[0].obj.Rotate = rotate
        stamp_pages(pdf, first=first)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _stamp_words(data: bytes) -> list[tuple[str, float, float, float]]:
    """(text, right edge's distance from the page's right, top, page width) of the stamps."""
    found = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            page_word = next(w for w in words if w["text"] == "Page")
            number = words[words.index(page_word) + 1]
            found.append((f"Page {number['text']}", round(page.width - number["x1"]),
                          round(page_word["top"]), round(page.width)))
    return found


def test_every_page_gets_its_number_at_the_top_right():
    stamps = _stamp_words(_stamped(_source(), first=7))
    assert [s[0] for s in stamps] == ["Page 7", "Page 8", "Page 9"]
    assert [s[3] for s in stamps] == [595, 842, 595]
    assert all(s[1] == 43 and 20 < s[2] < 25 for s in stamps)  # 15 mm from the right, 8 mm down


def test_the_page_keeps_its_own_text():
    with pdfplumber.open(io.BytesIO(_stamped(_source()))) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    assert "first page footer" in texts[0] and "landscape page" in texts[1]
    assert "scaled page" in texts[2]


@pytest.mark.parametrize("rotate", [90, 180, 270, -90])
def test_a_rotated_page_is_stamped_upright_where_it_is_read(rotate):
    data = _stamped(_source(), rotate=rotate)
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    assert page.get("/Rotate", 0) == rotate  # the page is left as it is
    stamp = _stamp_words(data)[0]
    width = 842 if rotate % 180 else 595
    assert stamp == ("Page 1", 43, stamp[2], width) and 20 < stamp[2] < 25
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["top"] < 30]
        assert "".join(c["text"] for c in chars) == "Page 1"
        assert all(c["upright"] for c in chars)
    assert "first page footer" in pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_the_stamp_is_marked_as_a_pagination_artifact():
    page = pypdf.PdfReader(io.BytesIO(_stamped(_source()))).pages[0]
    content = page.get_contents().get_data()
    assert b"/Artifact <</Type /Pagination>> BDC" in content
    assert content.startswith(b"q\n")
