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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from .exceptions import DocgenError, Problem
from .ooxml.elements import find_child, find_grandchild
from .ooxml.ns import NSMAP, W
from .ooxml.parts import (
    TEMPLATE_KINDS,
    Package,
    blocks,
    document_package,
    paragraph_text,
    read_package,
)
from .ooxml.styles import Cascade, StyleDefinition, StyleTable
from .template_check import excerpt

MIN_BODY_HALF_POINTS = 22  # 11pt
MIN_SMALL_HALF_POINTS = 16  # 8pt
WORD_DEFAULT_HALF_POINTS = 20
LAYOUT_TABLE_STYLES = ("header block",)
SMALL_TEXT_STYLE_WORDS = ("caption", "note", "table")
VAGUE_LINK_TEXT = {"click here", "here", "link", "this link", "click", "more", "read more",
                   "this", "this page", "go", "click this link"}
_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
_HEADING_NAME = re.compile(r"heading ([1-9])$", re.IGNORECASE)
CORE_NS = {"dc": NSMAP["dc"]}
_P, _TBL = f"{W}p", f"{W}tbl"
Located = list[tuple[Any, str]]  # (paragraph or table element, where it is), in document order


def _query(path: str) -> etree.XPath:
    """An XPath query, compiled once, with the w: and wp: prefixes."""
    return etree.XPath(path, namespaces={"w": NSMAP["w"], "wp": NSMAP["wp"]})


# What the checks ask of a part's elements is found by one query each over the whole part: a
# lookup per paragraph or run costs more, as python-docx makes each element it hands out an
# object of its own classes. Where an element may repeat, the checks read the first ([1]).
_PARAGRAPH_STYLES = _query("//w:p/w:pPr[1]/w:pStyle[1]")
_OUTLINE_LEVELS = _query("//w:p/w:pPr[1]/w:outlineLvl[1]")
_RUNS = _query("//w:r[w:t]")
_FIRST_TEXTS = _query("//w:r/w:t[1]")
_RUN_SIZES = _query("//w:r/w:rPr[1]/w:sz[1]")
_RUN_STYLES = _query("//w:r/w:rPr[1]/w:rStyle[1]")
_RUN_COLOURS = _query("//w:r/w:rPr[1]/w:color[1]")
_DRAWINGS = _query("//wp:docPr")
_LINKS = _query("//w:hyperlink")
_MERGED_CELLS = _query("//w:tbl/w:tr/w:tc[w:tcPr[1][w:gridSpan[1][@w:val != '1'] or w:vMerge"
                       " or w:hMerge]]")


class NotAWordDocument(DocgenError):
    """The file to check is not a readable .docx."""

    exit_code = 2


def check_docx(path: str | Path, *, name: str | None = None) -> list[Problem]:
    """Every accessibility problem in a .docx, as warnings in document order.

    `name` is the file name the problems give (default: the file's own).
    """
    path = Path(path)
    return _check_package(read_package(path, NotAWordDocument, TEMPLATE_KINDS),
                          name=name or path.name)


def check_document(document: Any, *, name: str) -> list[Problem]:
    """`check_docx` on a python-docx `Document` in memory, such as a build has just saved.

    The parts are read from the package as they are, so nothing is parsed again (see
    `docgen.ooxml.parts.document_package` for why the relationships' current targets).
    """
    return _check_package(document_package(document), name=name)


def _check_package(package: Package, *, name: str) -> list[Problem]:
    """`check_parts` on the stories, styles and core properties of `package`."""
    return check_parts(package.stories(TEMPLATE_KINDS), package.root("word/styles.xml"),
                       package.root("docProps/core.xml"), name=name)


def check_parts(parts: list[tuple[str, Any]], styles_root: Any, core_root: Any, *,
                name: str) -> list[Problem]:
    """The checks themselves, on parsed parts: ('body' or file name, root) pairs, the styles
    part's root and the core properties' root (either None when the document has none)."""
    styles = Styles.from_root(styles_root) if styles_root is not None else Styles()
    found: list[tuple[str, str]] = list(check_properties(core_root, styles))
    for label, root in parts:
        # One walk of the part serves every check (each used to walk it again).
        walked = list(blocks(root))
        paras = read_paragraphs(root, [(e, where) for e, where in walked if e.tag == _P], styles)
        tbls = [(e, where) for e, where in walked if e.tag == _TBL]
        for where, message in (*check_headings(paras), *check_drawings(paras),
                               *check_tables(tbls, styles, _merged_cells(root)),
                               *check_text_size(paras, styles), *check_links(paras),
                               *check_colour(paras)):
            found.append((f"{label}, {where}", message))
    return [Problem("warning", message, f"{name}, {where}" if where else name)
            for where, message in found]


