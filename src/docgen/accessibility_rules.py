"""The accessibility rules (listed in `docgen.accessibility`), each over what
`accessibility_reading` found in a part: a list of (where, message) pairs.
"""

from __future__ import annotations

import re
from typing import Any

from .accessibility_reading import Located, Paragraph, Styles
from .ooxml.elements import find_child, find_grandchild
from .ooxml.ns import NSMAP, W
from .ooxml.parts import paragraph_text
from .template_check import excerpt

MIN_BODY_HALF_POINTS = 22  # 11pt
MIN_SMALL_HALF_POINTS = 16  # 8pt
LAYOUT_TABLE_STYLES = ("header block",)
VAGUE_LINK_TEXT = {"click here", "here", "link", "this link", "click", "more", "read more",
                   "this", "this page", "go", "click this link"}
_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
CORE_NS = {"dc": NSMAP["dc"]}


def check_properties(core, styles: Styles) -> list[tuple[str, str]]:
    """The document's title and language (`core`: the core properties' root, or None)."""
    title = language = ""
    if core is not None:
        title = (core.findtext("dc:title", "", CORE_NS) or "").strip()
        language = (core.findtext("dc:language", "", CORE_NS) or "").strip()
    problems = []
    if not title:
        problems.append(("", "the document has no title (File > Properties > Title); screen "
                         "readers announce it first"))
    if not (styles.language or language):
        problems.append(("", "the document has no language set (Review > Language), so screen "
                         "readers may read it with the wrong voice"))
    return problems


def check_headings(paras: list[Paragraph]) -> list[tuple[str, str]]:
    """Headings in order, no level skipped, none empty."""
    problems = []
    previous = 0
    for paragraph in paras:
        level = paragraph.level
        if level is None:
            continue
        text = paragraph_text(paragraph.element).strip()
        if not text:
            problems.append((paragraph.where, f"an empty Heading {level}: give it text or use "
                             "the body style"))
            continue
        if level > previous + 1:
            after = f"Heading {previous}" if previous else "the start of the document"
            problems.append((paragraph.where, f'Heading {level} "{excerpt(text)}" follows '
                             f"{after}: a heading level is skipped"))
        previous = level
    return problems


def check_drawings(paras: list[Paragraph]) -> list[tuple[str, str]]:
    """Every picture and chart has alt text, or is marked decorative."""
    problems = []
    for paragraph in paras:
        for doc_pr in paragraph.drawings:
            if (doc_pr.get("descr") or "").strip() or _decorative(doc_pr):
                continue
            name = doc_pr.get("name") or "a picture"
            problems.append((paragraph.where, f"'{name}' has no alt text: right-click it > Edit "
                             "Alt Text"))
    return problems


def _decorative(doc_pr) -> bool:
    return any(element.tag.endswith("}decorative") and element.get("val") in ("1", "true")
               for element in doc_pr.iter())


def check_tables(tbls: Located, styles: Styles,
                 merged: dict[Any, list[tuple[int, int]]]) -> list[tuple[str, str]]:
    """Data tables: a repeating header row and no merged cells below it (`merged`: each
    table's merged cells, from `accessibility_reading.merged_cells`)."""
    problems = []
    for table, where in tbls:
        if _is_layout(table, styles) or _is_label_table(table):
            continue
        header = _header_rows(table)
        if not header:
            first_row = find_child(table, f"{W}tr")
            first = excerpt(" | ".join(paragraph_text(p) for p in first_row.iter(f"{W}p"))
                            ) if first_row is not None else ""
            problems.append((where, f'the first row ("{first}") is not marked as a header row: '
                             "Table Properties > Row > Repeat as header row"))
        for r, c in merged.get(table, ()):
            if r > header:
                problems.append((f"{where}, row {r}, cell {c}", "a merged cell in the "
                                 "table's data: screen readers lose track of the columns"))
    return problems


