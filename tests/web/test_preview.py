"""Page images of the PDF for the preview: readable when enlarged, bounded whatever the page."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from PIL import Image
from tests.support.web import fake_pdf

from docgen.web.preview import MAX_SIDE, PREVIEW_WIDTH, page_scale, render_preview


def test_the_first_pages_are_rendered_at_the_preview_width(tmp_path):
    pdf = tmp_path / "report.pdf"
    fake_pdf(pdf, "STRATEGIC SCRUTINY MEETING", pages=6)
    preview = render_preview(pdf, tmp_path, pages=4, width=400)
    assert preview.page_count == 6
    assert [image.name for image in preview.images] == [f"page-{n}.png" for n in range(1, 5)]
    with Image.open(preview.images[0]) as picture:
        assert picture.width == 400
        assert picture.height > picture.width  # A4, portrait


def test_an_a4_page_is_readable_when_opened_full_size(tmp_path):
    pdf = tmp_path / "report.pdf"
    fake_pdf(pdf, "x", pages=1)
    (image,) = render_preview(pdf, tmp_path).images
    with Image.open(image) as picture:
        assert picture.width == PREVIEW_WIDTH >= 1000  # about 145 dots per inch on A4
        assert picture.height <= MAX_SIDE


def test_a_page_of_any_size_gives_a_picture_of_at_most_2000_pixels_a_side(tmp_path):
    """A 0.1 × 150 inch page once took 5.4 GB to preview; a 22 × 22 inch one is Word's most."""
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "odd.pdf"
    drawing = canvas.Canvas(str(pdf))
    for size in [(7.2, 10800), (10800, 7.2), (1584, 1584), (14400, 14400)]:
        drawing.setPageSize(size)
        drawing.drawString(1, 1, "x")
        drawing.showPage()
    drawing.save()
    started = time.monotonic()
    preview = render_preview(pdf, tmp_path)
    assert time.monotonic() - started < 5
    assert len(preview.images) == 4
    for image in preview.images:
        with Image.open(image) as picture:
            assert 1 <= picture.width <= MAX_SIDE and 1 <= picture.height <= MAX_SIDE


def test_the_scale_fits_the_longer_side():
    assert page_scale(595, 842, 1200, 2000) == 1200 / 595
    assert page_scale(7.2, 10800, 1200, 2000) == 2000 / 10800
    assert page_scale(0, 0, 1200, 2000) == 1200  # a page without size still draws 1 pixel


def test_a_short_document_gives_as_many_images_as_pages(tmp_path):
    pdf = tmp_path / "report.pdf"
    fake_pdf(pdf, "x", pages=1)
    preview = render_preview(pdf, tmp_path)
    assert (len(preview.images), preview.page_count) == (1, 1)


def test_previews_can_be_asked_for_from_many_threads(tmp_path):
    pdf = tmp_path / "report.pdf"
    fake_pdf(pdf, "x", pages=3)
    folders = [tmp_path / str(n) for n in range(8)]
    for folder in folders:
        folder.mkdir()
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda folder: render_preview(pdf, folder), folders))
    assert all(p.page_count == 3 and len(p.images) == 3 for p in results)
