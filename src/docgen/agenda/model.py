"""The agenda pack as plain data: the meeting, its items and their papers, and what was built.

Read from the agenda workbook by `agenda`, checked by `papers`, built by `items`; nothing here
knows of Excel or PDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

EXEMPT_WORDING = ("Exempt under paragraph {paragraph} of Part 1 of Schedule 12A to the Local "
                  "Government Act 1972")
EXEMPT_PARAGRAPHS = range(1, 8)
"""Part 1 of Schedule 12A lists seven descriptions of exempt information."""

PAPER_KINDS = {".xlsx": "workbook", ".docx": "word", ".pdf": "pdf"}


@dataclass(frozen=True)
class Meeting:
    """The Meeting sheet: who meets, when and where."""

    committee: str
    date: dt.date | None
    time: str = ""
    venue: str = ""
    chair: str = ""
    clerk: str = ""
    contact: str = ""
    public_notice: str = ""

    @property
    def date_text(self) -> str:
        """The date as the pack writes it: 21 November 2019."""
        return f"{self.date.day} {self.date:%B %Y}" if self.date else ""

    @property
    def title(self) -> str:
        """The pack's title: "Strategic Scrutiny Meeting, 21 November 2019"."""
        return ", ".join(part for part in (self.committee, self.date_text) if part)


@dataclass(frozen=True)
class Paper:
    """One file of an item: its path, as typed (`name`), and the cell it was typed in."""

    name: str
    path: Path
    cell: str

    @property
    def kind(self) -> str:
        """workbook, word or pdf (from its suffix)."""
        return PAPER_KINDS.get(self.path.suffix.lower(), "")


@dataclass(frozen=True)
class Item:
    """One row of the Items sheet."""

    number: str
    title: str
    row: int
    presenter: str = ""
    papers: tuple[Paper, ...] = ()
    exempt_paragraph: int | None = None
    note: str = ""

    @property
    def exempt(self) -> bool:
        """True for a Part B item (its papers are kept out of the public pack)."""
        return self.exempt_paragraph is not None

    @property
    def exempt_wording(self) -> str:
        """"Exempt under paragraph 3 of Part 1 of Schedule 12A ...", or ''."""
        if self.exempt_paragraph is None:
            return ""
        return EXEMPT_WORDING.format(paragraph=self.exempt_paragraph)

    @property
    def label(self) -> str:
        """"Item 2: Quarterly Report", the item's bookmark."""
        return f"Item {self.number}: {self.title}" if self.title else f"Item {self.number}"


@dataclass(frozen=True)
class Agenda:
    """The agenda workbook read: meeting, items in order, and where it lives."""

    path: Path
    meeting: Meeting
    items: tuple[Item, ...]

    @property
    def folder(self) -> Path:
        """The folder papers are named relative to."""
        return self.path.parent


@dataclass
class StructTag:
    """An element of a structure tree drawn by the pack itself (the front sheet and agenda):
    its role (H1, P, Table, TD...), attributes, the marked content drawn for it as
    (0-based page, MCID) pairs, and its children."""

    role: str
    marks: list[tuple[int, int]] = field(default_factory=list)
    kids: list[StructTag] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass
class OutlineEntry:
    """A bookmark of an item's own PDF: title, 0-based page in that PDF, nested entries."""

    title: str
    page: int
    children: list[OutlineEntry] = field(default_factory=list)


@dataclass
class BuiltPaper:
    """A paper made ready for the pack: its PDF, page count, outline, and any .docx built."""

    paper: Paper
    pdf: Path
    pages: int
    outline: list[OutlineEntry] = field(default_factory=list)
    docx: Path | None = None
    title: str = ""


@dataclass
class PackResult:
    """What `pack` wrote, and the warnings found on the way."""

    pdf: Path
    part_b: Path | None
    manifest: Path
    docx: list[Path] = field(default_factory=list)
    warnings: list = field(default_factory=list)
    title: str = ""
    pages: int = 0

    @property
    def paths(self) -> list[Path]:
        """Every file written, the pack first."""
        return [self.pdf, *([self.part_b] if self.part_b else []), *self.docx, self.manifest]
