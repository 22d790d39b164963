"""Fonts: Word family → the TrueType face LibreOffice uses, its widths and line metrics.

Every face is the font file fontconfig picks for the family, as LibreOffice picks it (see
`fontconfig`): Carlito for Calibri, Caladea for Cambria, Liberation Sans Narrow for Arial
Narrow, Liberation Sans/Serif/Mono for Arial/Times New Roman/Courier New, DejaVu for families
with no substitute of the same widths. Widths and line metrics are read from that same file,
and the file is embedded (subset by reportlab) when the face is first drawn: no PDF of docgen's
uses an unembedded standard font. A family drawn with a face of other widths is reported
(`FontSet.problems`), naming the family and the face used.
"""

from __future__ import annotations

import logging
import math
import os
from dataclasses import dataclass, field, replace
from functools import cache

from . import fontconfig
from .fontconfig import category, find_font_file
from .model import RunStyle
from .ttf_metrics import ttf_line_metrics, ttf_widths

log = logging.getLogger(__name__)

SMALL_CAPS_SCALE = 0.8
"""Size of a small-caps run's lowercase letters (drawn as capitals) against its own size:
LibreOffice's SMALL_CAPS_PERCENTAGE, 80, which it applies to .docx files."""
MAX_FONT_PROBLEMS = 10
"""Fonts named one by one in the warnings; the rest are counted."""
_DEJAVU = ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique")
_VERA = ("Vera", "VeraBd", "VeraIt", "VeraBI")
# Liberation Sans hhea metrics (per em), used when no font file can be read at all.
_DEFAULT_METRICS = (1854 / 2048, 434 / 2048, 67 / 2048)

__all__ = ["FontFace", "FontSet", "ResolvedFont", "SMALL_CAPS_SCALE", "category",
           "chart_font_names", "face_for_file", "family_widths", "find_font_file"]


@dataclass
class FontFace:
    """One TrueType face: its PDF name, file, widths per character (1/1000 em) and coverage.

    The file is registered with reportlab (and so embedded) only when `pdf_name` is first
    asked for, that is when the face is drawn: faces only measured cost no font loading.
    """

    name: str
    widths: dict[str, float]
    default_width: float
    path: str = ""
    metrics: tuple[float, float, float] = _DEFAULT_METRICS
    _cache: dict[str, float] = field(default_factory=dict)
    _tokens: dict[tuple[str, float], tuple[float, float]] = field(default_factory=dict)
    _registered: bool = False

    @property
    def embedded(self) -> bool:
        """Always True: every face is a TrueType file embedded in the PDF."""
        return True

    def pdf_name(self) -> str:
        """The face's name for reportlab, registering (embedding) its file on first use."""
        if not self._registered:
            _register(self.name, self.path)
            self._registered = True
        return self.name

    def covers(self, text: str) -> bool:
        """True when every character of `text` has a glyph in this font."""
        return self.widths.keys() >= set(text)  # a set comparison runs in C, per character

    def units(self, text: str) -> float:
        """Advance width of `text` in 1/1000 em (plain advances, no kerning)."""
        cached = self._cache.get(text)
        if cached is None:
            get = self.widths.get
            default = self.default_width
            cached = self._cache[text] = sum(get(ch, default) for ch in text)
        return cached

    def token_widths(self, token: str, size: float) -> tuple[float, float]:
        """(width without the trailing spaces, width of the trailing spaces) of a line-break
        token at `size`, in points (cached: the same words recur throughout documents)."""
        key = (token, size)
        widths = self._tokens.get(key)
        if widths is None:
            scale = size / 1000.0
            stripped = token.rstrip(" ")
            space = self.units(token[len(stripped):]) * scale if len(stripped) < len(token) else 0
            widths = self._tokens[key] = (self.units(token) * scale - space, space)
        return widths


@cache
def _register(name: str, path: str) -> None:
    """Register a TrueType file with reportlab under `name` (once per process)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(name, path))


_names: dict[str, str] = {}


@cache
def face_for_file(path: str) -> FontFace | None:
    """The face of a TrueType file (widths read directly, not yet registered); None when the
    file cannot be read."""
    try:
        widths = ttf_widths(path)
        metrics = ttf_line_metrics(path)
    except (OSError, KeyError, ValueError, IndexError) as exc:
        log.warning("could not read the font file %s: %s", path, exc)
        return None
    if not widths:
        return None
    stem = os.path.splitext(os.path.basename(path))[0].replace(" ", "")
    name = _names.setdefault(path, stem if stem not in _names.values()
                             else f"{stem}-{len(_names)}")
    # A character the face lacks is measured as "?" (the line breaker draws it from the glyph
    # fallback face when that has it).
    default = widths.get("?", 500.0)
    return FontFace(name, widths, default, path, metrics)


@cache
def _vera_face(variant: int) -> FontFace | None:
    """reportlab's own Vera face: the last resort when no system font can be read."""
    import reportlab

    path = os.path.join(os.path.dirname(reportlab.__file__), "fonts", _VERA[variant] + ".ttf")
    return face_for_file(path) if os.path.exists(path) else None


@cache
def _glyph_fallback(variant: int) -> FontFace | None:
    """The face for characters the chosen face lacks (DejaVu Sans, which covers most)."""
    path = find_font_file(_DEJAVU[variant])
    face = face_for_file(path) if path else None
    return face or _vera_face(variant)


def _variant(style: RunStyle) -> int:
    """Index into (regular, bold, italic, bold italic)."""
    return (1 if style.bold else 0) + (2 if style.italic else 0)


