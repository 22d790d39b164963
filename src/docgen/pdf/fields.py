"""Word fields as the document reader meets them, run by run.

A complex field is `begin`, its instruction (w:instrText, perhaps over several runs),
`separate`, its cached result, `end`; fields nest. `FieldStack` follows them for the reader:
page fields (PAGE, NUMPAGES, SECTIONPAGES) become a `Field` drawn live, their cached result
skipped; HYPERLINK fields link their result (to a URL, or to a bookmark with `\\l`); a PAGEREF
field (a table of contents' page number) becomes one `PageRef`, which pagination corrects
(`page_refs`). Other fields show their cached result as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Field, Inline, PageRef, RunStyle

DYNAMIC_FIELDS = {"PAGE": "PAGE", "NUMPAGES": "NUMPAGES", "SECTIONPAGES": "SECTIONPAGES"}
_HYPERLINK = re.compile(r'HYPERLINK\s+"([^"]+)"')
_ANCHOR = re.compile(r'HYPERLINK\s.*\\l\s+"?([^"\s]+)', re.IGNORECASE)
_PAGEREF = re.compile(r'^\s*PAGEREF\s+"?([^"\s\\]+)', re.IGNORECASE)


def field_kind(instr: str) -> str | None:
    """'PAGE', 'NUMPAGES' or 'SECTIONPAGES' for a dynamic page field instruction."""
    words = instr.strip().split()
    return DYNAMIC_FIELDS.get(words[0].upper()) if words else None


def page_ref_target(instr: str) -> str | None:
    """The bookmark a PAGEREF field instruction points at (None for any other field)."""
    match = _PAGEREF.match(instr)
    return match.group(1) if match else None


@dataclass
class _Open:
    """A complex field being read."""

    instr: str = ""
    phase: str = "instr"
    skip: bool = False
    link: str | None = None
    anchor: str | None = None
    ref: str | None = None
    shown: bool = False


class FieldStack:
    """The complex fields open at the current run, innermost last."""

    def __init__(self) -> None:
        self.open: list[_Open] = []

    def __bool__(self) -> bool:
        return bool(self.open)

    def instruction(self, text: str) -> None:
        """Add a w:instrText's text to the innermost field's instruction."""
        if self.open:
            self.open[-1].instr += text

    def hides(self) -> bool:
        """True while run content is an instruction or a page field's cached result."""
        return any(f.phase == "instr" or f.skip for f in self.open)

    def link(self) -> str | None:
        """The URL of the innermost HYPERLINK field whose result is being read."""
        return next((f.link for f in reversed(self.open) if f.link), None)

    def anchor(self) -> str | None:
        """The bookmark of the innermost HYPERLINK \\l field whose result is being read."""
        return next((f.anchor for f in reversed(self.open) if f.anchor), None)

    def page_ref(self, text: str | None, style: RunStyle, link: str | None,
                 out: list[Inline]) -> bool:
        """When the innermost field is a PAGEREF showing its result, take a piece of that
        result: its first text becomes one `PageRef`, the rest is dropped; True if taken."""
        field = self.open[-1] if self.open else None
        if field is None or field.ref is None:
            return False
        if text is not None and not field.shown:
            out.append(PageRef(text, style, link, self.anchor() or field.ref,
                               bookmark=field.ref))
            field.shown = True
        return True

    def char(self, kind: str | None, style: RunStyle, out: list[Inline]) -> None:
        """A w:fldChar: `begin`, `separate` or `end`."""
        if kind == "begin":
            self.open.append(_Open())
        elif kind == "separate" and self.open:
            self._separate(self.open[-1], style, out)
        elif kind == "end" and self.open:
            field = self.open.pop()
            if field.phase == "instr" and field_kind(field.instr):
                out.append(Field(field_kind(field.instr), style))
            ref = field.ref or (page_ref_target(field.instr) if field.phase == "instr" else None)
            if ref and not field.shown and not self.hides():
                out.append(PageRef("", style, self.link(), self.anchor() or ref, bookmark=ref))

    def _separate(self, field: _Open, style: RunStyle, out: list[Inline]) -> None:
        """Switch a field to its result; page fields are drawn live instead of cached."""
        field.phase = "result"
        kind = field_kind(field.instr)
        if kind and not any(f.skip for f in self.open):
            out.append(Field(kind, style))
            field.skip = True
        match = _HYPERLINK.search(field.instr)
        if match:
            field.link = match.group(1)
        anchor = _ANCHOR.search(field.instr)
        if anchor:
            field.anchor = anchor.group(1)
        field.ref = page_ref_target(field.instr)
