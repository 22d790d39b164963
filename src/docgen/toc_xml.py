"""The WordprocessingML of a table of contents: the TOC field with its entries, and the TOC
styles a template lacks.

The field is what Word writes: `begin`, the instruction, `separate`, one paragraph per entry
(style "TOC n", a right tab with a dot leader, a hyperlink to the heading's `_Toc` bookmark
holding the heading's number and text, a tab and a PAGEREF field with the page number cached),
and `end` in the last entry. Word's "Update field" rebuilds it from the instruction; until then
Word and LibreOffice show the cached entries. `w:dirty` is not set: the cached result is
already right, and a dirty field makes Word ask to update fields each time the file opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from .ooxml.ns import XML_NS, qn

if TYPE_CHECKING:
    from lxml.etree import _Element

P, PPR, R, RPR, T = (qn(f"w:{t}") for t in ("p", "pPr", "r", "rPr", "t"))
FLDCHAR, INSTR, TYPE, VAL = qn("w:fldChar"), qn("w:instrText"), qn("w:fldCharType"), qn("w:val")
XML_SPACE = f"{{{XML_NS}}}space"
TOC_INDENT = 220
"""Word's built-in "TOC n" styles indent each level 220 twips (11 pt) more than the last."""
TOC_SPACE_AFTER = 100
"""… and leave 100 twips (5 pt) after each entry."""


@dataclass
class Entry:
    """One line of the table of contents: the heading's level (1 is the top), its list label
    and what follows the label (a tab, a space or nothing), its text, and its bookmark."""

    level: int
    text: str
    bookmark: str
    label: str = ""
    suffix: str = "tab"


@dataclass
class EntryStyle:
    """How entries are written: the style id of each level's "TOC n" style, and the right tab
    (twips) to put in each paragraph, or None where its style has one already."""

    style_ids: dict[int, str]
    tab: dict[int, int | None]
    links: bool = True


def field_paragraphs(instruction: str, entries: list[Entry], style: EntryStyle,
                     numbers: dict[str, str] | None = None) -> list[_Element]:
    """The table of contents as a complex TOC field over one paragraph per entry (one empty
    paragraph when there are none), page numbers from `numbers` by bookmark ('' unknown)."""
    numbers = numbers or {}
    paragraphs = [entry_paragraph(e, style, numbers.get(e.bookmark, "")) for e in entries]
    if not paragraphs:
        paragraphs = [etree.Element(P)]
    first, last = paragraphs[0], paragraphs[-1]
    at = 1 if len(first) and first[0].tag == PPR else 0
    for offset, run in enumerate(field_start(instruction)):
        first.insert(at + offset, run)
    last.append(field_char("end"))
    return paragraphs


def entry_paragraph(entry: Entry, style: EntryStyle, number: str) -> _Element:
    """One entry: the heading's label and text linked to its bookmark, a tab, its page."""
    para = etree.Element(P)
    ppr = etree.SubElement(para, PPR)
    level = entry.level
    etree.SubElement(ppr, qn("w:pStyle"), {VAL: style.style_ids[level]})
    if style.tab.get(level) is not None:
        tabs = etree.SubElement(ppr, qn("w:tabs"))
        etree.SubElement(tabs, qn("w:tab"), {VAL: "right", qn("w:leader"): "dot",
                                             qn("w:pos"): str(style.tab[level])})
    _no_proof(etree.SubElement(ppr, RPR))
    holder = para
    if style.links:
        holder = etree.SubElement(para, qn("w:hyperlink"), {qn("w:anchor"): entry.bookmark,
                                                          qn("w:history"): "1"})
    if entry.label:
        holder.append(text_run(entry.label))
        if entry.suffix == "tab":
            holder.append(tab_run())
        elif entry.suffix == "space":
            holder.append(text_run(" "))
    holder.append(text_run(entry.text))
    holder.append(tab_run())
    for run in page_ref(entry.bookmark, number):
        holder.append(run)
    return para


def page_ref(bookmark: str, number: str) -> list[_Element]:
    """A PAGEREF field to `bookmark` (a link, `\\h`), `number` cached as its result."""
    instr = run_with(INSTR, f" PAGEREF {bookmark} \\h ")
    return [field_char("begin"), instr, field_char("separate"), text_run(number),
            field_char("end")]


def page_ref_results(paragraphs: list[_Element]) -> dict[str, list[_Element]]:
    """The w:t holding each PAGEREF field's cached result in `paragraphs`, by bookmark."""
    found: dict[str, list[_Element]] = {}
    for para in paragraphs:
        instr = None
        for node in para.iter(INSTR, T):
            if node.tag == INSTR:
                words = (node.text or "").split()
                instr = words[1] if len(words) > 1 and words[0].upper() == "PAGEREF" else None
            elif instr is not None:
                found.setdefault(instr, []).append(node)
                instr = None
    return found


def field_start(instruction: str) -> list[_Element]:
    """The runs that open a complex field: begin, the instruction, separate."""
    return [field_char("begin"), run_with(INSTR, f" {instruction.strip()} "),
            field_char("separate")]


def field_char(kind: str) -> _Element:
    """A run holding one w:fldChar of `kind` (begin, separate, end)."""
    run = etree.Element(R)
    etree.SubElement(run, FLDCHAR, {TYPE: kind})
    return run


def run_with(tag: str, text: str) -> _Element:
    """A run holding one text-like child (w:t, w:instrText) with spaces kept."""
    run = etree.Element(R)
    _no_proof(etree.SubElement(run, RPR))
    child = etree.SubElement(run, tag)
    child.text = text
    if text != text.strip():
        child.set(XML_SPACE, "preserve")
    return run


def text_run(text: str) -> _Element:
    """A run of text (no spelling marks: an entry's text is the heading's)."""
    return run_with(T, text)


def tab_run() -> _Element:
    """A run holding a tab (to the page number's right tab stop)."""
    run = etree.Element(R)
    _no_proof(etree.SubElement(run, RPR))
    etree.SubElement(run, qn("w:tab"))
    return run


def _no_proof(rpr: _Element) -> None:
    etree.SubElement(rpr, qn("w:noProof"))


def toc_style(level: int, style_id: str, based_on: str | None) -> _Element:
    """Word's built-in "toc n" paragraph style (as Word adds it when a TOC is first made):
    based on the default paragraph style, 5 pt after, indented 11 pt a level."""
    style = etree.Element(qn("w:style"), {qn("w:type"): "paragraph", qn("w:styleId"): style_id})
    etree.SubElement(style, qn("w:name"), {VAL: f"toc {level}"})
    if based_on:
        etree.SubElement(style, qn("w:basedOn"), {VAL: based_on})
        etree.SubElement(style, qn("w:next"), {VAL: based_on})
    etree.SubElement(style, qn("w:autoRedefine"))
    etree.SubElement(style, qn("w:uiPriority"), {VAL: "39"})
    etree.SubElement(style, qn("w:unhideWhenUsed"))
    ppr = etree.SubElement(style, PPR)
    etree.SubElement(ppr, qn("w:spacing"), {qn("w:after"): str(TOC_SPACE_AFTER)})
    if level > 1:
        etree.SubElement(ppr, qn("w:ind"), {qn("w:left"): str(TOC_INDENT * (level - 1))})
    return style