@dataclass
class Style:
    """What the checks need from a style: its name, parent, outline level and text size."""

    name: str
    based_on: str | None = None
    outline_level: int | None = None
    size: int | None = None


@dataclass
class Styles:
    """The document's styles by id, its default text size and language.

    Chains and text sizes are resolved by `docgen.ooxml.styles` (one walk for every reader of
    Word); this keeps what the checks ask of each style and each answer once worked out.
    """

    by_id: dict[str, Style] = field(default_factory=dict)
    default_size: int = WORD_DEFAULT_HALF_POINTS
    language: str = ""
    default_paragraph: str | None = None
    table: StyleTable = field(default_factory=lambda: StyleTable(None), repr=False)
    # Answers by style id, worked out once per document (the checks ask for every paragraph).
    _levels: dict[str | None, int | None] = field(default_factory=dict, repr=False)
    _small: dict[str | None, bool] = field(default_factory=dict, repr=False)
    _sizes: Cascade | None = field(default=None, repr=False)

    @classmethod
    def from_root(cls, root) -> Styles:
        """The styles of a parsed `w:styles` part."""
        table = StyleTable(root)
        styles = cls(table=table)
        if table.default_rpr is not None:
            styles.default_size = _size(table.default_rpr) or styles.default_size
            styles.language = _language(table.default_rpr)
        styles.by_id = {sid: _style(definition) for sid, definition in table.styles.items()}
        default = table.default_ids.get("paragraph")
        if default is not None:
            styles.default_paragraph = default
            rpr = find_child(table.styles[default].element, f"{W}rPr")
            styles.language = styles.language or (_language(rpr) if rpr is not None else "")
        return styles

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and the styles it is based on, nearest first."""
        return [self.by_id[d.style_id] for d in reversed(self.table.chain(style_id))]

    def paragraph_style(self, p_style) -> str | None:
        """The id of a paragraph's style, given its w:pStyle (the default paragraph style when
        it has none)."""
        return p_style.get(f"{W}val") if p_style is not None else self.default_paragraph

    def name(self, style_id: str | None) -> str:
        """A style's name ('' when unknown)."""
        style = self.by_id.get(style_id or "")
        return style.name if style else ""

    def heading_level(self, style_id: str | None, outline) -> int | None:
        """1-9 for a heading paragraph, else None, given its style and its own w:outlineLvl
        (or None)."""
        if outline is not None and outline.get(f"{W}val", "9") != "9":
            return int(outline.get(f"{W}val")) + 1
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

    def run_size(self, sz, r_style, paragraph_style: str | None) -> int:
        """A run's text size in half-points, as Word works it out, given its own w:sz and
        w:rStyle (either None when it has none): document default → paragraph style chain →
        character style chain → the run's own, a size of 0 counting as none."""
        if self._sizes is None:
            self._sizes = Cascade(self.table, lambda d: self.by_id[d.style_id].size,
                                  _larger_layer, self.default_size, None)
        direct = _half_points(sz) if sz is not None else None
        r_style_id = r_style.get(f"{W}val") if r_style is not None else None
        return self._sizes.run(paragraph_style, r_style_id, direct)


def _larger_layer(base: int | None, over: int | None) -> int | None:
    """A text size laid on another: the upper one when it sets a size."""
    return over or base


def _style(definition: StyleDefinition) -> Style:
    """What the checks read from one style's element."""
    element = definition.element
    outline = find_grandchild(element, f"{W}pPr", f"{W}outlineLvl")
    rpr = find_child(element, f"{W}rPr")
    return Style(
        name=definition.name,
        based_on=definition.based_on,
        outline_level=int(outline.get(f"{W}val", "9")) if outline is not None else None,
        size=_size(rpr) if rpr is not None else None,
    )


