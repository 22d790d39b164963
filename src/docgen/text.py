"""Text from cells: cleaning, the author's markup, and references to measures.

Markup an author can type in a narrative cell (documented in docs/workbook.md):
each line is a paragraph; a line starting with "- " or "• " is a bullet; "1. " a numbered item;
**bold** and *italic*. A measure is quoted as {ID field}, e.g. {ASB current} or {ASB change %}.
All of this is docgen's own parsing: cell text is never given to Jinja.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import Measure, Paragraph, Run

_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udfff]")
_BULLET = re.compile(r"^\s*(?:[-•–]|\*(?!\*))\s+")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+")
_INLINE = re.compile(
    r"(?<!\\)(\*\*\*(?=\S)(?P<both>.+?)(?<=\S)\*\*\*"
    r"|\*\*(?=\S)(?P<bold>.+?)(?<=\S)\*\*"
    r"|\*(?=[^\s*])(?P<italic>.+?)(?<=[^\s*\\])\*)"
)
_REFERENCE = re.compile(r"(?<!\{)\{([^{}\n]{1,100})\}(?!\})")
_REFERENCE_PARTS = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\s+(.+?)\s*$")


def unescape_excel(text: str) -> str:
    """Decode Excel's `_xHHHH_` escapes (how a workbook stores control characters)."""
    return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def clean_text(text: str) -> tuple[str, list[str]]:
    """Return `text` without XML-illegal characters, and a description of each kind removed."""
    text = unescape_excel(text)
    found = sorted({_describe(ch) for ch in _ILLEGAL.findall(text)})
    return (_ILLEGAL.sub("", text), found) if found else (text, [])


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def parse_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Split a narrative cell into paragraphs, bullets and numbered items, with bold/italic."""
    paragraphs = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            continue
        style = "body"
        if _BULLET.match(line):
            style, line = "bullet", _BULLET.sub("", line, count=1)
        elif _NUMBERED.match(line):
            style, line = "numbered", _NUMBERED.sub("", line, count=1)
        paragraphs.append(Paragraph(parse_runs(line.strip()), style))
    return tuple(paragraphs)


def parse_runs(text: str) -> tuple[Run, ...]:
    """Split a line into runs: **bold**, *italic*, ***both***; an unpaired * stays as typed."""
    runs: list[Run] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            runs.append(Run(_unescape_stars(text[pos : match.start()])))
        if match.group("both") is not None:
            runs.append(Run(_unescape_stars(match.group("both")), bold=True, italic=True))
        elif match.group("bold") is not None:
            inner = parse_runs(match.group("bold"))
            runs.extend(Run(r.text, bold=True, italic=r.italic) for r in inner)
        else:
            runs.append(Run(_unescape_stars(match.group("italic")), italic=True))
        pos = match.end()
    if pos < len(text):
        runs.append(Run(_unescape_stars(text[pos:])))
    return tuple(runs) or (Run(""),)


def _unescape_stars(text: str) -> str:
    return text.replace("\\*", "*")


# The fields a narrative reference can ask for, keyed by their name without spaces.
REFERENCE_FIELDS: dict[str, Callable[[Measure], str]] = {
    "name": lambda m: m.name,
    "previous": lambda m: m.previous.text,
    "current": lambda m: m.current.text,
    "target": lambda m: m.target.text if m.target else m.not_available,
    "targetgap": lambda m: m.target_gap,
    "status": lambda m: m.status_text,
    "rag": lambda m: m.rag or m.not_available,
    "change": lambda m: m.change.signed,
    "change%": lambda m: m.change.signed_percent,
    "%change": lambda m: m.change.signed_percent,
    "amount": lambda m: m.change.amount,
    "amount%": lambda m: m.change.amount_percent,
    "%amount": lambda m: m.change.amount_percent,
    "direction": lambda m: m.change.direction_text,
    "trend": lambda m: m.change.trend,
    "summary": lambda m: m.change.text,
    "previousperiod": lambda m: m.previous_period,
    "currentperiod": lambda m: m.current_period,
}


def resolve_references(text: str, measures: dict[str, Measure]) -> tuple[str, list[str]]:
    """Replace each {ID field} with the measure's figure; return the text and any problems.

    Braces that name neither a known measure nor a known field are left as typed, so prose
    such as "{see below}" or "{{ x }}" passes through unchanged.
    """
    problems: list[str] = []

    def substitute(match: re.Match[str]) -> str:
        parts = _REFERENCE_PARTS.match(match.group(1))
        if not parts:
            if match.group(1).strip().upper() in measures:
                problems.append(f"{match.group(0)} names a measure but no field; write "
                                f"{{{match.group(1).strip()} FIELD}} with FIELD one of: "
                                f"{field_names()}")
            return match.group(0)
        measure_id, field = parts.group(1), parts.group(2)
        measure = measures.get(measure_id.upper())
        getter = REFERENCE_FIELDS.get(field.lower().replace(" ", ""))
        if measure and getter:
            return getter(measure)
        if measure:
            problems.append(
                f"unknown field '{field}' in {match.group(0)}; use one of: {field_names()}"
            )
        elif getter:
            problems.append(f"unknown measure '{measure_id}' in {match.group(0)}")
        return match.group(0)

    return _REFERENCE.sub(substitute, text), problems


_SPELLED = {"change%": "change %", "amount%": "amount %", "previousperiod": "previous period",
            "currentperiod": "current period", "targetgap": "target gap"}


def field_names() -> str:
    """The reference fields as an author types them, for messages (every field that works;
    '%change' and '%amount' are also accepted for 'change %' and 'amount %')."""
    return ", ".join(_SPELLED.get(name, name) for name in REFERENCE_FIELDS
                     if not name.startswith("%"))
