"""Line breaking as LibreOffice 7.4 breaks Word text: where a line may end, and how wide text is.

Break opportunities follow LibreOffice's own line-break rules (i18npool's `line.txt`, its
tailoring of UAX #14 version 5.0, run by ICU), not today's UAX #14: a hyphen may end a line
before a digit (a negative number breaks after its minus sign), "+" and "£" may part, an
em dash breaks before and after, ")" and "]" never start a line. Its `getLineBreak` adds one
rule: a break after "/" moves back to a space up to 66 characters before it, so "and/or" in a
sentence wraps whole while a long URL breaks after its slashes.

Widths are LibreOffice's too: each glyph's advance is rounded on its reference device of
8,640 units an inch (`PX_PER_PT` = 120 to a point) and a line holds the text whose rounded
advances fit in its width in twips, standard ligatures joined (`ligatures`); no kerning.
Spaces never shrink.
"""

from __future__ import annotations

import logging
import math
import unicodedata
from dataclasses import dataclass

from .fonts import FontSet, ResolvedFont
from .ligatures import font_ligatures, ligature_savings
from .lines import Frag, Line
from .model import (
    Bookmark,
    Field,
    InlineObject,
    LineBreak,
    PageBreak,
    Paragraph,
    RunStyle,
    Tab,
    Text,
)

log = logging.getLogger(__name__)

PX_PER_PT = 120
"""Units of LibreOffice's reference device (8,640 an inch) in a point: glyph advances are
whole units of it."""
TOLERANCE = 0.5 / PX_PER_PT
"""Slack in a fit test: half a device unit, only absorbing float sums of whole units (a
line one unit too wide wraps in LibreOffice's body text)."""
SUPER_SCALE = 0.58
WORD_JOINER = "\u2060"
SLASH_LOOKBACK = 66
"""How far back (characters) LibreOffice looks for a space to break at instead of after a
"/" (BreakIterator_Unicode::getLineBreak, "overly long" paths break at the slash)."""


@dataclass(slots=True)
class Atom:
    """The smallest unit of line breaking: a text token, tab, object, field or break."""

    kind: str
    text: str
    font: ResolvedFont | None
    style: RunStyle | None
    width: float
    space: float = 0.0
    breakable: bool = True
    link: str | None = None
    anchor: str | None = None
    rise: float = 0.0
    obj: InlineObject | None = None
    redirect: int = 0
    """When a break after this atom (it ends in "/") moves back to a space: how many
    characters back the line ends instead."""
    weak: bool = False
    """A word joiner follows: LibreOffice breaks here only when nothing else on the line
    can (it then breaks a sign from a currency symbol)."""