def family_face(family: str, bold: bool, italic: bool) -> tuple[FontFace, str]:
    """(face, family name used) for a Word family: fontconfig's choice, else DejaVu/Vera."""
    found = fontconfig.match(family, bold, italic)
    face = face_for_file(found.path) if found is not None else None
    if face is not None:
        return face, found.family
    variant = (1 if bold else 0) + (2 if italic else 0)
    face = _glyph_fallback(variant)
    if face is None:
        raise RuntimeError("no TrueType font could be found or read (install fonts-liberation "
                           "or fonts-dejavu-core)")
    return face, "DejaVu Sans" if face.path and "DejaVu" in face.path else "Vera"


def family_widths(family: str, bold: bool, italic: bool) -> tuple[dict[str, float], float]:
    """Advance widths (1/1000 em) and the width of an unknown character of the face a family
    is drawn with (for estimates made before the PDF engine runs)."""
    face = family_face(family or "Arial", bold, italic)[0]
    return face.widths, face.default_width


def chart_font_names() -> tuple[str, str]:
    """Registered (regular, bold) face names for chart text: the faces of Arial."""
    return (family_face("Arial", False, False)[0].pdf_name(),
            family_face("Arial", True, False)[0].pdf_name())


@dataclass(frozen=True)
class ResolvedFont:
    """A run style's font: face, size and line metrics in points (baseline offsets)."""

    face: FontFace
    size: float
    top: float
    bottom: float
    fallback_variant: int | None = None
    """Which face of the glyph fallback (DejaVu Sans) draws the characters `face` lacks: read
    only when a text has such a character (most documents have none)."""

    def width(self, text: str) -> float:
        """Width of `text` in points."""
        return self.face.units(text) * self.size / 1000.0

    @property
    def fallback(self) -> FontFace | None:
        """The face for characters `face` lacks, or None (no fallback, or it is `face`)."""
        if self.fallback_variant is None:
            return None
        face = _glyph_fallback(self.fallback_variant)
        return None if face is self.face else face

    def falling_back(self) -> ResolvedFont | None:
        """This font in its fallback face (with no fallback of its own), or None."""
        face = self.fallback
        return None if face is None else replace(self, face=face, fallback_variant=None)


def line_metrics(metrics: tuple[float, float, float], size: float) -> tuple[float, float]:
    """(ascent with the line gap above it, descent) in points of a face at `size`, as
    LibreOffice 7.4 lays out a .docx: the font is scaled on its reference device of 8,640
    units an inch (six per twip), ascent, descent and gap are each rounded there, then
    ascent + descent and the gap are each rounded to twips (vcl ImplCalcLineSpacing, sw
    SwFntObj::GetFontHeight/GetFontAscent). Matches LibreOffice's line advance for Liberation
    Sans/Serif, Carlito and Caladea at every half point from 7 to 28 pt; rounding ascent, gap
    and descent separately in twips is 0.05 pt off at 1 size in 3."""
    asc, desc, gap = metrics
    height = math.floor(size * 120 + 0.5)
    a, d, g = (math.floor(v * height + 0.5) for v in (asc, desc, gap))
    leading = math.floor(g / 6 + 0.5)
    ascent = math.floor(a / 6 + 0.5) + leading
    total = math.floor((a + d) / 6 + 0.5) + leading
    return ascent / 20.0, (total - ascent) / 20.0


class FontSet:
    """Resolves run styles to fonts for one document, caching every answer and noting each
    family drawn with a face of other widths. Every face is embedded.
    """

    def __init__(self) -> None:
        self._cache: dict[tuple[RunStyle, float], ResolvedFont] = {}
        self._substituted: dict[str, str] = {}

    def resolve(self, style: RunStyle, size: float | None = None) -> ResolvedFont:
        """The font for a run style, at `size` (default the style's size; a small-caps piece
        at `SMALL_CAPS_SCALE` of it)."""
        size = style.size if size is None else size
        key = (style, size)
        font = self._cache.get(key)
        if font is None:
            font = self._cache[key] = self._resolve(style, size)
        return font

    def first_face_name(self) -> str:
        """The registered name of the first face laid out (the canvas's initial font, so
        that no face is embedded only for that); Arial's face when none was."""
        for font in self._cache.values():
            return font.face.pdf_name()
        return chart_font_names()[0]

    def problems(self) -> list[str]:
        """One message per family drawn with a face whose widths differ from its own (the
        first `MAX_FONT_PROBLEMS`, then one message counting the rest)."""
        found = sorted(self._substituted.items())
        out = [f"the font '{family}' is not installed and has no substitute with its widths: "
               f"it was measured and printed with {used} (as LibreOffice does), so lines may "
               "break differently from Word" for family, used in found[:MAX_FONT_PROBLEMS]]
        if len(found) > MAX_FONT_PROBLEMS:
            out.append(f"{len(found) - MAX_FONT_PROBLEMS} more fonts are not installed and have "
                       "no substitute with their widths")
        return out

    def _resolve(self, style: RunStyle, size: float) -> ResolvedFont:
        """Pick the face and compute line metrics rounded to twips as LibreOffice does."""
        face, used = family_face(style.font, style.bold, style.italic)
        requested = style.font.strip()
        if requested and not fontconfig.FontMatch(used, face.path).compatible_with(requested):
            self._substituted.setdefault(requested, used)
        if style.small_caps:  # LibreOffice scales the size in whole twips, rounding down
            size = math.floor(size * 20 * SMALL_CAPS_SCALE + 1e-6) / 20
        top, bottom = line_metrics(face.metrics, style.size)
        return ResolvedFont(face, size, top, bottom, _variant(style))
