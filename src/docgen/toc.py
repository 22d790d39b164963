"""A table of contents with real page numbers, in the rendered .docx.

A template asks for one with `{{ toc }}` (`PLACEHOLDER`, put in by `render`) or with a Word
TOC field of its own (w:fldSimple or a complex field `TOC \\o "1-3" \\h \\z \\u`, also inside a
"Table of Contents" content control). Each becomes a real Word TOC field (`toc_xml`), its
instruction kept, its cached result the entries: every heading of the body in the
instruction's levels, bookmarked `_Toc…`, with its list number, its text and the page it is on.
The pages are docgen's own: the document is laid out by the PDF engine (which settles the
PAGEREF fields of the entries itself, laying out again if a number's width moved a line), so
the .docx is right when opened, Word's "Update field" still works, and docgen's PDF agrees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .exceptions import Problem
from .ooxml.ns import qn
from .ooxml.parts import paragraph_text
from .ooxml.styles import StyleTable
from .toc_xml import Entry, EntryStyle, field_paragraphs, page_ref_results, toc_style

if TYPE_CHECKING:
    from docx.document import Document
    from lxml.etree import _Element

    from .chart_description import ChartDescription

TOC_NS = "urn:docgen:toc"
PLACEHOLDER = f'<docgen:toc xmlns:docgen="{TOC_NS}"/>'
"""What the template's `toc` is: an inert element replaced by the table of contents."""
PLACEHOLDER_TAG = f"{{{TOC_NS}}}toc"
INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
"""Word's own default: headings 1 to 3 (and paragraphs given those outline levels), linked."""
BOOKMARK_PREFIX = "_Toc"
MAX_ENTRIES = 2_000
"""The most headings a table of contents lists: a bound on what a stranger's file can ask."""
MAX_LEVEL = 9
MAX_TABLES = 10
"""The most tables of contents one document gets (each lists every heading again)."""

P, PPR, BODY = qn("w:p"), qn("w:pPr"), qn("w:body")
SDT, SDT_CONTENT, SDT_PR = qn("w:sdt"), qn("w:sdtContent"), qn("w:sdtPr")
FLDCHAR, INSTR, FLDSIMPLE = qn("w:fldChar"), qn("w:instrText"), qn("w:fldSimple")
BOOKMARK_START, BOOKMARK_END = qn("w:bookmarkStart"), qn("w:bookmarkEnd")
NAME, ID, VAL = qn("w:name"), qn("w:id"), qn("w:val")
_LEVELS = re.compile(r'\\o\s+"?(\d)\s*-\s*(\d)')
_STYLE_LEVELS = re.compile(r'\\t\s+"([^"]*)"')
_BLOCKS = {P, SDT, qn("w:tbl"), PLACEHOLDER_TAG}
_OUTSIDE = {qn("w:tc"), qn("w:txbxContent")}


@dataclass
class Spot:
    """Where a table of contents goes: the blocks it replaces (siblings, in order) and its
    field instruction."""

    blocks: list[_Element]
    instruction: str = INSTRUCTION


@dataclass
class Heading:
    """A paragraph the table of contents lists, with its level and bookmark."""

    paragraph: _Element
    level: int
    text: str
    bookmark: str = ""
    label: str = ""
    suffix: str = "tab"


@dataclass
class Levels:
    """Which paragraphs an instruction lists: outline levels `low`..`high` (1-based; `\\o`),
    direct outline levels too (`\\u`), styles named in `\\t`, and whether entries link (`\\h`)."""

    low: int = 1
    high: int = 3
    direct: bool = True
    styles: dict[str, int] = field(default_factory=dict)
    links: bool = True