@dataclass
class Run:
    """A run with text, and what the checks ask of it."""

    element: Any
    size: int  # half-points
    colour: str  # '' when automatic or black


@dataclass
class Paragraph:
    """A paragraph to check, and what the checks ask of it, worked out once for them all."""

    element: Any
    where: str
    style_id: str | None = None
    level: int | None = None  # 1-9 for a heading
    runs: list[Run] = field(default_factory=list)  # those with text, in document order
    drawings: list = field(default_factory=list)  # its wp:docPr
    links: list = field(default_factory=list)  # its w:hyperlink


def read_paragraphs(root, located: Located, styles: Styles) -> list[Paragraph]:
    """The facts of a part's paragraphs (`located`, from walking the part `root`)."""
    paragraphs = [Paragraph(element, where) for element, where in located]
    # Elements can key dicts: lxml hands out the same object for an element while one is alive.
    by_element = {paragraph.element: paragraph for paragraph in paragraphs}
    p_styles = _by_grandparent(_PARAGRAPH_STYLES(root))
    outlines = _by_grandparent(_OUTLINE_LEVELS(root))
    for paragraph in paragraphs:
        paragraph.style_id = styles.paragraph_style(p_styles.get(paragraph.element))
        paragraph.level = styles.heading_level(paragraph.style_id,
                                               outlines.get(paragraph.element))
    sizes, r_styles = _by_grandparent(_RUN_SIZES(root)), _by_grandparent(_RUN_STYLES(root))
    colours = _by_grandparent(_RUN_COLOURS(root))
    for run in _runs_with_text(root):
        if (paragraph := _holder(run, by_element)) is not None:
            paragraph.runs.append(Run(
                run, styles.run_size(sizes.get(run), r_styles.get(run), paragraph.style_id),
                _colour(colours.get(run))))
    for element in _DRAWINGS(root):
        if (paragraph := _holder(element, by_element)) is not None:
            paragraph.drawings.append(element)
    for element in _LINKS(root):
        if (paragraph := _holder(element, by_element)) is not None:
            paragraph.links.append(element)
    return paragraphs


def _by_grandparent(elements) -> dict:
    """Property elements by what they are properties of: w:pStyle (in w:pPr) by its w:p."""
    return {element.getparent().getparent(): element for element in elements}


def _holder(element, paragraphs: dict[Any, Paragraph]) -> Paragraph | None:
    """The one of `paragraphs` (by element) that holds `element`, or None."""
    parent = element.getparent()
    while parent is not None:
        paragraph = paragraphs.get(parent)
        if paragraph is not None:
            return paragraph
        parent = parent.getparent()
    return None


def _runs_with_text(root) -> list:
    """The part's runs (nested ones too) whose first w:t holds more than spaces, in document
    order."""
    with_text = {t.getparent() for t in _FIRST_TEXTS(root) if t.text and t.text.strip()}
    # In the order of the runs, not of their texts: a run's w:t may follow runs nested in it.
    return [run for run in _RUNS(root) if run in with_text]


def _size(rpr) -> int | None:
    element = find_child(rpr, f"{W}sz")
    return _half_points(element) if element is not None else None


def _half_points(sz) -> int | None:
    try:
        return int(sz.get(f"{W}val"))
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
    table's merged cells, from `_merged_cells`)."""
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


def _merged_cells(root) -> dict[Any, list[tuple[int, int]]]:
    """The merged cells of each table in a part, as (row, cell) numbers from 1 in document
    order, by table element (found in one query: few tables have any)."""
    merged: dict[Any, list[tuple[int, int]]] = {}
    for cell in _MERGED_CELLS(root):
        row = cell.getparent()
        r = 1 + sum(1 for _ in row.itersiblings(f"{W}tr", preceding=True))
        c = 1 + sum(1 for _ in cell.itersiblings(f"{W}tc", preceding=True))
        merged.setdefault(row.getparent(), []).append((r, c))
    return merged


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


def _colour(color) -> str:
    """A run's colour from its w:color (or None): '' when automatic or black."""
    value = color.get(f"{W}val", "auto") if color is not None else "auto"
    return "" if value.lower() in ("auto", "000000") else value


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
