"""The report model: plain data, every derived figure already computed.

The model knows nothing of Word or PDF. `report.build_report()` makes it from a workbook;
the renderers only lay it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from .numbering import DEFAULT as DEFAULT_NUMBERING

Kind = Literal["count", "percentage", "minutes", "seconds", "money", "number"]
Better = Literal["higher", "lower", "neither"]
Direction = Literal["increase", "decrease", "no change"]


@dataclass(frozen=True)
class Run:
    """A stretch of text with one character format."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of body text, a bullet or a numbered list item."""

    runs: tuple[Run, ...]
    style: Literal["body", "bullet", "numbered"] = "body"

    @property
    def text(self) -> str:
        """The paragraph's plain text."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Value:
    """A number as the workbook holds it, with the text the spreadsheet shows for it."""

    number: float | None
    text: str
    number_format: str = "General"


@dataclass(frozen=True)
class Target:
    """A measure's target: `kind` 'level' (in the measure's units), 'percent' (a % change
    against previous) or 'points' (a change in percentage points, for rates)."""

    kind: str
    number: float
    text: str


@dataclass(frozen=True)
class Change:
    """The change from a previous to a current value, with the house-style phrases for it.

    `absolute` is current − previous; `percent` is the relative change in per cent (None
    where the previous value is 0 or missing); `points` is the change in percentage points for
    rates. `improved` is None where neither direction is better.
    """

    absolute: float | None
    percent: float | None
    points: float | None
    direction: Direction | None
    improved: bool | None
    text: str
    signed: str
    signed_percent: str
    amount: str
    amount_percent: str
    direction_text: str = "n/a"
    trend: str = "n/a"


@dataclass(frozen=True)
class Measure:
    """A performance measure: previous and current values and what they mean."""

    id: str
    theme: str
    name: str
    kind: Kind
    better: Better
    previous: Value
    current: Value
    change: Change
    note: str = ""
    previous_period: str = ""
    current_period: str = ""
    target: Target | None = None
    target_met: bool | None = None
    in_appendix: bool = True
    row: int = 0
    status: str = "no target"
    status_text: str = "no target"
    not_available: str = "n/a"
    rag: str = ""
    target_gap: str = "n/a"
    target_gap_value: float | None = None


@dataclass(frozen=True)
class MeasureTable:
    """One table of Appendix A: consecutive measures of a theme sharing their periods."""

    theme: str
    note: str
    previous_period: str
    current_period: str
    measures: tuple[Measure, ...]
    first_of_theme: bool = True


@dataclass(frozen=True)
class TableCell:
    """A cell of a free table: its text as shown, and its look."""

    text: str
    bold: bool = False
    italic: bool = False
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    """A table laid out by the author: a header row and body rows of formatted cells."""

    name: str
    header: tuple[TableCell, ...]
    rows: tuple[tuple[TableCell, ...], ...]
    first_column_bold: bool = False
    sheet: str = ""


@dataclass(frozen=True)
class Series:
    """One series of a chart: its name and one value per category (None for a gap)."""

    name: str
    values: tuple[float | None, ...]
    number_format: str = "General"


@dataclass(frozen=True)
class Chart:
    """A chart made from a free table's data."""

    name: str
    type: Literal["line", "column", "bar", "stacked column"]
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    x_title: str = ""
    y_title: str = ""
    alt_text: str = ""
    show_table: bool = False
    table: str = ""


@dataclass(frozen=True)
class Heading:
    """A section heading. `number` is the label Word shows before it ('4.', 'a.', '4.1'), or ''
    for a level the section numbering leaves bare: the .docx numbers headings with Word
    numbering, and the model keeps the labels that numbering gives (`numbering.Counter`)."""

    level: int
    number: str
    title: str

    @property
    def text(self) -> str:
        """The heading as shown: number and title."""
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Block:
    """One row of the Narrative sheet: an optional heading, paragraphs, and what follows them."""

    heading: Heading | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    insert: Table | Chart | None = None
    caption: str = ""


@dataclass(frozen=True)
class Implication:
    """One row of the Implications table (Financial: Nil, …)."""

    label: str
    detail: str


@dataclass(frozen=True)
class Settings:
    """The report's settings: header block, page header, periods, document properties."""

    report_to: str
    meeting_date: dt.date | None
    meeting_date_text: str
    title: str
    agenda_item: str = ""
    organisation: str = ""
    author: str = ""
    subject: str = ""
    previous_period: str = ""
    current_period: str = ""
    previous_heading: str = "Previous period"
    change_heading: str = "Change"
    current_heading: str = "Current period"
    appendix_title: str = "Appendix A: Performance Data"
    appendix_note: str = ""
    keywords: str = ""
    percent_decimals: int = 0
    rolled_from: str = ""
    rag_rule: str = "target"
    green_colour: str = "00703C"
    amber_colour: str = "FFDD00"
    red_colour: str = "D4351C"
    language: str = "en-GB"
    section_numbering: str = DEFAULT_NUMBERING
    """The Section numbering scheme's name (`numbering.SCHEMES`): 1. / a., 1. / 1.1, …"""
    values: dict[str, str] = field(default_factory=dict)
    """Every row of the Settings sheet as shown, by its label as typed (`From`, `Contact
    officer`): a template reads them as settings["From"]."""


@dataclass
class Report:
    """Everything a renderer needs, with every derived figure computed."""

    settings: Settings
    blocks: list[Block] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    appendix: list[MeasureTable] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    charts: dict[str, Chart] = field(default_factory=dict)
    implications: list[Implication] = field(default_factory=list)
    implications_number: str = ""

    @property
    def headings(self) -> list[Heading]:
        """The headings of the narrative, in order."""
        return [block.heading for block in self.blocks if block.heading]
