"""Footnote and endnote references: their marks numbered as Word numbers them, and the
footnotes' text read for pagination to place at the foot of the page whose line holds the mark.

Endnotes' text is not laid out (only their marks are printed) and `NoteMarks.problems` names
what was left out; so is the text of notes with a custom mark.
"""

from __future__ import annotations

from lxml import etree

from ..ooxml.ns import w
from .model import Bookmark, RunStyle, Text
from .numbering import format_number

_FORMATS = {"footnote": "decimal", "endnote": "lowerRoman"}
"""Word's default number formats: footnotes 1, 2, 3; endnotes i, ii, iii."""

NOTE_MARK = "\x00footnote:"
"""Prefix of the bookmark that ties a line to the footnote its mark calls (a name no Word
bookmark can have): pagination reads it from `Line.bookmarks`."""


def note_number(name: str) -> str | None:
    """The footnote number a line bookmark stands for (None for an ordinary bookmark)."""
    return name[len(NOTE_MARK):] if name.startswith(NOTE_MARK) else None


class NoteMarks:
    """Counts the footnote and endnote references of one document as they are read."""

    def __init__(self) -> None:
        self.counts = {"footnote": 0, "endnote": 0}
        self.custom = 0
        self.footnotes: list[tuple[str, str]] = []
        """(w:id, printed number) of each footnote referenced, in reading order."""
        self.drawn = 0
        """How many footnotes' text was read (their text is drawn, not warned about)."""

    def reference(self, el: etree._Element, style: RunStyle) -> Text | None:
        """The printed mark of a `w:footnoteReference`/`w:endnoteReference` (None when the
        note has a custom mark, which is the run's own text that follows); a footnote's
        mark is recorded in `footnotes` (see `anchor`)."""
        kind = "footnote" if el.tag == w("footnoteReference") else "endnote"
        custom = el.get(w("customMarkFollows"), "").lower() in ("1", "true", "on")
        if custom:
            self.custom += 1
            return None
        self.counts[kind] += 1
        number = format_number(self.counts[kind], _FORMATS[kind])
        if kind == "footnote":
            self.footnotes.append((el.get(w("id"), ""), number))
        return Text(number, style)

    def anchor(self) -> Bookmark:
        """The bookmark placed with the latest footnote mark (see `NOTE_MARK`)."""
        return Bookmark(NOTE_MARK + self.footnotes[-1][1])

    def problems(self) -> list[str]:
        """One message per kind of note whose text was left out of the PDF."""
        out = []
        for kind, count in self.counts.items():
            if kind == "footnote":
                count -= self.drawn
            if count:
                first, last = (format_number(n, _FORMATS[kind]) for n in (1, count))
                numbers = first if count == 1 else f"{first} to {last}"
                out.append(f"the text of {count} {kind}{'s' if count > 1 else ''} ({numbers}) "
                           "was left out of the PDF: only the reference marks are printed")
        if self.custom:
            out.append(f"the text of {self.custom} note{'s' if self.custom > 1 else ''} with a "
                       "custom mark was left out of the PDF: only the marks are printed")
        return out