def add_tables_of_contents(document: Document, *, name: str = "",
                           charts: dict[str, ChartDescription] | None = None,
                           warnings: list[Problem] | None = None) -> int:
    """Fill every table of contents the rendered `document` asks for (see the module); return
    how many entries were written. A table of contents with no heading to list is a warning."""
    body = document.element.body
    spots = find_spots(body)
    if len(spots) > MAX_TABLES and warnings is not None:
        warnings.append(Problem("warning", f"the template asks for {len(spots)} tables of "
                                f"contents: only the first {MAX_TABLES} are filled",
                                name or "document"))
    spots = spots[:MAX_TABLES]
    for stray in list(body.iter(PLACEHOLDER_TAG)):  # in a table cell, or past the limit
        if not any(stray is block for spot in spots for block in spot.blocks):
            stray.getparent().remove(stray)
    if not spots:
        return 0
    table = StyleTable(document.styles.element)
    levels = [parse_instruction(spot.instruction) for spot in spots]
    # Elements, not ids: lxml makes a new proxy (and id) for an element no one holds.
    inside = {p for spot in spots for block in spot.blocks for p in block.iter(P)}
    widest = _union(levels)
    headings = find_headings(body, table, widest, inside)
    bookmark_headings(body, headings)
    _label_headings(document, headings, name, charts)
    written = []
    for spot, level in zip(spots, levels, strict=True):
        entries = [Entry(h.level, h.text, h.bookmark, h.label, h.suffix)
                   for h in headings if _lists(level, h)]
        style = entry_style(document, entries, spot, level.links)
        written.append(_replace(spot, field_paragraphs(spot.instruction, entries, style)))
        if not entries and warnings is not None:
            warnings.append(Problem("warning", "the table of contents lists nothing: the report "
                                    "has no headings at its levels", name or "document"))
    if any(written):
        _fill_numbers(document, written, name, charts)
    return sum(len(page_ref_results(paragraphs)) for paragraphs in written)


# -- where the tables of contents go ----------------------------------------------------------


def find_spots(body: _Element) -> list[Spot]:
    """Every table of contents the body asks for, in order: `{{ toc }}` placeholders, TOC
    fields (simple, or complex from `begin` to `end` over whole paragraphs), and "Table of
    Contents" content controls holding no field (the table goes at their end)."""
    spots: list[Spot] = []
    taken: set[_Element] = set()
    for node in body.iter(PLACEHOLDER_TAG, FLDSIMPLE):
        instr = INSTRUCTION if node.tag == PLACEHOLDER_TAG else node.get(qn("w:instr"), "")
        block = _block_of(node)
        if block is not None and _is_toc(instr) and block not in taken:
            taken.add(block)
            spots.append(Spot([block], _instruction(instr)))
    for blocks, instr in _complex_fields(body):
        if not any(b in taken for b in blocks):
            taken.update(blocks)
            spots.append(Spot(blocks, _instruction(instr)))
    for sdt in body.iter(SDT):
        content = sdt.find(SDT_CONTENT)
        if (_is_toc_gallery(sdt) and content is not None
                and not any(block in taken for block in content)):
            marker = content.makeelement(P, {})
            content.append(marker)
            spots.append(Spot([marker]))
    if len(spots) < 2:  # most documents: no need to number every element of the body
        return spots
    order = {node: index for index, node in enumerate(body.iter())}
    return sorted(spots, key=lambda s: order.get(s.blocks[0], 0))


def _complex_fields(body: _Element):
    """(blocks, instruction) of each complex TOC field: the sibling blocks from the one holding
    its `begin` to the one holding its `end`."""
    stack: list[list] = []
    for node in body.iter(FLDCHAR, INSTR):
        if node.tag == INSTR:
            if stack:
                stack[-1][1] += node.text or ""
            continue
        kind = node.get(qn("w:fldCharType"))
        if kind == "begin":
            stack.append([_block_of(node), ""])
        elif kind == "end" and stack:
            start, instr = stack.pop()
            end = _block_of(node)
            if _is_toc(instr) and start is not None and end is not None:
                blocks = _siblings(start, end)
                if blocks:
                    yield blocks, instr


def _siblings(start: _Element, end: _Element) -> list[_Element]:
    """`start`, `end` and the blocks between them, when they share a parent."""
    if start.getparent() is not end.getparent():
        return []
    blocks = [start]
    while blocks[-1] is not end:
        following = blocks[-1].getnext()
        if following is None:
            return []
        blocks.append(following)
    return blocks


def _block_of(node: _Element) -> _Element | None:
    """The body-level block holding `node`: a child of w:body, or of the content of a
    block-level content control in the body; None inside a table or a text box."""
    child, parent = node, node.getparent()
    while parent is not None:
        if parent.tag in _OUTSIDE:
            return None
        if parent.tag == BODY or (parent.tag == SDT_CONTENT and child.tag in _BLOCKS):
            return child if parent.tag == BODY or _block_of(parent.getparent()) else None
        child, parent = parent, parent.getparent()
    return None


def _is_toc(instr: str) -> bool:
    words = instr.split()
    return bool(words) and words[0].upper() == "TOC"


def _instruction(instr: str) -> str:
    return " ".join(instr.split()) or INSTRUCTION


