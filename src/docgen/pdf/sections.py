"""Section properties: page size, margins, orientation, headers and footers."""

from __future__ import annotations

from lxml import etree

from ..ooxml.elements import on_off, val
from ..ooxml.ns import r, w
from .model import Block, Section
from .ooxml import twips
from .reading import StoryReader

MIN_PAGE_SIDE = 7.2
"""Word's smallest page side, 0.1 in, in points."""
MAX_PAGE_SIDE = 1584.0
"""Word's largest page side, 22 in, in points."""
MIN_TEXT_SIDE = 7.2
"""The least text width or height the margins may leave, in points."""


def read_section(reader: StoryReader, sect: etree._Element | None, previous: Section | None,
                 blocks: list[Block]) -> Section:
    """A Section from `w:sectPr` (None → Word's defaults); headers inherit from `previous`."""
    section = Section(blocks=blocks)
    if previous is not None:
        section.headers = dict(previous.headers)
        section.footers = dict(previous.footers)
    if sect is None:
        return section
    size = sect.find(w("pgSz"))
    if size is not None:
        section.page_width = twips(size.get(w("w")), 595.3) or 595.3
        section.page_height = twips(size.get(w("h")), 841.9) or 841.9
        if size.get(w("orient")) == "landscape" and section.page_width < section.page_height:
            section.page_width, section.page_height = section.page_height, section.page_width
        _bound_page(reader, section)
    margins = sect.find(w("pgMar"))
    if margins is not None:
        for attr, name in (("top", "margin_top"), ("bottom", "margin_bottom"),
                           ("left", "margin_left"), ("right", "margin_right"),
                           ("header", "header_distance"), ("footer", "footer_distance")):
            value = twips(margins.get(w(attr)))
            if value is not None:
                setattr(section, name, abs(value))
        gutter = twips(margins.get(w("gutter")), 0.0) or 0.0
        section.margin_left += abs(gutter)
    _bound_margins(reader, section)
    section.start = val(sect.find(w("type"))) or "nextPage"
    section.title_page = bool(on_off(sect.find(w("titlePg"))))
    numbering = sect.find(w("pgNumType"))
    if numbering is not None:
        start = numbering.get(w("start"))
        section.page_start = int(start) if start and start.isdigit() else None
        section.page_format = numbering.get(w("fmt"), "decimal")
    cols = sect.find(w("cols"))
    if cols is not None and (val(cols, "num") or "1") not in ("0", "1"):
        reader.warn("multi-column sections were printed as a single column")
    for tag, target in (("headerReference", section.headers),
                        ("footerReference", section.footers)):
        for ref in sect.findall(w(tag)):
            kind = ref.get(w("type"), "default")
            target[kind] = reader.story(ref.get(r("id")))
    return section


def header_kind(section: Section, first_of_section: bool, number: int,
                even_and_odd: bool) -> str:
    """Which of its section's headers and footers a page shows: 'first' on the first page of a
    section with a title page, 'even' on even-numbered pages when the document has different
    odd and even headers (settings' `w:evenAndOddHeaders`), else 'default'. A kind the section
    lacks shows none, as in Word and LibreOffice."""
    if first_of_section and section.title_page:
        return "first"
    if even_and_odd and number % 2 == 0:
        return "even"
    return "default"


def _bound_page(reader: StoryReader, section: Section) -> None:
    """Hold the page within Word's own limits (0.1 to 22 inches a side)."""
    for name in ("page_width", "page_height"):
        size = getattr(section, name)
        bounded = min(max(size, MIN_PAGE_SIDE), MAX_PAGE_SIDE)
        if bounded != size:
            reader.warn(f"a page {name.removeprefix('page_')} of {size / 72:.2f} in is outside "
                        "Word's limits (0.1 to 22 in); it was printed as "
                        f"{bounded / 72:.1f} in")
            setattr(section, name, bounded)


def _bound_margins(reader: StoryReader, section: Section) -> None:
    """Leave at least `MIN_TEXT_SIDE` of text width and height, as Word insists."""
    for low, high, side, name in (("margin_left", "margin_right", "page_width", "width"),
                                  ("margin_top", "margin_bottom", "page_height", "height")):
        room = getattr(section, side) - getattr(section, low) - getattr(section, high)
        if room < MIN_TEXT_SIDE:
            margin = max(0.0, (getattr(section, side) - MIN_TEXT_SIDE) / 2)
            reader.warn(f"the margins leave {max(room, 0) / 72:.2f} in of text {name}; they "
                        f"were printed as {margin / 72:.2f} in")
            setattr(section, low, margin)
            setattr(section, high, margin)

