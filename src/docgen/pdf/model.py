"""A layout-independent model of a .docx: sections of paragraphs and tables, styles resolved.

Lengths are in points. The reader (`docx_reader`) fills it; the layout stage only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..exceptions import Problem

if TYPE_CHECKING:
    from ..chart_description import ChartDescription


@dataclass(frozen=True)
class RunStyle:
    """Fully resolved character formatting of a run (hashable: used as a cache key)."""

    font: str = "Times New Roman"
    size: float = 10.0
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    color: str | None = None
    highlight: str | None = None
    vert_align: str = "baseline"
    caps: bool = False
    small_caps: bool = False
    hidden: bool = False
    lang: str = ""


@dataclass(frozen=True)
class TabStop:
    """A tab stop: position from the text column's left edge, kind and leader character."""

    pos: float
    kind: str = "left"
    leader: str = ""


@dataclass(frozen=True)
class ParaProps:
    """Fully resolved paragraph formatting."""

    align: str = "left"
    space_before: float = 0.0
    space_after: float = 0.0
    line_rule: str = "auto"
    line: float = 1.0
    ind_left: float = 0.0
    ind_right: float = 0.0
    ind_first: float = 0.0
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    widow_control: bool = True
    contextual: bool = False
    outline_level: int | None = None
    tabs: tuple[TabStop, ...] = ()
    shading: str | None = None
    border_bottom: Border | None = None
    border_top: Border | None = None
    border_sides: bool = False
    """True when the paragraph has left, right or between borders, which are not drawn."""


@dataclass(frozen=True)
class Border:
    """One border line: width in points, colour ('RRGGBB') and, for a paragraph's, its
    distance from the text in points."""

    width: float
    color: str = "000000"
    space: float = 0.0


@dataclass
class Text:
    """A piece of text in one style; `link` is an external URL, `anchor` an internal target."""

    text: str
    style: RunStyle
    link: str | None = None
    anchor: str | None = None


@dataclass
class PageRef(Text):
    """The shown result of a PAGEREF field (a table of contents' page number): `text` is the
    number of the page holding `bookmark`, worked out by pagination (`page_refs`); what the
    .docx had cached is only the first guess."""

    bookmark: str = ""


@dataclass
class Tab:
    """A tab character."""

    style: RunStyle


@dataclass
class LineBreak:
    """An explicit line break (w:br without a type)."""

    style: RunStyle


@dataclass
class PageBreak:
    """An explicit page (or column) break."""


@dataclass
class Field:
    """A field whose value is known only at layout time: PAGE, NUMPAGES or SECTIONPAGES."""

    kind: str
    style: RunStyle


@dataclass
class InlineObject:
    """An inline picture or chart of a given size, with its alternative text kept.

    A chart carries its `chart` description when the build that wrote it passed it down, and
    otherwise its chart part's XML in `data`, read when it is drawn.
    """

    kind: str
    width: float
    height: float
    style: RunStyle
    data: bytes = b""
    alt_text: str = ""
    name: str = ""
    chart: ChartDescription | None = None


@dataclass
class Bookmark:
    """A bookmark start: an internal link target."""

    name: str


Inline = Text | Tab | LineBreak | PageBreak | Field | InlineObject | Bookmark


@dataclass
class ListLabel:
    """The number or bullet drawn before a list paragraph, and what follows it; `level` is
    the list level (0 for the outermost), which nests lists in a tagged PDF."""

    text: str
    style: RunStyle
    suffix: str = "tab"
    align: str = "left"
    level: int = 0


@dataclass
class Paragraph:
    """A paragraph: resolved formatting, inline content and the paragraph mark's style."""

    props: ParaProps
    inlines: list[Inline]
    mark_style: RunStyle
    style_id: str = ""
    label: ListLabel | None = None
    role: str = "P"
    """What the paragraph is, as a tagged PDF names it: 'H1'–'H6', 'P', 'LI' (a list item),
    'Caption', 'TOCI' (a table of contents entry) or 'Figure' (only a picture or chart)."""

    @property
    def text(self) -> str:
        """The plain text (for outlines and tests)."""
        return "".join(i.text for i in self.inlines if isinstance(i, Text))


@dataclass
class Cell:
    """A table cell: its blocks and resolved cell formatting."""

    blocks: list[Block]
    span: int = 1
    vmerge: str | None = None
    shading: str | None = None
    borders: dict[str, Border | None] = field(default_factory=dict)
    margins: tuple[float, float, float, float] = (0.0, 5.4, 0.0, 5.4)
    valign: str = "top"


@dataclass
class Row:
    """A table row; `header` rows repeat on every page, `cant_split` rows never split."""

    cells: list[Cell]
    height: float = 0.0
    height_rule: str = "atLeast"
    header: bool = False
    cant_split: bool = False
    grid_before: int = 0


@dataclass
class Table:
    """A table with its grid column widths."""

    grid: list[float]
    rows: list[Row]
    align: str = "left"
    indent: float = 0.0
    header_column: bool = False
    """True when the first column's cells head their rows (a label table or layout table,
    as `docgen.accessibility` defines them)."""


Block = Paragraph | Table


@dataclass
class Section:
    """A section: page geometry, headers/footers by kind ('default', 'first', 'even')."""

    page_width: float = 595.3
    page_height: float = 841.9
    margin_top: float = 72.0
    margin_bottom: float = 72.0
    margin_left: float = 72.0
    margin_right: float = 72.0
    header_distance: float = 36.0
    footer_distance: float = 36.0
    start: str = "nextPage"
    title_page: bool = False
    page_start: int | None = None
    page_format: str = "decimal"
    headers: dict[str, list[Block]] = field(default_factory=dict)
    footers: dict[str, list[Block]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)

    @property
    def body_width(self) -> float:
        """Width of the text column."""
        return self.page_width - self.margin_left - self.margin_right


@dataclass
class DocumentModel:
    """The whole document: sections, metadata and the warnings met while reading."""

    sections: list[Section]
    title: str = ""
    author: str = ""
    subject: str = ""
    keywords: str = ""
    language: str = ""
    default_tab: float = 36.0
    table_shift: bool = True
    even_and_odd_headers: bool = False
    footnotes: dict[str, list[Block]] = field(default_factory=dict)
    """The text of each footnote, by its printed number (see `notes.NOTE_MARK`)."""
    warnings: list[Problem] = field(default_factory=list)