class LineBreaker:
    """Break atoms of paragraphs for one document's fonts; `linefill.LineFiller` fills lines."""

    def __init__(self, fonts: FontSet, default_tab: float):
        self.fonts = fonts
        self.default_tab = default_tab
        self._units: dict[tuple[int, float], dict[str, int]] = {}
        self._tokens: dict[tuple[int, float, str], tuple[float, float]] = {}

    def font_for(self, style: RunStyle) -> tuple[ResolvedFont, float]:
        """The font to draw a style with and its baseline rise (super/subscript)."""
        if style.vert_align == "superscript":
            return self.fonts.resolve(style, style.size * SUPER_SCALE), style.size * 0.33
        if style.vert_align == "subscript":
            return self.fonts.resolve(style, style.size * SUPER_SCALE), -style.size * 0.08
        return self.fonts.resolve(style), 0.0

    # -- widths -----------------------------------------------------------------------------

    def _advances(self, font: ResolvedFont) -> dict[str, int]:
        """Each character's advance in device units at the font's size (cached per face)."""
        key = (id(font.face), font.size)
        table = self._units.get(key)
        if table is None:
            table = self._units[key] = {}
        return table

    def width(self, font: ResolvedFont, text: str) -> float:
        """Width of `text` in points as LibreOffice measures it: whole device units a glyph."""
        width, space = self.token_widths(font, text)
        return width + space

    def token_widths(self, font: ResolvedFont, token: str) -> tuple[float, float]:
        """(width without the trailing spaces, width of the trailing spaces) of a token."""
        key = (id(font.face), font.size, token)
        widths = self._tokens.get(key)
        if widths is None:
            table = self._advances(font)
            face, scale = font.face, font.size * PX_PER_PT / 1000.0
            units = 0
            trail = 0
            for ch in token:
                unit = table.get(ch)
                if unit is None:
                    unit = table[ch] = math.floor(
                        face.widths.get(ch, face.default_width) * scale + 0.5 + 1e-9)
                if ch == " ":
                    trail += unit
                else:
                    units += trail + unit
                    trail = 0
            path = getattr(face, "path", "")
            ligatures = font_ligatures(path) if path else None
            if ligatures:
                def char_units(ch: str) -> int:
                    return table[ch]

                def ligature_units(width: float) -> int:
                    return math.floor(width * scale + 0.5 + 1e-9)

                units -= ligature_savings(token.rstrip(" "), ligatures, char_units,
                                          ligature_units)
            widths = self._tokens[key] = (units / PX_PER_PT, trail / PX_PER_PT)
        return widths

    # -- atoms ------------------------------------------------------------------------------

    def atoms(self, para: Paragraph, fields: dict[str, str]) -> list[Atom]:
        """The paragraph's content as break atoms."""
        text = _paragraph_text(para, fields)
        breaks = break_opportunities(text)
        redirects = slash_redirects(text, breaks)
        out: list[Atom] = []
        pos = 0
        for item in para.inlines:
            if isinstance(item, Text):
                self._text_atoms(item, pos, text, breaks, redirects, out)
                pos += len(item.text)
                continue
            if isinstance(item, Tab):
                out.append(Atom("tab", "", self.font_for(item.style)[0], item.style, 0.0))
            elif isinstance(item, LineBreak):
                out.append(Atom("br", "", None, item.style, 0.0))
            elif isinstance(item, PageBreak):
                out.append(Atom("page", "", None, None, 0.0))
            elif isinstance(item, Field):
                value = fields.get(item.kind, "9")
                font, rise = self.font_for(item.style)
                out.append(Atom("field", value, font, item.style, self.width(font, value),
                                breakable=breaks[pos + len(value)], rise=rise))
                out[-1].anchor = item.kind
            elif isinstance(item, InlineObject):
                out.append(Atom("object", "", self.font_for(item.style)[0], item.style,
                                item.width, obj=item))
            elif isinstance(item, Bookmark):
                out.append(Atom("mark", item.name, None, None, 0.0, breakable=False))
            pos += len(_placeholder(item, fields))
        return out

    def _text_atoms(self, item: Text, start: int, para_text: str, breaks: list[bool],
                    redirects: dict[int, int], out: list[Atom]) -> None:
        """Split a run's text (at `start` in the paragraph's text) into tokens ending at break
        opportunities (or before a word joiner), each in a font that has its characters."""
        text, style = item.text, item.style
        font, rise = self.font_for(style)
        fallback = (font.falling_back()
                    if not font.face.covers(text.replace(WORD_JOINER, "")) else None)
        if fallback is not None:
            covered = font.face.widths

            def face_of(ch: str) -> ResolvedFont:
                return font if ch in covered or ch == WORD_JOINER else fallback

            pieces = []
            first = 0
            for i in range(1, len(text) + 1):
                if i == len(text) or face_of(text[i]) is not face_of(text[first]):
                    pieces.append((first, i, face_of(text[first])))
                    first = i
        else:
            pieces = [(0, len(text), font)]
        for first, last, use in pieces:
            begin = first
            ends = [i for i in range(first + 1, last) if breaks[start + i]
                    or text[i] == WORD_JOINER]
            ends.append(last)
            for i in ends:
                at = start + i
                weak = at < len(para_text) and para_text[at] == WORD_JOINER
                # A word joiner has no glyph to draw: it only marks a weak break before it.
                token = text[begin:i].replace(WORD_JOINER, "")
                if token:
                    width, space = self.token_widths(use, token)
                    out.append(Atom("text", token, use, style, width, space, breaks[at],
                                    item.link, item.anchor, rise,
                                    redirect=redirects.get(at, 0), weak=weak))
                begin = i


