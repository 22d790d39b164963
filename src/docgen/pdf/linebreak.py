"""Greedy line breaking with plain advance widths, as LibreOffice breaks Word text.

Breaks are allowed after spaces and after - ‐ – — ? ! (never after /); a word too long for a
line starts a new line and is then split by character. Spaces never shrink.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass

from .fonts import FontSet, ResolvedFont
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

_TOKEN = re.compile(r"[^ \-\u2010\u2013\u2014?!]*[\-\u2010\u2013\u2014?!]* *")
_BREAK_AFTER = frozenset(" -\u2010\u2013\u2014?!")
# LibreOffice rejects a word overhanging the line by a few hundredths of a point (tuned on
# the example report against LibreOffice 7.4).
TOLERANCE = -0.04
SUPER_SCALE = 0.58


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


class LineBreaker:
    """Break atoms of paragraphs for one document's fonts; `linefill.LineFiller` fills lines."""

    def __init__(self, fonts: FontSet, default_tab: float):
        self.fonts = fonts
        self.default_tab = default_tab

    def font_for(self, style: RunStyle) -> tuple[ResolvedFont, float]:
        """The font to draw a style with and its baseline rise (super/subscript)."""
        if style.vert_align == "superscript":
            return self.fonts.resolve(style, style.size * SUPER_SCALE), style.size * 0.33
        if style.vert_align == "subscript":
            return self.fonts.resolve(style, style.size * SUPER_SCALE), -style.size * 0.08
        return self.fonts.resolve(style), 0.0

    def atoms(self, para: Paragraph, fields: dict[str, str]) -> list[Atom]:
        """The paragraph's content as break atoms."""
        out: list[Atom] = []
        for item in para.inlines:
            if isinstance(item, Text):
                self._text_atoms(item.text, item.style, item.link, item.anchor, out)
            elif isinstance(item, Tab):
                out.append(Atom("tab", "", self.font_for(item.style)[0], item.style, 0.0))
            elif isinstance(item, LineBreak):
                out.append(Atom("br", "", None, item.style, 0.0))
            elif isinstance(item, PageBreak):
                out.append(Atom("page", "", None, None, 0.0))
            elif isinstance(item, Field):
                text = fields.get(item.kind, "9")
                font, rise = self.font_for(item.style)
                out.append(Atom("field", text, font, item.style, font.width(text),
                                breakable=False, rise=rise))
                out[-1].anchor = item.kind
            elif isinstance(item, InlineObject):
                out.append(Atom("object", "", self.font_for(item.style)[0], item.style,
                                item.width, obj=item))
            elif isinstance(item, Bookmark):
                out.append(Atom("mark", item.name, None, None, 0.0, breakable=False))
        return out

    def _text_atoms(self, text: str, style: RunStyle, link, anchor, out: list[Atom]) -> None:
        """Split text into tokens ending at break opportunities, with font fallback."""
        # A word joiner only keeps Word from breaking between a sign and a currency symbol;
        # this breaker never breaks there, and the joiner has no glyph to draw.
        text = text.replace("\u2060", "")
        font, rise = self.font_for(style)
        if font.fallback is not None and not font.face.covers(text):
            self._fallback_atoms(text, style, font, rise, link, anchor, out)
            return
        self._plain_atoms(text, style, font, rise, link, anchor, out)

    def _fallback_atoms(self, text, style, font, rise, link, anchor, out) -> None:
        """Text whose characters are partly missing from the main font: split by coverage."""
        from dataclasses import replace

        fallback = replace(font, face=font.fallback, fallback=None)
        start = 0
        covered = font.face.widths
        for i in range(1, len(text) + 1):
            if i == len(text) or (text[i] in covered) != (text[start] in covered):
                piece = text[start:i]
                use = font if piece[0] in covered else fallback
                before = len(out)
                self._plain_atoms(piece, style, use, rise, link, anchor, out)
                if i < len(text) and len(out) > before and out[-1].text[-1:] not in _BREAK_AFTER:
                    out[-1].breakable = False
                start = i

    def _plain_atoms(self, text, style, font, rise, link, anchor, out) -> None:
        """Tokens of text in one given font."""
        face, size = font.face, font.size
        for index, token in enumerate(_TOKEN.findall(text)):
            if not token:
                continue
            width, space = face.token_widths(token, size)
            last = token[-1]
            # A lone hyphen opening the text (a minus sign) does not end a line.
            breakable = last in _BREAK_AFTER and not (
                last in "-\u2010" and index == 0 and len(token.rstrip(" ")) == 1)
            out.append(Atom("text", token, font, style, width, space, breakable, link, anchor,
                            rise))


def floor_twips(value: float) -> float:
    """Round down to whole twips (LibreOffice keeps line heights in twips)."""
    return math.floor(value * 20 + 1e-6) / 20.0


def make_frag(atom: Atom, x: float, text: str | None = None, width: float | None = None) -> Frag:
    """A fragment for an atom placed at x."""
    return Frag(x, atom.text if text is None else text, atom.font, atom.style,
                atom.width if width is None else width, atom.link, atom.anchor, atom.rise,
                atom.kind, atom.obj)


__all__ = ["Atom", "LineBreaker", "Line", "floor_twips", "make_frag", "TOLERANCE"]
