"""The writer every part of the narrative goes through: WordprocessingML appended with lxml.

It writes the XML python-docx would write (same elements, same order) in the template's own
style ids: going through python-docx's proxies, each run, cell width and bold flag walked the
XML schema, which cost several times what docxtpl itself costs. Paragraphs, runs, tables
(`table_layout`) and charts (`charts`) all use one `Writer`, so nothing reaches into
python-docx's private elements.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lxml import etree

from .list_numbering import ListNumbering
from .ooxml.ns import XML_NS, qn
from .template_styles import TemplateStyles

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element

    from .chart_description import ChartDescription

P, PPR, PSTYLE, JC, R, RPR, T = (qn(f"w:{t}") for t in ("p", "pPr", "pStyle", "jc", "r", "rPr",
                                                        "t"))
BOLD, ITALIC, TAB, BREAK, VAL = (qn(f"w:{t}") for t in ("b", "i", "tab", "br", "val"))
DRAWING, KEEPNEXT, SECTPR = (qn(f"w:{t}") for t in ("drawing", "keepNext", "sectPr"))
XML_SPACE = f"{{{XML_NS}}}space"
EMU_PER_POINT = 12700
_BREAKS = re.compile(r"[\t\r\n]")


@contextlib.contextmanager
def writing(doc: Document) -> Iterator[Writer]:
    """A `Writer` appending to the end of `doc`'s body; the body's w:sectPr, which python-docx
    keeps last, is taken out meanwhile and put back after."""
    body = doc.element.body
    section = body.find(SECTPR)
    out = Writer(doc)
    if section is not None:
        # The text area is read from the sections first: without its w:sectPr the body has none.
        out.text_width, out.text_height  # noqa: B018
        body.remove(section)
    try:
        yield out
    finally:
        if section is not None:
            body.append(section)


class Writer:
    """Appends WordprocessingML to a document's body, with the template's style ids.

    Each style name is resolved once (python-docx scans every style of the template for each
    lookup); the text width is read once. The styles are read when first needed, so a writer
    that only adds a chart leaves the styles part alone. `charts` holds the description of
    each chart written, by its part name, for the PDF engine to draw without reading it back.
    """

    def __init__(self, doc: Document):
        self.doc = doc
        self.charts: dict[str, ChartDescription] = {}
        self.body = doc.element.body
        self.sub = etree.SubElement
        self._width: int | None = None
        self._height: float | None = None

    @functools.cached_property
    def styles(self) -> TemplateStyles:
        """The template's styles, read once."""
        return TemplateStyles(self.doc.part.styles.element)

    @functools.cached_property
    def lists(self) -> ListNumbering:
        """The numbered lists written so far (each restarts at 1)."""
        return ListNumbering(self.doc, self.styles)

    def paragraph(self, style: str, parent: _Element | None = None) -> _Element:
        """A new w:p with the paragraph style `style` (or the body style), at the end."""
        para = self.sub(self.body if parent is None else parent, P)
        self.paragraph_properties(para, self.styles.paragraph_id(style))
        return para

    def paragraph_properties(self, para: _Element, style_id: str | None) -> _Element:
        """The w:pPr python-docx writes for a paragraph style: empty for the default style."""
        ppr = self.sub(para, PPR)
        if style_id is not None:
            self.sub(ppr, PSTYLE, {VAL: style_id})
        return ppr

    def run(self, para: _Element, text: str, bold: bool, italic: bool) -> None:
        """A w:r with a w:rPr (left empty for plain text, as python-docx leaves it)."""
        run = self.sub(para, R)
        rpr = self.sub(run, RPR)
        if bold:
            self.sub(rpr, BOLD)
        if italic:
            self.sub(rpr, ITALIC)
        add_text(run, text)

    def drawing(self, inline: _Element) -> None:
        """A paragraph of one run holding a drawing (`inline`, a wp:inline), with no paragraph
        or run properties, as python-docx's `add_paragraph().add_run()` leaves them."""
        run = self.sub(self.sub(self.body, P), R)
        self.sub(run, DRAWING).append(inline)

    @property
    def text_width(self) -> int:
        """The width between the margins of the template's first section, in EMU."""
        if self._width is None:
            section = self.doc.part.document.sections[0]
            self._width = section.page_width - section.left_margin - section.right_margin
        return self._width

    @property
    def text_height(self) -> float:
        """The height between the margins of the template's first section, in points."""
        if self._height is None:
            section = self.doc.part.document.sections[0]
            height = section.page_height - section.top_margin - section.bottom_margin
            self._height = height / EMU_PER_POINT
        return self._height


def add_text(run: _Element, text: str) -> None:
    """The run's content as python-docx writes it: a w:t for each stretch of text, and a
    w:tab or w:br for each tab, carriage return or line feed."""
    start = 0
    for match in _BREAKS.finditer(text):
        _add_t(run, text[start:match.start()])
        etree.SubElement(run, TAB if match.group() == "\t" else BREAK)
        start = match.end()
    _add_t(run, text[start:])


def _add_t(run: _Element, text: str) -> None:
    """A w:t holding `text`, its spaces kept where it starts or ends with one."""
    if text:
        t = etree.SubElement(run, T)
        t.text = text
        if len(text.strip()) < len(text):
            t.set(XML_SPACE, "preserve")
