"""Page images of the finished PDF, for the preview on the result page."""

from __future__ import annotations

import threading
from pathlib import Path

import pypdfium2

# PDFium is not thread-safe, not even across different documents, and builds run in a
# thread pool: only one thread may call it at a time.
_PDFIUM_LOCK = threading.Lock()

PREVIEW_PAGES = 4
PREVIEW_WIDTH = 720  # pixels: readable at a glance, small enough to load quickly


def render_preview(
    pdf: Path, folder: Path, *, pages: int = PREVIEW_PAGES, width: int = PREVIEW_WIDTH
) -> tuple[list[Path], int]:
    """Write PNGs of the first `pages` pages of `pdf` into `folder`.

    Returns the image paths, in page order, and the PDF's total page count.
    """
    images = []
    with _PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(pdf)
        try:
            total = len(document)
            for index in range(min(pages, total)):
                image = folder / f"page-{index + 1}.png"
                _render_page(document[index], width).save(image, format="PNG", optimize=True)
                images.append(image)
        finally:
            document.close()
    return images, total


def _render_page(page: pypdfium2.PdfPage, width: int):
    """One page as a PIL image `width` pixels wide."""
    try:
        bitmap = page.render(scale=width / page.get_width())
        return bitmap.to_pil()
    finally:
        page.close()