def _is_layout(table, styles: Styles) -> bool:
    style = table.find(f"{W}tblPr/{W}tblStyle")
    name = styles.name(style.get(f"{W}val")) if style is not None else ""
    return name.lower() in LAYOUT_TABLE_STYLES or "layout" in name.lower()


def _is_label_table(table) -> bool:
    look = table.find(f"{W}tblPr/{W}tblLook")
    if look is None:
        return False
    first_row, first_column = look.get(f"{W}firstRow"), look.get(f"{W}firstColumn")
    if first_row is None and first_column is None:  # the older hex form: 0x0020 | 0x0080
        value = int(look.get(f"{W}val", "0"), 16)
        return not value & 0x20 and bool(value & 0x80)
    return first_row in ("0", "false") and first_column in ("1", "true")


def _header_rows(table) -> int:
    """How many rows at the top of the table are marked to repeat as header rows."""
    count = 0
    for row in table.iterchildren(f"{W}tr"):
        if not _is_header_row(row):
            break
        count += 1
    return count


def _is_header_row(row) -> bool:
    marker = find_grandchild(row, f"{W}trPr", f"{W}tblHeader")
    return marker is not None and marker.get(f"{W}val", "1") not in ("0", "false", "off")

def check_text_size(paras: list[Paragraph], styles: Styles) -> list[tuple[str, str]]:
    """Running text at least 11pt; tables, captions and notes at least 8pt."""
    problems = []
    for paragraph in paras:
        if paragraph.level is not None or not paragraph.runs:
            continue
        small = "table" in paragraph.where or styles.is_small_text_style(paragraph.style_id)
        least = MIN_SMALL_HALF_POINTS if small else MIN_BODY_HALF_POINTS
        smallest = min(run.size for run in paragraph.runs)
        if smallest < least:
            problems.append((paragraph.where, f'text of {smallest / 2:g}pt is smaller than '
                             f'{least / 2:g}pt: "{excerpt(paragraph_text(paragraph.element))}"'))
    return problems


def check_links(paras: list[Paragraph]) -> list[tuple[str, str]]:
    """Link text that makes sense out of context."""
    problems = []
    for paragraph in paras:
        for link in paragraph.links:
            text = "".join(t.text or "" for t in link.iter(f"{W}t")).strip()
            plain = text.lower().strip(" .:!>»")
            if not text:
                problems.append((paragraph.where, "a link with no text"))
            elif plain in VAGUE_LINK_TEXT:
                problems.append((paragraph.where, f'the link text "{text}" does not say where '
                                 "it goes"))
            elif _URL.match(text):
                problems.append((paragraph.where, "the link text is a bare web address "
                                 f'("{excerpt(text)}"): say where it goes'))
    return problems


_DISTINCTIONS = ("b", "i", "u", "strike", "dstrike", "highlight", "caps", "smallCaps", "rStyle",
                 "shd", "vertAlign")


def check_colour(paras: list[Paragraph]) -> list[tuple[str, str]]:
    """Text set apart from the rest of its paragraph by colour alone (best effort)."""
    problems = []
    for paragraph in paras:
        if not any(run.colour for run in paragraph.runs):
            continue
        runs = [(run, _look(run.element)) for run in paragraph.runs]
        plain_looks = {look for run, look in runs if not run.colour}
        for run, look in runs:
            if run.colour and look in plain_looks:
                text = excerpt("".join(t.text or "" for t in run.element.iter(f"{W}t")))
                problems.append((paragraph.where, f'"{text}" differs from the text around it '
                                 "only by its colour: add bold, a symbol or words"))
                break
    return problems

def _look(run) -> tuple:
    rpr = find_child(run, f"{W}rPr")
    if rpr is None or not len(rpr):
        return ()
    first: dict[str, object] = {}
    for child in rpr:
        first.setdefault(child.tag, child)
    out = []
    for name in _DISTINCTIONS:
        element = first.get(f"{W}{name}")
        if element is not None and element.get(f"{W}val", "1") not in ("0", "false", "none"):
            out.append((name, element.get(f"{W}val", "1")))
    return tuple(out)
