"""Word lists in the narrative: numbered lists that restart at 1, and section numbering.

`ListNumbering` gives each numbered list of the narrative its own w:num, as Word does;
`SectionNumbering` numbers headings and section paragraphs with one list in the levels of the
workbook's numbering scheme (`numbering.Scheme`), adding it to numbering.xml when first used.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

from lxml import etree

from .ooxml.ns import W_NS, qn

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element

    from .model import Heading
    from .numbering import Level, Scheme
    from .template_styles import TemplateStyles

PPR, NUMPR, ILVL, NUMID, VAL = (qn(f"w:{t}") for t in ("pPr", "numPr", "ilvl", "numId", "val"))


class ListNumbering:
    """Numbered lists that start at 1 each time: a new w:num per list, as Word does."""

    def __init__(self, doc: Document, styles: TemplateStyles):
        self.doc = doc
        self.styles = styles
        self.current: int | None = None

    def reset(self) -> None:
        """The next numbered paragraph starts a new list."""
        self.current = None

    def number(self, ppr: _Element, style_id: str | None) -> None:
        """Number a paragraph (its w:pPr) of the list style `style_id` in the current list."""
        if self.current is None:
            self.current = self._new_list(style_id)
        if self.current is None:
            return
        numpr = etree.SubElement(ppr, NUMPR)
        etree.SubElement(numpr, ILVL, {VAL: "0"})
        etree.SubElement(numpr, NUMID, {VAL: str(self.current)})

    def _new_list(self, style_id: str | None) -> int | None:
        style = self.styles.paragraph_style(style_id)
        ppr = style.pPr if style is not None else None
        numpr = ppr.numPr if ppr is not None else None
        if numpr is None or numpr.numId is None:
            return None
        try:
            numbering = self.doc.part.numbering_part.element
            abstract = numbering.num_having_numId(numpr.numId.val).abstractNumId.val
        except (KeyError, NotImplementedError):  # the style names a list the template lacks
            return None
        num = numbering.add_num(abstract)
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(1)
        return num.numId


class SectionNumbering:
    """Headings and section paragraphs numbered by one Word list in the scheme's levels.

    The list (an abstractNum and its num in numbering.xml, the part made if the template has
    none) is added when the first paragraph is numbered. Paragraphs are numbered only inside a
    numbered section, so none reads "0.1"; headings only where the model has a label.
    """

    def __init__(self, doc: Document, scheme: Scheme):
        self.doc = doc
        self.scheme = scheme
        self.num_id: int | None = None
        self.in_section = False

    def heading(self, ppr: _Element, heading: Heading) -> None:
        """Number a heading (its w:pPr) that the model gave a label (`numbering.Counter`)."""
        ilvl = self.scheme.heading_level(heading.level)
        if heading.level == 1:
            self.in_section = bool(heading.number)
        if heading.number and ilvl is not None:
            self._number(ppr, ilvl)

    def paragraph(self, ppr: _Element) -> None:
        """Number a body paragraph (its w:pPr) when the scheme numbers them and it is in a
        numbered section."""
        if self.scheme.paragraphs is not None and self.in_section:
            self._number(ppr, self.scheme.paragraphs)

    def _number(self, ppr: _Element, ilvl: int) -> None:
        if self.num_id is None:
            styles = self.doc.part.styles.element
            named = {int(v) for e in styles.iter(NUMID) if (v := e.get(VAL) or "").isdigit()}
            self.num_id = add_list(numbering_element(self.doc), self.scheme, named)
        numpr = etree.SubElement(ppr, NUMPR)
        etree.SubElement(numpr, ILVL, {VAL: str(ilvl)})
        etree.SubElement(numpr, NUMID, {VAL: str(self.num_id)})


def numbering_element(doc: Document) -> _Element:
    """The document's w:numbering, with a new numbering part when it has none (python-docx
    cannot make one)."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.oxml import parse_xml
    from docx.parts.numbering import NumberingPart

    part = doc.part
    try:
        return part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        pass
    taken = {str(p.partname) for p in part.package.iter_parts()}
    name = next(f"/word/numbering{n or ''}.xml" for n in range(len(taken) + 1)
                if f"/word/numbering{n or ''}.xml" not in taken)
    numbering = NumberingPart(PackURI(name), CONTENT_TYPE.WML_NUMBERING,
                              parse_xml(f'<w:numbering xmlns:w="{W_NS}"/>'), part.package)
    part.relate_to(numbering, RELATIONSHIP_TYPE.NUMBERING)
    return numbering.element


