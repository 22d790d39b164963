"""Laid-out lines and fragments: what a line holds and where, for the drawer to draw."""

from __future__ import annotations

from dataclasses import dataclass, field

from .fonts import ResolvedFont
from .model import InlineObject, Paragraph, RunStyle


@dataclass(slots=True)
class Frag:
    """A piece of a line in one font: text, a field, a leader, a list label or an inline
    object."""

    x: float
    text: str
    font: ResolvedFont
    style: RunStyle
    width: float
    link: str | None = None
    anchor: str | None = None
    rise: float = 0.0
    kind: str = "text"
    obj: InlineObject | None = None


@dataclass(slots=True)
class Line:
    """One line: fragments positioned from `x0` (the line's left edge within the column)."""

    frags: list[Frag]
    x0: float = 0.0
    height: float = 0.0
    single: float = 0.0
    baseline: float = 0.0
    page_break_after: bool = False
    bookmarks: list[str] = field(default_factory=list)
    shading: str | None = None
    shade_x: tuple[float, float] = (0.0, 0.0)
    """Where the paragraph's shading runs, from the column's left edge: its indents, as
    LibreOffice fills it (not where the line's text ends)."""
    width: float = 0.0
    para: Paragraph | None = None
    """The paragraph the line is part of (its structure in a tagged PDF)."""
    rules: list = field(default_factory=list)
    """Paragraph border rules on this line: (y below the line's top, x1, x2, Border)."""


@dataclass(slots=True)
class Spacer:
    """Vertical space between paragraphs inside a stacked story (cell, header): `lower` is the
    space after the paragraph above (it must fit below that paragraph's last line), `upper`
    the space before the paragraph below (kept when that paragraph starts a continued cell)."""

    height: float
    single: float = 0.0
    page_break_after: bool = False
    lower: float = 0.0
    upper: float = 0.0
