"""What the accessibility check reads from a part: its paragraphs and runs, their styles,
heading levels, text sizes and colours, drawings, links and merged table cells.

Each fact is found by one query over the whole part and worked out once, for every rule in
`accessibility_rules` to ask; styles are resolved by `docgen.ooxml.styles`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .ooxml.elements import find_child, find_grandchild
from .ooxml.ns import NSMAP, W
from .ooxml.styles import Cascade, StyleDefinition, StyleTable

WORD_DEFAULT_HALF_POINTS = 20
SMALL_TEXT_STYLE_WORDS = ("caption", "note", "table")
_HEADING_NAME = re.compile(r"heading ([1-9])$", re.IGNORECASE)
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


def _colour(color) -> str:
    """A run's colour from its w:color (or None): '' when automatic or black."""
    value = color.get(f"{W}val", "auto") if color is not None else "auto"
    return "" if value.lower() in ("auto", "000000") else value


def merged_cells(root) -> dict[Any, list[tuple[int, int]]]:
    """The merged cells of each table in a part, as (row, cell) numbers from 1 in document
    order, by table element (found in one query: few tables have any)."""
    merged: dict[Any, list[tuple[int, int]]] = {}
    for cell in _MERGED_CELLS(root):
        row = cell.getparent()
        r = 1 + sum(1 for _ in row.itersiblings(f"{W}tr", preceding=True))
        c = 1 + sum(1 for _ in cell.itersiblings(f"{W}tc", preceding=True))
        merged.setdefault(row.getparent(), []).append((r, c))
    return merged
