"""Check a finished .docx for the accessibility problems a screen-reader user would meet.

Every build runs this and adds what it finds to the build's warnings; `docgen check
REPORT.docx` runs it on demand. Each problem names the part and place ("body, table 3, row 4,
cell 1") and quotes the text there. The rules, and the choices made where the guidance is silent:

- **Headings**: in order, never skipping a level (Heading 1 → Heading 3), never empty. The
  first heading may be any level 1 heading; a heading is a paragraph whose style is a built-in
  "Heading N" (or has an outline level).
- **Pictures and charts**: every drawing (wp:docPr) has alt text (`descr`), unless marked
  decorative.
- **Data tables**: the first row is marked to repeat as a header row (w:tblHeader) and no
  cell below the header rows is merged. Two kinds of table are exempt: *layout tables* — in a
  style whose name is "Header Block" or contains "Layout" — and *label tables*, which have no
  header row by design and say so: the table look has First Column on and Header Row off
  (Word's Table Design check boxes), so the first column's labels head each row.
- **Title and language**: the document's Title property is set, and a language (w:lang in the
  styles, or the Language property).
- **Text size**: running text outside tables is at least 11pt. Text in tables, captions and
  notes (styles whose name has "Caption" or "Note") may be smaller, but not under 8pt.
- **Links**: link text makes sense on its own: not "click here", "here", "link", "more" or a
  bare web address.
- **Colour**: text set apart from the rest of its paragraph by colour alone (no bold, italic,
  underline or style of its own) — best effort: only direct run formatting is compared.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .exceptions import DocgenError, Problem
from .template_check import HEADER_FOOTER_PART, W, blocks, docx_parts, excerpt, paragraph_text

MIN_BODY_HALF_POINTS = 22  # 11pt
MIN_SMALL_HALF_POINTS = 16  # 8pt
WORD_DEFAULT_HALF_POINTS = 20
LAYOUT_TABLE_STYLES = ("header block",)
SMALL_TEXT_STYLE_WORDS = ("caption", "note", "table")
VAGUE_LINK_TEXT = {"click here", "here", "link", "this link", "click", "more", "read more",
                   "this", "this page", "go", "click this link"}
_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
_HEADING_NAME = re.compile(r"heading ([1-9])$", re.IGNORECASE)
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
CORE_NS = {"dc": "http://purl.org/dc/elements/1.1/"}
_P, _TBL = f"{W}p", f"{W}tbl"
Located = list[tuple[Any, str]]  # (paragraph or table element, where it is), in document order


class NotAWordDocument(DocgenError):
    """The file to check is not a readable .docx."""

    exit_code = 2


def check_docx(path: str | Path, *, name: str | None = None) -> list[Problem]:
    """Every accessibility problem in a .docx, as warnings in document order.

    `name` is the file name the problems give (default: the file's own).
    """
    path = Path(path)
    parts = docx_parts(path, NotAWordDocument)
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        styles, core = (_parse(archive.read(part)) if part in names else None
                        for part in ("word/styles.xml", "docProps/core.xml"))
    return check_parts(parts, styles, core, name=name or path.name)


def check_document(document: Any, *, name: str) -> list[Problem]:
    """`check_docx` on a python-docx `Document` in memory, such as a build has just saved.

    The parts are read from the package as they are, so nothing is parsed again. They are
    found by walking the relationships' current targets (`iter_parts`): docxtpl swaps in the
    rendered headers and footers behind python-docx's `related_parts` cache, which still
    holds the template's.
    """
    by_name = {str(part.partname).lstrip("/"): part for part in document.part.package.iter_parts()}
    parts = [("body", document.element)] + sorted(
        (partname.removeprefix("word/"), part.element) for partname, part in by_name.items()
        if HEADER_FOOTER_PART.fullmatch(partname))

    def root(partname: str):
        part = by_name.get(partname)
        return _element_of(part) if part is not None else None

    return check_parts(parts, root("word/styles.xml"), root("docProps/core.xml"), name=name)


def check_parts(parts: list[tuple[str, Any]], styles_root: Any, core_root: Any, *,
                name: str) -> list[Problem]:
    """The checks themselves, on parsed parts: ('body' or file name, root) pairs, the styles
    part's root and the core properties' root (either None when the document has none)."""
    styles = Styles.from_root(styles_root) if styles_root is not None else Styles()
    found: list[tuple[str, str]] = list(check_properties(core_root, styles))
    for label, root in parts:
        # One walk of the part serves every check (each used to walk it again).
        walked = list(blocks(root))
        paras = [(e, where) for e, where in walked if e.tag == _P]
        tbls = [(e, where) for e, where in walked if e.tag == _TBL]
        for where, message in (*check_headings(paras, styles), *check_drawings(paras),
                               *check_tables(tbls, styles), *check_text_size(paras, styles),
                               *check_links(paras), *check_colour(paras)):
            found.append((f"{label}, {where}", message))
    return [Problem("warning", message, f"{name}, {where}" if where else name)
            for where, message in found]


def _parse(data: bytes):
    from lxml import etree

    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def _element_of(part: Any):
    """A package part's XML root: python-docx keeps some parts parsed, others as bytes."""
    element = getattr(part, "element", None)
    return element if element is not None else _parse(part.blob)


@dataclass
class Style:
    """What the checks need from a style: its name, parent, outline level and text size."""

    name: str
    based_on: str | None = None
    outline_level: int | None = None
    size: int | None = None


@dataclass
class Styles:
    """The document's styles by id, its default text size and language."""

    by_id: dict[str, Style] = field(default_factory=dict)
    default_size: int = WORD_DEFAULT_HALF_POINTS
    language: str = ""
    default_paragraph: str | None = None
    # Resolution by style id, worked out once per document (the checks ask for every paragraph).
    _chains: dict[str | None, list[Style]] = field(default_factory=dict, repr=False)
    _levels: dict[str | None, int | None] = field(default_factory=dict, repr=False)
    _sizes: dict[str | None, int] = field(default_factory=dict, repr=False)
    _small: dict[str | None, bool] = field(default_factory=dict, repr=False)

    @classmethod
    def from_root(cls, root) -> Styles:
        """The styles of a parsed `w:styles` part."""
        styles = cls()
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        if defaults is not None:
            styles.default_size = _size(defaults) or styles.default_size
            styles.language = _language(defaults)
        for element in root.iterfind(f"{W}style"):
            style_id = element.get(f"{W}styleId", "")
            name = _child(element, f"{W}name")
            based = _child(element, f"{W}basedOn")
            outline = _grandchild(element, f"{W}pPr", f"{W}outlineLvl")
            rpr = _child(element, f"{W}rPr")
            styles.by_id[style_id] = Style(
                name=name.get(f"{W}val", style_id) if name is not None else style_id,
                based_on=based.get(f"{W}val") if based is not None else None,
                outline_level=int(outline.get(f"{W}val", "9")) if outline is not None else None,
                size=_size(rpr) if rpr is not None else None,
            )
            if element.get(f"{W}type") == "paragraph" and element.get(f"{W}default") in (
                    "1", "true"):
                styles.default_paragraph = style_id
                styles.language = styles.language or (_language(rpr) if rpr is not None else "")
        return styles

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and the styles it is based on, nearest first."""
        cached = self._chains.get(style_id)
        if cached is None:
            cached = self._chains[style_id] = self._chain(style_id)
        return cached

    def _chain(self, style_id: str | None) -> list[Style]:
        out: list[Style] = []
        while style_id and style_id in self.by_id and len(out) < 20:
            style = self.by_id[style_id]
            out.append(style)
            style_id = style.based_on
        return out

    def paragraph_style(self, paragraph) -> str | None:
        """The id of a paragraph's style (the default paragraph style when it names none)."""
        element = _grandchild(paragraph, f"{W}pPr", f"{W}pStyle")
        return element.get(f"{W}val") if element is not None else self.default_paragraph

    def name(self, style_id: str | None) -> str:
        """A style's name ('' when unknown)."""
        style = self.by_id.get(style_id or "")
        return style.name if style else ""

    def heading_level(self, paragraph) -> int | None:
        """1-9 for a heading paragraph, else None."""
        direct = _grandchild(paragraph, f"{W}pPr", f"{W}outlineLvl")
        if direct is not None and direct.get(f"{W}val", "9") != "9":
            return int(direct.get(f"{W}val")) + 1
        style_id = self.paragraph_style(paragraph)
        if style_id not in self._levels:
            self._levels[style_id] = self._style_heading_level(style_id)
        return self._levels[style_id]

    def _style_heading_level(self, style_id: str | None) -> int | None:
        for style in self.chain(style_id):
            match = _HEADING_NAME.match(style.name)
            if match:
                return int(match.group(1))
            if style.outline_level is not None:
                return style.outline_level + 1 if style.outline_level < 9 else None
        return None

    def is_small_text_style(self, style_id: str | None) -> bool:
        """Whether a paragraph style is one for captions, notes or tables (its chain's names)."""
        if style_id not in self._small:
            names = " ".join(s.name.lower() for s in self.chain(style_id))
            self._small[style_id] = any(word in names for word in SMALL_TEXT_STYLE_WORDS)
        return self._small[style_id]

    def run_size(self, run, paragraph_style: str | None) -> int:
        """A run's text size in half-points, as Word works it out."""
        rpr = _child(run, f"{W}rPr")
        if rpr is not None:
            if _size(rpr):
                return _size(rpr)
            rstyle = _child(rpr, f"{W}rStyle")
            if rstyle is not None:
                for style in self.chain(rstyle.get(f"{W}val")):
                    if style.size:
                        return style.size
        size = self._sizes.get(paragraph_style)
        if size is None:
            size = self._sizes[paragraph_style] = next(
                (style.size for style in self.chain(paragraph_style) if style.size),
                self.default_size)
        return size


def _child(element, tag: str):
    """The first child with `tag`, or None (lxml's `find` goes through ElementPath: slower)."""
    for child in element.iterchildren(tag):
        return child
    return None


def _grandchild(element, child: str, grandchild: str):
    """`element.find("child/grandchild")` for the usual single `child`, as two fast lookups."""
    found = _child(element, child)
    return _child(found, grandchild) if found is not None else None


def _runs_with_text(paragraph) -> list:
    """The paragraph's runs (nested ones too) whose first w:t holds more than spaces."""
    runs = []
    for run in paragraph.iter(f"{W}r"):
        text = _child(run, f"{W}t")
        if text is not None and text.text and text.text.strip():
            runs.append(run)
    return runs


def _size(rpr) -> int | None:
    element = _child(rpr, f"{W}sz")
    try:
        return int(element.get(f"{W}val")) if element is not None else None
    except (TypeError, ValueError):
        return None


def _language(rpr) -> str:
    element = rpr.find(f"{W}lang")
    return element.get(f"{W}val", "") if element is not None else ""


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


def check_headings(paras: Located, styles: Styles) -> list[tuple[str, str]]:
    """Headings in order, no level skipped, none empty."""
    problems = []
    previous = 0
    for paragraph, where in paras:
        level = styles.heading_level(paragraph)
        if level is None:
            continue
        text = paragraph_text(paragraph).strip()
        if not text:
            problems.append((where, f"an empty Heading {level}: give it text or use the body "
                             "style"))
            continue
        if level > previous + 1:
            after = f"Heading {previous}" if previous else "the start of the document"
            problems.append((where, f'Heading {level} "{excerpt(text)}" follows {after}: a '
                             f"heading level is skipped"))
        previous = level
    return problems


def check_drawings(paras: Located) -> list[tuple[str, str]]:
    """Every picture and chart has alt text, or is marked decorative."""
    problems = []
    for paragraph, where in paras:
        for doc_pr in paragraph.iter(f"{{{WP_NS}}}docPr"):
            if (doc_pr.get("descr") or "").strip() or _decorative(doc_pr):
                continue
            name = doc_pr.get("name") or "a picture"
            problems.append((where, f"'{name}' has no alt text: right-click it > Edit Alt Text"))
    return problems


def _decorative(doc_pr) -> bool:
    return any(element.tag.endswith("}decorative") and element.get("val") in ("1", "true")
               for element in doc_pr.iter())


def check_tables(tbls: Located, styles: Styles) -> list[tuple[str, str]]:
    """Data tables: a repeating header row and no merged cells below it."""
    problems = []
    for table, where in tbls:
        if _is_layout(table, styles) or _is_label_table(table):
            continue
        rows = list(table.iterchildren(f"{W}tr"))
        header = 0
        while header < len(rows) and _is_header_row(rows[header]):
            header += 1
        if not header:
            first = excerpt(" | ".join(paragraph_text(p) for p in rows[0].iter(f"{W}p"))
                            ) if rows else ""
            problems.append((where, f'the first row ("{first}") is not marked as a header row: '
                             "Table Properties > Row > Repeat as header row"))
        for r, row in enumerate(rows[header:], start=header + 1):
            for c, cell in enumerate(row.iterchildren(f"{W}tc"), start=1):
                if _merged(cell):
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


def _is_header_row(row) -> bool:
    marker = _grandchild(row, f"{W}trPr", f"{W}tblHeader")
    return marker is not None and marker.get(f"{W}val", "1") not in ("0", "false", "off")


def _merged(cell) -> bool:
    tcpr = _child(cell, f"{W}tcPr")
    if tcpr is None:
        return False
    span = _child(tcpr, f"{W}gridSpan")
    if span is not None and span.get(f"{W}val", "1") != "1":
        return True
    return _child(tcpr, f"{W}vMerge") is not None or _child(tcpr, f"{W}hMerge") is not None


def check_text_size(paras: Located, styles: Styles) -> list[tuple[str, str]]:
    """Running text at least 11pt; tables, captions and notes at least 8pt."""
    problems = []
    for paragraph, where in paras:
        style_id = styles.paragraph_style(paragraph)
        if styles.heading_level(paragraph) is not None:
            continue
        small = "table" in where or styles.is_small_text_style(style_id)
        least = MIN_SMALL_HALF_POINTS if small else MIN_BODY_HALF_POINTS
        sizes = [styles.run_size(run, style_id) for run in _runs_with_text(paragraph)]
        if sizes and min(sizes) < least:
            problems.append((where, f'text of {min(sizes) / 2:g}pt is smaller than '
                             f'{least / 2:g}pt: "{excerpt(paragraph_text(paragraph))}"'))
    return problems


def check_links(paras: Located) -> list[tuple[str, str]]:
    """Link text that makes sense out of context."""
    problems = []
    for paragraph, where in paras:
        for link in paragraph.iter(f"{W}hyperlink"):
            text = "".join(t.text or "" for t in link.iter(f"{W}t")).strip()
            plain = text.lower().strip(" .:!>»")
            if not text:
                problems.append((where, "a link with no text"))
            elif plain in VAGUE_LINK_TEXT:
                problems.append((where, f'the link text "{text}" does not say where it goes'))
            elif _URL.match(text):
                problems.append((where, f'the link text is a bare web address ("{excerpt(text)}"):'
                                 " say where it goes"))
    return problems


_DISTINCTIONS = ("b", "i", "u", "strike", "dstrike", "highlight", "caps", "smallCaps", "rStyle",
                 "shd", "vertAlign")


def check_colour(paras: Located) -> list[tuple[str, str]]:
    """Text set apart from the rest of its paragraph by colour alone (best effort)."""
    problems = []
    for paragraph, where in paras:
        runs = [(run, _colour(run), _look(run)) for run in _runs_with_text(paragraph)]
        plain_looks = {look for _, colour, look in runs if not colour}
        for run, colour, look in runs:
            if colour and look in plain_looks:
                text = excerpt("".join(t.text or "" for t in run.iter(f"{W}t")))
                problems.append((where, f'"{text}" differs from the text around it only by '
                                 "its colour: add bold, a symbol or words"))
                break
    return problems


def _colour(run) -> str:
    element = _grandchild(run, f"{W}rPr", f"{W}color")
    value = element.get(f"{W}val", "auto") if element is not None else "auto"
    return "" if value.lower() in ("auto", "000000") else value


def _look(run) -> tuple:
    rpr = _child(run, f"{W}rPr")
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