def _is_toc_gallery(sdt: _Element) -> bool:
    gallery = sdt.find(f"{SDT_PR}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    return gallery is not None and (gallery.get(VAL) or "").lower() == "table of contents"


def _replace(spot: Spot, paragraphs: list[_Element]) -> list[_Element]:
    """Put `paragraphs` where the spot's blocks are; return them."""
    first = spot.blocks[0]
    for para in paragraphs:
        first.addprevious(para)
    for block in spot.blocks:
        block.getparent().remove(block)
    return paragraphs


# -- what they list -----------------------------------------------------------------------------


def parse_instruction(instr: str) -> Levels:
    """The levels and switches of a TOC field instruction that docgen follows: `\\o "a-b"`,
    `\\u`, `\\t "Style,level,…"` and `\\h` (others are kept for Word but not applied)."""
    levels = Levels(direct="\\u" in instr, links="\\h" in instr)
    match = _LEVELS.search(instr)
    styles = _STYLE_LEVELS.search(instr)
    if match:
        low, high = sorted((int(match.group(1)), int(match.group(2))))
        levels.low, levels.high = max(low, 1), min(high, MAX_LEVEL)
    elif re.search(r"\\o(\s|$)", instr):  # \o without a range: every level
        levels.high = MAX_LEVEL
    elif styles or not levels.direct:
        levels.low, levels.high = 1, 0  # no outline levels: only \t styles (or nothing)
    else:
        levels.high = MAX_LEVEL
    if styles:
        parts = [p.strip() for p in re.split(r"[,;]", styles.group(1))]
        for style, level in zip(parts[::2], parts[1::2], strict=False):
            if level.isdigit() and 1 <= int(level) <= MAX_LEVEL:
                levels.styles[style.lower()] = int(level)
    return levels


def _union(all_levels: list[Levels]) -> Levels:
    """Levels wide enough for every table of contents (headings found once for all)."""
    union = Levels(low=min(lv.low for lv in all_levels), high=max(lv.high for lv in all_levels),
                   direct=any(lv.direct for lv in all_levels))
    for levels in all_levels:
        union.styles.update(levels.styles)
    return union


def _lists(levels: Levels, heading: Heading) -> bool:
    return levels.low <= heading.level <= levels.high or heading.level in levels.styles.values()


def find_headings(body: _Element, table: StyleTable, levels: Levels,
                  skip: set[_Element]) -> list[Heading]:
    """The body's headings at `levels`, in order (not those inside a table of contents in
    `skip`, tables, text boxes or with no text), at most `MAX_ENTRIES`."""
    headings: list[Heading] = []
    for para in body.iter(P):
        if para in skip or _block_of(para) is None:
            continue
        level = paragraph_level(para, table, levels)
        if level is None:
            continue
        text = " ".join(paragraph_text(para).split())
        if text:
            headings.append(Heading(para, level, text))
            if len(headings) >= MAX_ENTRIES:
                break
    return headings


def paragraph_level(para: _Element, table: StyleTable, levels: Levels) -> int | None:
    """The level (1-based) a paragraph is listed at, or None: its style named in `\\t`, else its
    direct outline level (`\\u`), else its style's outline level or built-in heading number."""
    ppr = para.find(PPR)
    style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
    style_id = table.paragraph_style_id(style_el.get(VAL) if style_el is not None else None)
    name = table.name(style_id).lower()
    if name in levels.styles:
        return levels.styles[name]
    direct = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    level = _outline(direct) if levels.direct and direct is not None else _style_level(table,
                                                                                     style_id)
    return level if level is not None and levels.low <= level <= levels.high else None


def _style_level(table: StyleTable, style_id: str) -> int | None:
    """A style's outline level (nearest in its basedOn chain), else its built-in heading
    number ("heading 2" is level 2)."""
    for style in reversed(table.chain(style_id)):
        outline = style.element.find(f"{PPR}/{qn('w:outlineLvl')}")
        if outline is not None:
            return _outline(outline)
    match = re.fullmatch(r"heading ([1-9])", table.name(style_id).lower())
    return int(match.group(1)) if match else None


def _outline(element: _Element) -> int | None:
    value = element.get(VAL) or ""
    return int(value) + 1 if value.isdigit() and int(value) < MAX_LEVEL else None


def bookmark_headings(body: _Element, headings: list[Heading]) -> None:
    """Give each heading a `_Toc` bookmark around its content (keeping one it has)."""
    names = {el.get(NAME) for el in body.iter(BOOKMARK_START)}
    ids = [int(v) for el in body.iter(BOOKMARK_START) if (v := el.get(ID) or "").isdigit()]
    next_id = max(ids, default=0) + 1
    serial = 100_000_000
    for heading in headings:
        own = [el.get(NAME) for el in heading.paragraph.iter(BOOKMARK_START)
               if (el.get(NAME) or "").startswith(BOOKMARK_PREFIX)]
        if own:
            heading.bookmark = own[0]
            continue
        serial += 1
        while f"{BOOKMARK_PREFIX}{serial}" in names:
            serial += 1
        heading.bookmark = f"{BOOKMARK_PREFIX}{serial}"
        start = heading.paragraph.makeelement(BOOKMARK_START, {ID: str(next_id),
                                                               NAME: heading.bookmark})
        ppr = heading.paragraph.find(PPR)
        if ppr is not None:
            ppr.addnext(start)
        else:
            heading.paragraph.insert(0, start)
        heading.paragraph.append(heading.paragraph.makeelement(BOOKMARK_END, {ID: str(next_id)}))
        next_id += 1


def _label_headings(document: Document, headings: list[Heading], name: str,
                    charts: dict[str, ChartDescription] | None) -> None:
    """Each heading's list number as Word shows it ("2.1"), from the PDF engine's reading of
    the document's numbering (only when some heading may be numbered)."""
    if not headings or not _any_numbered(document):
        return
    from .pdf.document import list_labels

    labels = list_labels(document, name, charts)
    for heading in headings:
        label = labels.get(heading.bookmark)
        if label is not None:
            heading.label, heading.suffix = label


def _any_numbered(document: Document) -> bool:
    """True when the document has numbering that headings could use."""
    try:
        numbering = document.part.numbering_part.element
    except (NotImplementedError, KeyError):
        return False
    return numbering.find(qn("w:num")) is not None


# -- how they look, and their page numbers --------------------------------------------------


def entry_style(document: Document, entries: list[Entry], spot: Spot,
                links: bool) -> EntryStyle:
    """The "TOC n" style of each level the entries use (added, as Word's built-in ones, when
    the template lacks them), and the right tab each needs at the text column's right edge."""
    used = sorted({entry.level for entry in entries})
    style_ids = {level: ensure_toc_style(document, level) for level in used}
    table = StyleTable(document.styles.element)
    width = text_width(spot.blocks[0])
    tabs = {level: None if _has_right_tab(table, style_ids[level]) else width for level in used}
    return EntryStyle(style_ids, tabs, links)


def ensure_toc_style(document: Document, level: int) -> str:
    """The id of the paragraph style named "toc `level`" (any case), added when missing."""
    table = StyleTable(document.styles.element)
    wanted = f"toc {level}"
    for style in table.styles.values():
        if style.kind == "paragraph" and style.name.lower() == wanted:
            return style.style_id
    style_id = f"TOC{level}"
    while style_id in table.styles:
        style_id += "0"
    element = toc_style(level, style_id, table.default_ids.get("paragraph"))
    document.styles.element.append(element)
    return style_id


def _has_right_tab(table: StyleTable, style_id: str) -> bool:
    return any(tab.get(VAL) == "right" for style in table.chain(style_id)
               for tab in style.element.iterfind(f"{PPR}/{qn('w:tabs')}/{qn('w:tab')}"))


def text_width(block: _Element) -> int:
    """The width in twips of the text column of the section holding `block`."""
    top = block
    while top.getparent() is not None and top.getparent().tag != BODY:
        top = top.getparent()
    section = None
    node = top
    while node is not None and section is None:
        if node.tag == P:
            section = node.find(f"{PPR}/{qn('w:sectPr')}")
        elif node.tag == qn("w:sectPr"):
            section = node
        node = node.getnext()

    def twips(element: _Element | None, attr: str, default: int) -> int:
        value = element.get(qn(f"w:{attr}")) if element is not None else None
        try:
            return int(float(value)) if value is not None else default
        except ValueError:
            return default

    size = section.find(qn("w:pgSz")) if section is not None else None
    margins = section.find(qn("w:pgMar")) if section is not None else None
    return max(twips(size, "w", 11906) - twips(margins, "left", 1440)
               - twips(margins, "right", 1440), 720)


def _fill_numbers(document: Document, written: list[list[_Element]], name: str,
                  charts: dict[str, ChartDescription] | None) -> None:
    """Cache in each entry the number of the page its heading is on, as docgen's engine lays
    the document out (which settles the entries' own page references first)."""
    from .pdf.document import bookmark_pages

    numbers = bookmark_pages(document, name, charts)
    for paragraphs in written:
        for bookmark, texts in page_ref_results(paragraphs).items():
            for text in texts:
                text.text = numbers.get(bookmark, text.text or "")
