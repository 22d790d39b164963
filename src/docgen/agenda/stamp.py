"""Stamp the pack's page numbers: "Page 7" at the top right of every page.

The number goes in the top margin, right-aligned 15 mm from the page's right edge and 8 mm
below its top (of the visible page, turned the way it is read), clear of the headers and
footers docgen's reports draw (their header starts 13 mm down, their footer is at the
bottom). It is added as a content stream of its own after the page's, wrapped so that the
page's own drawing state cannot move it, and marked as a pagination artifact so that a
screen reader does not read it as part of the paper.
"""

from __future__ import annotations

MM = 72 / 25.4
LABEL = "Page {number}"
FONT_SIZE = 10
RIGHT = 15 * MM
TOP = 8 * MM
FONT_KEY = "/DocgenPackPage"
CHARACTERS = "Page 0123456789"


def stamp_pages(pdf, first: int = 1, label: str = LABEL) -> None:
    """Stamp every page of a pikepdf `Pdf`, numbering from `first`."""
    font, encode, width = _stamp_font(pdf)
    opening = pdf.make_indirect(pdf.make_stream(b"q\n"))  # one, shared by every page
    for number, page in enumerate(pdf.pages, start=first):
        text = label.format(number=number)
        stamp_page(pdf, page, font, _stamp(page, encode(text), width(text)), opening)


def _stamp_font(pdf):
    """The stamps' font in `pdf`, a function encoding text in it, and one measuring it.

    The pack's bold face (`front.fonts`), embedded (a PDF/UA file embeds every font):
    reportlab draws the stamps' characters once, subsetting the font, and that font object is
    copied into the pack; each stamp's text is encoded as reportlab encodes it in that subset.
    """
    import io

    import pikepdf
    from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
    from reportlab.pdfgen.canvas import Canvas

    from .front import fonts

    name = fonts().bold
    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=name)
    canvas.setFont(name, FONT_SIZE)
    canvas.drawString(0, 0, CHARACTERS)
    ttf = getFont(name)
    document = canvas._doc

    def encode(text: str) -> bytes:
        parts = ttf.splitString(text, document)
        return b"<" + b"".join(part.hex().encode() for _, part in parts) + b">"

    canvas.showPage()
    canvas.save()
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as drawn:
        used = drawn.pages[0].obj.Resources.Font
        font = pdf.copy_foreign(next(iter(used.values())))  # the one font drawn
    return font, encode, lambda text: stringWidth(text, name, FONT_SIZE)


def _stamp(page, encoded: bytes, width: float) -> bytes:
    """The stamp's drawing: the text `width` points wide at the top right of the page as it
    is shown (its /Rotate turned back by a transform, so the page itself is left as it is)."""
    x0, y0, x1, y1 = (float(v) for v in page.cropbox)
    rotate = int(page.obj.get("/Rotate", 0)) % 360
    turned = rotate in (90, 270)
    shown_width, shown_height = (y1 - y0, x1 - x0) if turned else (x1 - x0, y1 - y0)
    matrix = {0: (1, 0, 0, 1, x0, y0), 90: (0, 1, -1, 0, x1, y0),
              180: (-1, 0, 0, -1, x1, y1), 270: (0, -1, 1, 0, x0, y1)}.get(
                  rotate, (1, 0, 0, 1, x0, y0))
    x = shown_width - RIGHT - width
    y = shown_height - TOP - FONT_SIZE * 0.75
    cm = " ".join(f"{v:g}" for v in matrix)
    return (f"\nQ\n/Artifact <</Type /Pagination>> BDC q {cm} cm BT {FONT_KEY} {FONT_SIZE} Tf "
            f"0 g 1 0 0 1 {x:.2f} {y:.2f} Tm ").encode() + encoded + b" Tj ET Q EMC\n"


def stamp_page(pdf, page, font, drawing: bytes, opening) -> None:
    """Add `drawing` (in `font`) after one page's content, the content wrapped in q/Q by the
    shared `opening` stream and the drawing's own."""
    import pikepdf

    resources = page.obj.get("/Resources")
    if resources is None:
        resources = page.obj.Resources = pikepdf.Dictionary()
    fonts = resources.get("/Font")
    if fonts is None:
        fonts = resources.Font = pikepdf.Dictionary()
    fonts[FONT_KEY] = font
    page.contents_add(opening, prepend=True)
    page.contents_add(pdf.make_indirect(pdf.make_stream(drawing)))
