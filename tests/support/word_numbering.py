"""The list labels Word shows before paragraphs, worked out from numbering.xml on their own.

python-docx's `paragraph.text` leaves out what Word's numbering adds ("1.", "a.", "1.1"), so
tests read headings and numbered paragraphs through `shown_text`, which follows Word's rules
without using docgen's code: a paragraph's numPr (its own, else its style's), each w:num its
own list, levels counting from their start and starting again after a level above is used.
A label that needs a level not yet used in its list is an error here: docgen never writes one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn

_FORMATS = {
    "decimal": str,
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1),
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1),
}


@dataclass
class _List:
    """One w:num: its levels (start, format, level text) and its counters."""

    levels: dict[int, tuple[int, str, str]]
    counts: dict[int, int] = field(default_factory=dict)

    def next(self, ilvl: int) -> str:
        start, fmt, text = self.levels[ilvl]
        self.counts[ilvl] = self.counts.get(ilvl, start - 1) + 1
        for deeper in [level for level in self.counts if level > ilvl]:
            del self.counts[deeper]
        if fmt == "bullet":
            return text
        for level in range(9):
            if f"%{level + 1}" in text:
                assert level in self.counts, f"level {level} is not in use for '{text}'"
                number = _FORMATS[self.levels[level][1]](self.counts[level])
                text = text.replace(f"%{level + 1}", number)
        return text


class WordLabels:
    """Labels for a document's body paragraphs, counted in document order."""

    def __init__(self, document):
        self.document = document
        self.lists: dict[str, _List] = {}
        root = document.part.numbering_part.element
        self.abstract = {a.get(qn("w:abstractNumId")): _levels(a)
                         for a in root.iterchildren(qn("w:abstractNum"))}
        self.nums = {n.get(qn("w:numId")): n for n in root.iterchildren(qn("w:num"))}

    def label(self, paragraph) -> str | None:
        """Count `paragraph` if numbered; the label Word shows before it, or None."""
        num_id, ilvl = self.numbering(paragraph)
        if num_id in (None, "0") or num_id not in self.nums:
            return None
        if num_id not in self.lists:
            num = self.nums[num_id]
            levels = dict(self.abstract[num.find(qn("w:abstractNumId")).get(qn("w:val"))])
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                level = int(override.get(qn("w:ilvl")))
                if start is not None:
                    levels[level] = (int(start.get(qn("w:val"))), *levels[level][1:])
            self.lists[num_id] = _List(levels)
        return self.lists[num_id].next(ilvl)

    def numbering(self, paragraph) -> tuple[str | None, int]:
        """(numId, ilvl) of a paragraph: its own numPr, else the nearest style's."""
        ppr = paragraph._p.pPr
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        style = paragraph.style
        while numpr is None and style is not None:
            spr = style.element.find(qn("w:pPr"))
            numpr = spr.find(qn("w:numPr")) if spr is not None else None
            style = style.base_style
        if numpr is None or numpr.find(qn("w:numId")) is None:
            return None, 0
        ilvl = numpr.find(qn("w:ilvl"))
        return (numpr.find(qn("w:numId")).get(qn("w:val")),
                int(ilvl.get(qn("w:val"))) if ilvl is not None else 0)


def _levels(abstract) -> dict[int, tuple[int, str, str]]:
    levels = {}
    for lvl in abstract.iterchildren(qn("w:lvl")):
        start, fmt, text = (lvl.find(qn(f"w:{tag}")) for tag in ("start", "numFmt", "lvlText"))
        levels[int(lvl.get(qn("w:ilvl")))] = (
            int(start.get(qn("w:val"))) if start is not None else 0,
            fmt.get(qn("w:val")) if fmt is not None else "decimal",
            text.get(qn("w:val")) if text is not None else "")
    return levels


def shown_texts(document) -> list[tuple[str, str, str | None]]:
    """Each body paragraph as (style name, text as Word shows it, label or None)."""
    labels = WordLabels(document)
    out = []
    for paragraph in document.paragraphs:
        label = labels.label(paragraph)
        text = f"{label} {paragraph.text}" if label else paragraph.text
        out.append((paragraph.style.name, text, label))
    return out


def numbered_empty_paragraphs(document) -> list[str]:
    """Every paragraph of the body, tables included, that Word numbers but that is empty."""
    from docx.text.paragraph import Paragraph

    labels = WordLabels(document)
    empty = []
    for index, p in enumerate(document.element.body.iter(qn("w:p"))):
        paragraph = Paragraph(p, document._body)
        if labels.numbering(paragraph)[0] in labels.nums and not paragraph.text.strip():
            empty.append(f"paragraph {index} ({paragraph.style.name})")
    return empty
