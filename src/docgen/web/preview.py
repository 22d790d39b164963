"""Page images of the finished PDF, for the preview on the result page.

Run in a worker (`docgen.web.jobs`), never in the server: the PDF is made from an upload. Each
image is scaled to fit `MAX_SIDE` pixels each way whatever the page's size, so a page of
0.1 × 150 inches gives a thin picture, not gigabytes of pixels.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from PIL import Image

# PDFium is not thread-safe, not even across different documents: only one thread of a
# process may call it at a time.
_PDFIUM_LOCK = threading.Lock()

PREVIEW_PAGES = 4
PREVIEW_WIDTH = 1200  # pixels: an A4 page readable when opened full size (about 145 dpi)
MAX_SIDE = 2000  # pixels: no preview image is wider or taller, whatever the page size
COLOURS = 256  # a palette keeps the files small and quick to write; text stays crisp
PNG_COMPRESSION = 1  # light: four A4 pages in about 0.2 s and 0.6 MB (level 6: 0.6 s, 0.4 MB)


@dataclass
class Preview:
    """Images of the first pages, in page order, and the PDF's page count."""

    images: list[Path]
    page_count: int


def render_preview(pdf: Path, folder: Path, *, pages: int = PREVIEW_PAGES,
                   width: int = PREVIEW_WIDTH, max_side: int = MAX_SIDE) -> Preview:
    """Write PNGs of the first `pages` pages of `pdf` into `folder`, `width` pixels wide but
    never more than `max_side` pixels either way."""
    images = []
    with _PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(pdf)
        try:
            total = len(document)
            for index in range(min(pages, total)):
                image = folder / f"page-{index + 1}.png"
                picture = _render_page(document[index], width, max_side)
                picture.save(image, format="PNG", compress_level=PNG_COMPRESSION)
                images.append(image)
        finally:
            document.close()
    return Preview(images, total)


def page_scale(page_width: float, page_height: float, width: int, max_side: int) -> float:
    """Pixels per point: `width` pixels across, unless that makes a side over `max_side`."""
    page_width, page_height = max(page_width, 1.0), max(page_height, 1.0)
    return min(width / page_width, max_side / page_width, max_side / page_height)


def _render_page(page: pypdfium2.PdfPage, width: int, max_side: int) -> Image.Image:
    """One page as a palette image, at most `max_side` pixels each way."""
    try:
        scale = page_scale(page.get_width(), page.get_height(), width, max_side)
        bitmap = page.render(scale=scale)
        try:
            return bitmap.to_pil().quantize(COLOURS, method=Image.Quantize.FASTOCTREE)
        finally:
            bitmap.close()
    finally:
        page.close()
