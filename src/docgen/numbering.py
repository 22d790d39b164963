"""Section numbering schemes (the Settings sheet's *Section numbering*) and their labels.

A scheme says which heading levels and whether body paragraphs are numbered, and how each
level of its Word list looks. The .docx carries it as real Word numbering (numbering.xml,
written by `render`); the model keeps the labels Word will show (`Counter`), worked out the
way Word works them out, so the report, its template and its tests agree with Word.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

PARAGRAPH_INDENT = 720
"""Twips from the margin to a numbered paragraph's text (1.27 cm): the label hangs in it."""


@dataclass(frozen=True)
class Level:
    """One level of a scheme's Word list: number format, level text, what follows the label
    (`space` or `tab`) and the hanging indent in twips (0: the paragraph keeps its style's)."""

    fmt: str
    text: str
    suffix: str = "space"
    hanging: int = 0


@dataclass(frozen=True)
class Scheme:
    """A section numbering scheme: its list levels, the list level of each numbered heading
    level, and the list level of body paragraphs (None when they are not numbered)."""

    name: str
    levels: tuple[Level, ...] = ()
    headings: tuple[tuple[int, int], ...] = ()
    paragraphs: int | None = None

    def heading_level(self, level: int) -> int | None:
        """The list level (ilvl) a heading of `level` is numbered at, or None."""
        return dict(self.headings).get(level)


SECTION = Level("decimal", "%1.")
SCHEMES: dict[str, Scheme] = {scheme.name: scheme for scheme in (
    Scheme("1. / a.", (SECTION, Level("lowerLetter", "%2.")), ((1, 0), (2, 1))),
    Scheme("1. / 1.1", (SECTION, Level("decimal", "%1.%2"), Level("decimal", "%1.%2.%3")),
           ((1, 0), (2, 1), (3, 2))),
    Scheme("1.1 paragraphs", (SECTION, Level("decimal", "%1.%2", "tab", PARAGRAPH_INDENT)),
           ((1, 0),), paragraphs=1),
    Scheme("none"),
)}
DEFAULT = "1. / a."
"""Today's look: sections 1., 2., …, subsections a., b., … and level 3 unnumbered."""


def find_scheme(name: str) -> Scheme | None:
    """The scheme called `name` (any case, spaces around `/` optional), or None."""
    key = " ".join(name.replace("/", " / ").split()).lower()
    return next((s for s in SCHEMES.values() if s.name.lower() == key), None)


def scheme_named(name: str) -> Scheme:
    """The scheme called `name`, the default for an empty or unknown name."""
    return find_scheme(name) or SCHEMES[DEFAULT]


class Counter:
    """The labels Word shows for one list, paragraph by paragraph.

    Each level counts from 1 and starts again after any level above it is used. A heading
    whose parent levels are not all in use (a subsection before the first section, a level 3
    straight under a level 1) is left bare: Word, LibreOffice and docgen's PDF each number
    such a skipped level differently ("0.1", "1.1" counted or not), so docgen never asks them to.
    """

    def __init__(self, scheme: Scheme):
        self.scheme = scheme
        self.counts = [0] * len(scheme.levels)

    def next(self, ilvl: int) -> str:
        """Count one paragraph at list level `ilvl`; its label."""
        self.counts[ilvl] += 1
        self.counts[ilvl + 1:] = [0] * (len(self.counts) - ilvl - 1)
        return self.label(ilvl)

    def label(self, ilvl: int) -> str:
        """The label of the paragraph last counted at `ilvl`."""
        text = self.scheme.levels[ilvl].text
        for index in range(ilvl + 1):
            number = format_number(self.counts[index], self.scheme.levels[index].fmt)
            text = text.replace(f"%{index + 1}", number)
        return text

    def heading(self, level: int) -> str:
        """Count a heading of `level` (1-3); its label, '' when the scheme leaves it bare or
        a level above it is not in use."""
        ilvl = self.scheme.heading_level(level)
        if ilvl is None or not all(self.counts[:ilvl]):
            return ""
        return self.next(ilvl)


def format_number(number: int, fmt: str) -> str:
    """A counter in a Word number format: decimal, or lowerLetter (1 → a, 27 → aa)."""
    if fmt == "lowerLetter":
        return letters(number)
    return str(number)


def letters(number: int) -> str:
    """Word's lowerLetter: 1 → 'a', 26 → 'z', 27 → 'aa', 28 → 'bb'; '' for 0."""
    if number <= 0:
        return ""
    return string.ascii_lowercase[(number - 1) % 26] * ((number - 1) // 26 + 1)
