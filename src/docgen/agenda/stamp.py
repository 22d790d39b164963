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


def stamp_pages(writer, first: int = 1, label: str = LABEL) -> None:
    """Stamp every page of a pypdf `PdfWriter`, numbering from `first`."""
    font, encode, width = _stamp_font(writer)
    for number, page in enumerate(writer.pages, start=first):
        text = label.format(number=number)
        stamp_page(writer, page, text, font, encode(text), width(text))


def _stamp_font(writer):
    """The stamps' font in `writer`, a function encoding text in it, and one measuring it.

    The pack's bold face (`front.fonts`), embedded (a PDF/UA file embeds every font):
    reportlab draws the stamps' characters once, subsetting the font, and that font object is
    copied into the pack; each stamp's text is encoded as reportlab encodes it in that subset.
    """
    import io

    import pypdf
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
    fonts_used = pypdf.PdfReader(buffer).pages[0]["/Resources"]["/Font"]
    source = next(iter(fonts_used.values())).get_object()  # the one font drawn
    font = writer._add_object(source.clone(writer))
    return font, encode, lambda text: stringWidth(text, name, FONT_SIZE)


def stamp_page(writer, page, text: str, font, encoded: bytes, width: float) -> None:
    """Add `text` (`encoded` in `font`, `width` points wide) at the top right of one page,
    its rotation first moved into its content."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    if page.get("/Rotate", 0) % 360:
        page.transfer_rotation_to_content()
    box = page.cropbox
    x = float(box.right) - RIGHT - width
    y = float(box.top) - TOP - FONT_SIZE * 0.75
    resources = page.get(NameObject("/Resources"))
    if resources is None:
        resources = DictionaryObject()
        page[NameObject("/Resources")] = resources
    resources = resources.get_object()
    fonts = resources.get(NameObject("/Font"))
    if fonts is None:
        fonts = DictionaryObject()
        resources[NameObject("/Font")] = fonts
    fonts.get_object()[NameObject(FONT_KEY)] = font
    before, after = DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    after.set_data((f"\nQ\n/Artifact <</Type /Pagination>> BDC q BT {FONT_KEY} {FONT_SIZE} Tf "
                    f"0 g 1 0 0 1 {x:.2f} {y:.2f} Tm ").encode() + encoded + b" Tj ET Q EMC\n")
    contents = page.get(NameObject("/Contents"))
    existing = [] if contents is None else _stream_refs(writer, contents)
    page[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(before), *existing, writer._add_object(after)])


def _stream_refs(writer, contents) -> list:
    """The page's content streams as references (an array, one stream, or a direct stream)."""
    from pypdf.generic import ArrayObject, IndirectObject

    if isinstance(contents, IndirectObject):
        target = contents.get_object()
        if isinstance(target, ArrayObject):
            return list(target)
        return [contents]
    if isinstance(contents, ArrayObject):
        return list(contents)
    return [writer._add_object(contents)]
