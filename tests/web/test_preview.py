"""Page images of the PDF for the preview."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from PIL import Image
from web_support import fake_pdf

from docgen.web.preview import render_preview


def test_the_first_pages_are_rendered_at_the_preview_width(tmp_path):
    pdf = tmp_path / "report.pdf"
    fake_pdf(pdf, "STRATEGIC SCRUTINY MEETING", pages=6)
    images, total = render_preview(pdf, tmp_path, pages=4, width=400)
    assert total == 6
    assert [image.name for image in images] == [f"page-{n}.png" for n in range(1, 5)]
    with Image.open(images[0]) as picture:
        assert picture.width == 400
        assert picture.height > picture.width  # A4, portrait


def test_a_short_document_gives_as_many_images_as_pages(tmp_path):
    pdf = tmp_path / "report.pdf"
    fake_pdf(pdf, "x", pages=1)
    images, total = render_preview(pdf, tmp_path)
    assert (len(images), total) == (1, 1)


def test_previews_can_be_asked_for_from_many_threads(tmp_path):
    pdf = tmp_path / "report.pdf"
    fake_pdf(pdf, "x", pages=3)
    folders = [tmp_path / str(n) for n in range(8)]
    for folder in folders:
        folder.mkdir()
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda folder: render_preview(pdf, folder), folders))
    assert all(total == 3 and len(images) == 3 for images, total in results)
