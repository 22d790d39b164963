"""List and heading numbering from numbering.xml: level definitions and running counters."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from lxml import etree

from ..ooxml.elements import W_VAL, val
from ..ooxml.ns import w
from .styles import Props, parse_ppr, parse_rpr

log = logging.getLogger(__name__)

_SYMBOL_BULLETS = {"\uf0b7": "\u2022", "\uf0a7": "\u25aa", "\uf0d8": "\u27a2", "\uf0fc": "\u2713",
                   "\uf06f": "o", "\uf076": "\u2756", "\uf0a8": "\u25aa", "\uf02d": "-",
                   "\uf0e0": "\u2192", "\uf071": "\u25aa", "\uf06e": "\u25aa"}
_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass
class Level:
    """One level of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    align: str = "left"
    suffix: str = "tab"
    ppr: Props = field(default_factory=dict)
    rpr: Props = field(default_factory=dict)
    legal: bool = False


def format_number(n: int, fmt: str) -> str:
    """A counter value in a Word number format (decimal, letters, roman, ...)."""
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = to_roman(n)
        return s.upper() if fmt == "upperRoman" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return str(n)


def to_roman(n: int) -> str:
    """Lower-case roman numeral of n (decimal beyond 3999)."""
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                       (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                       (4, "iv"), (1, "i")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def bullet_text(text: str) -> str:
    """Symbol/Wingdings private-use bullet characters mapped to their Unicode look-alikes."""
    return "".join(_SYMBOL_BULLETS.get(ch, "\u2022" if "\uf000" <= ch <= "\uf0ff" else ch)
                   for ch in text)


class Numbering:
    """List definitions plus the counters of one pass through the document."""

    def __init__(self, root: etree._Element | None, theme_fonts: dict[str, str]):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self._started: set[str] = set()
        if root is not None:
            self._read(root, theme_fonts)

    def _read(self, root: etree._Element, theme_fonts: dict[str, str]) -> None:
        """Index abstractNum levels and num → abstractNum references with overrides."""
        for absn in root.findall(w("abstractNum")):
            self.abstract[absn.get(w("abstractNumId"), "")] = {
                int(lvl.get(w("ilvl"), "0")): _level(lvl, theme_fonts)
                for lvl in absn.findall(w("lvl"))
            }
        for num in root.findall(w("num")):
            starts: dict[int, int] = {}
            levels: dict[int, Level] = {}
            for over in num.findall(w("lvlOverride")):
                ilvl = int(over.get(w("ilvl"), "0"))
                start = val(over.find(w("startOverride")))
                if start is not None and start.lstrip("-").isdigit():
                    starts[ilvl] = int(start)
                lvl = over.find(w("lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl, theme_fonts)
            self.nums[num.get(w("numId"), "")] = (
                val(num.find(w("abstractNumId"))) or "", starts, levels)

    def level(self, num_id: str, ilvl: int) -> Level | None:
        """The level definition used by numId at ilvl, or None when numbering is off."""
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        abstract_id, _, overrides = entry
        return overrides.get(ilvl) or self.abstract.get(abstract_id, {}).get(ilvl)

    def next_label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter for (numId, ilvl) and return the label text."""
        entry = self.nums.get(num_id)
        lvl = self.level(num_id, ilvl)
        if entry is None or lvl is None:
            return None
        abstract_id, starts, _ = entry
        counters = self.counters.setdefault(abstract_id, [None] * 9)
        if starts and num_id not in self._started:
            self._started.add(num_id)
            for i, start in starts.items():
                if 0 <= i < 9:
                    counters[i] = start - 1
        current = counters[ilvl]
        counters[ilvl] = lvl.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if lvl.fmt == "bullet":
            return bullet_text(lvl.text)
        return _PLACEHOLDER.sub(lambda m: self._part(num_id, int(m.group(1)) - 1, lvl, counters),
                                lvl.text)

    def _part(self, num_id: str, i: int, current: Level, counters: list[int | None]) -> str:
        """The formatted counter of level i for a label of `current`."""
        lvl = self.level(num_id, i)
        if lvl is None:
            return ""
        value = counters[i] if counters[i] is not None else lvl.start
        return format_number(value, "decimal" if current.legal else lvl.fmt)


def _level(el: etree._Element, theme_fonts: dict[str, str]) -> Level:
    """A Level from a `w:lvl` element."""
    start = val(el.find(w("start")))
    text_el = el.find(w("lvlText"))
    return Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=val(el.find(w("numFmt"))) or "decimal",
        text=(text_el.get(W_VAL, "") if text_el is not None else ""),
        align={"center": "center", "right": "right", "end": "right"}.get(
            val(el.find(w("lvlJc"))) or "left", "left"),
        suffix=val(el.find(w("suff"))) or "tab",
        ppr=parse_ppr(el.find(w("pPr"))),
        rpr=parse_rpr(el.find(w("rPr")), theme_fonts),
        legal=el.find(w("isLgl")) is not None,
    )
