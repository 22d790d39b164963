"""Section properties: page size, margins, orientation, headers and footers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from .model import Block, Section
from .ooxml import on_off, r, twips, val, w

if TYPE_CHECKING:
    from .docx_reader import DocxReader


def read_section(reader: DocxReader, sect: etree._Element | None, previous: Section | None,
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
    margins = sect.find(w("pgMar"))
    if margins is not None:
        for attr, name in (("top", "margin_top"), ("bottom", "margin_bottom"),
                           ("left", "margin_left"), ("right", "margin_right"),
                           ("header", "header_distance"), ("footer", "footer_distance")):
            value = twips(margins.get(w(attr)))
            if value is not None:
                setattr(section, name, abs(value))
        gutter = twips(margins.get(w("gutter")), 0.0) or 0.0
        section.margin_left += gutter
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
            target[kind] = _story(reader, ref.get(r("id")))
    return section


def _story(reader: DocxReader, rid: str | None) -> list[Block]:
    """Blocks of a header or footer part (relationships resolved against that part).

    The part is the relationship's current target, not python-docx's `related_parts`: docxtpl
    swaps rendered headers and footers in behind that cache, so a document read in memory
    straight after rendering would otherwise show the template's.
    """
    if not rid or rid not in reader.part.rels:
        return []
    part = reader.part.rels[rid].target_part
    saved, reader.part = reader.part, part
    try:
        return reader.blocks(part.element)
    finally:
        reader.part = saved