def _placeholder(item, fields: dict[str, str]) -> str:
    """The characters an inline other than text stands for in the paragraph's text."""
    if isinstance(item, Tab):
        return "\t"
    if isinstance(item, (LineBreak, PageBreak)):
        return "\n"
    if isinstance(item, Field):
        return fields.get(item.kind, "9")
    if isinstance(item, InlineObject):
        return "\ufffc"
    return ""


def _paragraph_text(para: Paragraph, fields: dict[str, str]) -> str:
    """The paragraph as one string (as LibreOffice breaks it): text, with a tab, newline,
    field value or object character for each other inline."""
    return "".join(item.text if isinstance(item, Text) else _placeholder(item, fields)
                   for item in para.inlines)


# -- break opportunities (LibreOffice's tailoring of UAX #14 5.0) -----------------------------

_CLASS = {
    " ": "SP", "\u3000": "SP", "\t": "BA", "\n": "BK", "\u00a0": "GL", "\u202f": "GL",
    "\u2007": "GL", "\u2011": "GL", "\u2060": "WJ", "\ufeff": "WJ", "\u200b": "ZW",
    "-": "HY", "\u2010": "BA", "\u2012": "BA", "\u2013": "BA", "\u00ad": "BA", "\u2014": "B2",
    "/": "SY", "\\": "SY", "(": "OP", "[": "OP", "{": "OP", ")": "CP", "]": "CP", "}": "CL",
    ",": "IS", ".": "IS", ":": "IS", ";": "IS", "!": "EX", "?": "EX", '"': "QU", "'": "QU",
    "\u2018": "QU", "\u2019": "QU", "\u201c": "QU", "\u201d": "QU", "\u00ab": "QU",
    "\u00bb": "QU", "%": "PO", "\u2030": "PO", "\u00a2": "PO", "\u2032": "PO", "\u2033": "PO",
    "+": "PR", "\u2212": "PR", "\u00b1": "PR", "\u2116": "PR", "\u2026": "IN",
    "\ufffc": "CB", "\u00b0": "AL",  # LibreOffice's line.txt makes the degree sign a letter
}
_BY_CATEGORY = {"Nd": "NU", "Zs": "SP", "Ps": "OP", "Pe": "CL", "Pi": "QU", "Pf": "QU",
                "Pd": "BA", "Sc": "PR", "Mn": "CM", "Mc": "CM", "Me": "CM", "Cc": "CM"}
_NUMERIC = frozenset(("NU", "SY", "IS"))


_KNOWN: dict[str, str] = dict(_CLASS)
_KNOWN_MAX = 20_000  # bounds the cache a document with many distinct characters can grow


def line_break_class(ch: str) -> str:
    """The UAX #14 line-break class LibreOffice's rules give a character (approximated from
    the Unicode category beyond the punctuation of Latin text)."""
    cls = _KNOWN.get(ch)
    if cls is None:
        cls = _BY_CATEGORY.get(unicodedata.category(ch), "AL")
        if cls == "AL" and unicodedata.east_asian_width(ch) in ("W", "F"):
            cls = "ID"
        if len(_KNOWN) < _KNOWN_MAX:
            _KNOWN[ch] = cls
    return cls


def break_opportunities(text: str) -> list[bool]:
    """For each index i of `text` (and its end), True when a line may end before text[i]."""
    n = len(text)
    out = [False] * (n + 1)
    out[n] = True
    if n == 0:
        return out
    known = _KNOWN
    classes = [known.get(ch) or line_break_class(ch) for ch in text]
    if "CM" in classes:
        for i, cls in enumerate(classes):  # X CM* takes the class of X
            if cls == "CM" and i > 0:
                classes[i] = classes[i - 1] if classes[i - 1] not in ("SP", "BK") else "AL"
    number = classes[0] == "NU"  # inside NU (NU | SY | IS)*
    before_space = classes[0]  # the class before the current run of spaces
    simple = _SIMPLE
    for i in range(1, n):
        a, b = classes[i - 1], classes[i]
        if a != "SP":
            before_space = a
        answer = simple.get((a, b))
        if answer is None:
            answer = _pair_breaks(a, b, before_space, number, classes, i)
            if a != "SP" and b not in _CONTEXT:
                simple[(a, b)] = answer
        out[i] = answer
        number = b == "NU" or (number and b in _NUMERIC)
    return out


