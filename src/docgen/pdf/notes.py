"""Footnote and endnote references: their marks numbered as Word numbers them.

The notes' own text is not laid out at the page foot (pagination does not make room for it):
the marks are printed, so the lines break as LibreOffice's do, and `NoteMarks.problems` names
what was left out.
"""

from __future__ import annotations

from lxml import etree

from ..ooxml.ns import w
from .model import RunStyle, Text
from .numbering import format_number

_FORMATS = {"footnote": "decimal", "endnote": "lowerRoman"}
"""Word's default number formats: footnotes 1, 2, 3; endnotes i, ii, iii."""


class NoteMarks:
    """Counts the footnote and endnote references of one document as they are read."""

    def __init__(self) -> None:
        self.counts = {"footnote": 0, "endnote": 0}
        self.custom = 0

    def reference(self, el: etree._Element, style: RunStyle) -> Text | None:
        """The printed mark of a `w:footnoteReference`/`w:endnoteReference` (None when the
        note has a custom mark, which is the run's own text that follows)."""
        kind = "footnote" if el.tag == w("footnoteReference") else "endnote"
        custom = el.get(w("customMarkFollows"), "").lower() in ("1", "true", "on")
        if custom:
            self.custom += 1
            return None
        self.counts[kind] += 1
        return Text(format_number(self.counts[kind], _FORMATS[kind]), style)

    def problems(self) -> list[str]:
        """One message per kind of note whose text was left out of the PDF."""
        out = []
        for kind, count in self.counts.items():
            if count:
                first, last = (format_number(n, _FORMATS[kind]) for n in (1, count))
                numbers = first if count == 1 else f"{first} to {last}"
                out.append(f"the text of {count} {kind}{'s' if count > 1 else ''} ({numbers}) "
                           "was left out of the PDF: only the reference marks are printed")
        if self.custom:
            out.append(f"the text of {self.custom} note{'s' if self.custom > 1 else ''} with a "
                       "custom mark was left out of the PDF: only the marks are printed")
        return out