def add_list(numbering: _Element, scheme: Scheme, taken: set[int] | None = None) -> int:
    """Add the scheme's list to w:numbering: an abstractNum with its levels and a w:num for it
    (in the schema's order); the num's id, above every id in `taken` (ids the styles name,
    which a template without numbering.xml may still do)."""
    abstract_id = _next_id(numbering, "abstractNum", "abstractNumId", 0)
    _insert_before(numbering, _abstract_num(abstract_id, scheme), ("num", "numIdMacAtCleanup"))
    num_id = max(_next_id(numbering, "num", "numId", 1), max(taken or {0}) + 1)
    num = etree.Element(qn("w:num"), {qn("w:numId"): str(num_id)})
    etree.SubElement(num, qn("w:abstractNumId"), {VAL: str(abstract_id)})
    _insert_before(numbering, num, ("numIdMacAtCleanup",))
    return num_id


def _abstract_num(abstract_id: int, scheme: Scheme) -> _Element:
    """A w:abstractNum with a level for each of the scheme's levels."""
    abstract = etree.Element(qn("w:abstractNum"), {qn("w:abstractNumId"): str(abstract_id)})
    # A fixed nsid per scheme: the same workbook always gives the same numbering.xml.
    etree.SubElement(abstract, qn("w:nsid"), {VAL: f"{zlib.crc32(scheme.name.encode()):08X}"})
    etree.SubElement(abstract, qn("w:multiLevelType"), {VAL: "multilevel"})
    for ilvl, level in enumerate(scheme.levels):
        abstract.append(_list_level(ilvl, level))
    return abstract


def _insert_before(parent: _Element, element: _Element, tags: tuple[str, ...]) -> None:
    """Put `element` before the first child of `parent` with one of `tags`, else last."""
    following = next((child for child in parent if child.tag in {qn(f"w:{t}") for t in tags}), None)
    if following is None:
        parent.append(element)
    else:
        following.addprevious(element)


def _next_id(numbering: _Element, tag: str, attribute: str, first: int) -> int:
    """One more than the largest id of the `tag` children of w:numbering, or `first`."""
    ids = [int(value) for child in numbering.iterchildren(qn(f"w:{tag}"))
           if (value := child.get(qn(f"w:{attribute}")) or "").isdigit()]
    return max(ids, default=first - 1) + 1


def _list_level(ilvl: int, level: Level) -> _Element:
    """A w:lvl: counting from 1, the label followed by a space or a tab, and a hanging indent
    when the level has one (else the paragraph keeps its style's indents)."""
    lvl = etree.Element(qn("w:lvl"), {qn("w:ilvl"): str(ilvl)})
    etree.SubElement(lvl, qn("w:start"), {VAL: "1"})
    etree.SubElement(lvl, qn("w:numFmt"), {VAL: level.fmt})
    etree.SubElement(lvl, qn("w:suff"), {VAL: level.suffix})
    etree.SubElement(lvl, qn("w:lvlText"), {VAL: level.text})
    etree.SubElement(lvl, qn("w:lvlJc"), {VAL: "left"})
    if level.hanging:
        ppr = etree.SubElement(lvl, PPR)
        etree.SubElement(ppr, qn("w:ind"), {qn("w:left"): str(level.hanging),
                                           qn("w:hanging"): str(level.hanging)})
    return lvl