_CONTEXT = frozenset(("NU", "SY", "IS", "PR", "PO", "OP"))
"""Classes after which a pair's answer depends on what came before (numbers, a prefix)."""
_SIMPLE: dict[tuple[str, str], bool] = {}


def slash_redirects(text: str, breaks: list[bool]) -> dict[int, int]:
    """Breaks after "/" that LibreOffice moves back to a space before the slash, at most
    `SLASH_LOOKBACK` characters back: {break index: characters back}."""
    out: dict[int, int] = {}
    start = text.find("/")
    while start >= 0:
        i = start + 1
        if i < len(text) and breaks[i]:
            for j in range(i - 2, max(i - 2 - SLASH_LOOKBACK, -1), -1):
                if text[j].isspace():
                    out[i] = i - (j + 1)
                    break
        start = text.find("/", i)
    return out


def _pair_breaks(a: str, b: str, before_space: str, number: bool, classes: list[str],
                 i: int) -> bool:
    """LibreOffice's rule for a break between classes a and b (UAX #14 5.0 numbering)."""
    if a == "BK":
        return True
    if b in ("SP", "ZW", "BK"):  # LB 6, 7
        return False
    if a == "ZW":  # LB 8
        return True
    if a == "WJ" or b == "WJ" or a == "GL" or (b == "GL" and a != "SP"):  # LB 11, 12
        return False
    if b in ("CL", "CP", "EX", "IS", "SY"):  # LB 13
        return False
    if before_space == "OP":  # LB 14: OP SP* x
        return False
    if (before_space in ("CL", "CP") and b == "NS") or (before_space == "B2" and b == "B2"):
        return False  # LB 16, 17
    if a == "SP":  # LB 18 (LB 15, QU SP* x OP, is off in LibreOffice)
        return True
    if a == "QU" or b == "QU":  # LB 19
        return False
    if a == "CB" or b == "CB":  # LB 20
        return True
    if b in ("BA", "HY", "NS") or a == "BB":  # LB 21
        return False
    if b == "IN" and a in ("AL", "ID", "IN", "NU"):  # LB 22
        return False
    if (a, b) in _GLUED:  # LB 23, 24, 28, 29, 30
        return False
    if a in ("PR", "PO") and (b == "NU" or (b == "OP" and i + 1 < len(classes)
                                            and classes[i + 1] == "NU")):
        return False  # LB 25: a number with its prefix or suffix
    if number and (b in _NUMERIC or b in ("PR", "PO")):
        return False  # LB 25: inside a number, and its closing prefix or suffix
    return True  # LB 31


_GLUED = frozenset((("ID", "PO"), ("AL", "NU"), ("NU", "AL"), ("PR", "ID"), ("AL", "PR"),
                    ("PR", "AL"), ("PO", "AL"), ("AL", "AL"), ("IS", "AL"), ("IS", "NU"),
                    ("AL", "OP"), ("NU", "OP"), ("CL", "AL"), ("CL", "NU")))


def floor_twips(value: float) -> float:
    """Round down to whole twips (LibreOffice keeps line heights in twips)."""
    return math.floor(value * 20 + 1e-6) / 20.0


def make_frag(atom: Atom, x: float, text: str | None = None, width: float | None = None) -> Frag:
    """A fragment for an atom placed at x."""
    return Frag(x, atom.text if text is None else text, atom.font, atom.style,
                atom.width if width is None else width, atom.link, atom.anchor, atom.rise,
                atom.kind, atom.obj)


__all__ = ["Atom", "LineBreaker", "Line", "PX_PER_PT", "TOLERANCE", "break_opportunities",
           "floor_twips", "line_break_class", "make_frag", "slash_redirects"]
