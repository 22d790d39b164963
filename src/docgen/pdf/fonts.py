"""Fonts: Word family → PDF font, width tables and LibreOffice-like line metrics (cached).

Standard PDF fonts (Helvetica, Times, Courier) are used when every character of the document
is in Windows-1252; otherwise Liberation TrueType fonts (DejaVu, then reportlab's Vera as
fallbacks) are embedded so that characters such as ŵ ŷ print.
"""

from __future__ import annotations

import logging
import os
import struct
from dataclasses import dataclass, field
from functools import cache

from .model import RunStyle
from .ttf_metrics import ttf_widths

log = logging.getLogger(__name__)

FONT_DIRS = ("/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/liberation2",
             "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/TTF",
             "/usr/share/fonts/liberation")
_STANDARD = {
    "sans": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
    "serif": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
    "mono": ("Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique"),
}
_LIBERATION = {
    "sans": ("LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic",
             "LiberationSans-BoldItalic"),
    "serif": ("LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic",
              "LiberationSerif-BoldItalic"),
    "mono": ("LiberationMono-Regular", "LiberationMono-Bold", "LiberationMono-Italic",
             "LiberationMono-BoldItalic"),
}
_DEJAVU = {
    "sans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    "serif": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"),
    "mono": ("DejaVuSansMono", "DejaVuSansMono-Bold", "DejaVuSansMono-Oblique",
             "DejaVuSansMono-BoldOblique"),
}
_VERA = ("Vera", "VeraBd", "VeraIt", "VeraBI")
_SERIF_HINTS = ("times", "georgia", "garamond", "cambria", "antiqua", "palatino", "century",
                "baskerville", "minion", "constantia", "bookman", "serif")
_MONO_HINTS = ("courier", "consolas", "mono", "lucida console", "menlo")
# Liberation Sans hhea metrics (per em), used when the font files are missing.
_DEFAULT_METRICS = (1854 / 2048, 434 / 2048, 67 / 2048)


def category(family: str) -> str:
    """'sans', 'serif' or 'mono' for a Word font family name (unknown → sans)."""
    name = family.lower()
    if "sans" not in name and any(h in name for h in _SERIF_HINTS):
        return "serif"
    if any(h in name for h in _MONO_HINTS):
        return "mono"
    return "sans"


def find_font_file(stem: str) -> str | None:
    """Path of a system TrueType font file named `stem`.ttf, or None."""
    for folder in FONT_DIRS:
        path = os.path.join(folder, stem + ".ttf")
        if os.path.exists(path):
            return path
    return None


@cache
def line_metrics(cat: str) -> tuple[float, float, float]:
    """(ascent, descent, line gap) per em from the Liberation font's hhea table."""
    path = find_font_file(_LIBERATION[cat][0])
    if path is None:
        return _DEFAULT_METRICS
    try:
        return _read_hhea(path)
    except (OSError, struct.error, KeyError):
        log.warning("could not read metrics from %s", path)
        return _DEFAULT_METRICS


def _read_hhea(path: str) -> tuple[float, float, float]:
    """Read unitsPerEm and hhea ascender/descender/lineGap without loading the whole font."""
    with open(path, "rb") as f:
        data = f.read(4096)
        num_tables = struct.unpack(">H", data[4:6])[0]
        tables = {}
        for i in range(num_tables):
            tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * i: 28 + 16 * i])
            tables[tag] = offset
        f.seek(tables[b"head"] + 18)
        units = struct.unpack(">H", f.read(2))[0]
        f.seek(tables[b"hhea"] + 4)
        asc, desc, gap = struct.unpack(">hhh", f.read(6))
    return asc / units, -desc / units, gap / units


@dataclass
class FontFace:
    """One concrete PDF font: its name, widths per character (1/1000 em) and coverage."""

    name: str
    widths: dict[str, float]
    default_width: float
    embedded: bool
    _cache: dict[str, float] = field(default_factory=dict)
    _tokens: dict[tuple[str, float], tuple[float, float]] = field(default_factory=dict)

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


@dataclass(frozen=True)
class ResolvedFont:
    """A run style's font: face, size and line metrics in points (baseline offsets)."""

    face: FontFace
    size: float
    top: float
    bottom: float
    fallback: FontFace | None = None

    def width(self, text: str) -> float:
        """Width of `text` in points."""
        return self.face.units(text) * self.size / 1000.0


@cache
def standard_face(name: str, measure_with: str | None = None) -> FontFace:
    """A FontFace for one of the 14 standard PDF fonts.

    Widths come from the Liberation font `measure_with` (what LibreOffice measures with)
    when it is installed, else from the standard font's own AFM widths.
    """
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(name)
    afm: dict[str, float] = {}
    for code, width in enumerate(font.widths):
        try:
            ch = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
        if code >= 32:
            afm[ch] = float(width)
    widths = afm
    path = find_font_file(measure_with) if measure_with else None
    if path is not None:
        liberation = ttf_widths(path)
        widths = {ch: liberation.get(ch, w) for ch, w in afm.items()}
    widths["\xa0"] = widths.get(" ", 278.0)
    # reportlab encodes U+2022 as code 127, which text extraction cannot read back; bullets
    # are drawn from the Symbol font instead (see `symbol_face`).
    widths.pop("\u2022", None)
    return FontFace(name, widths, widths.get("?", 500.0), False)


@cache
def symbol_face() -> FontFace:
    """The standard Symbol font, used for the bullet character with standard fonts."""
    return FontFace("Symbol", {"\u2022": 460.0}, 460.0, False)


@cache
def truetype_face(stem: str) -> FontFace | None:
    """Register and return a system TrueType font (or reportlab's Vera), None if missing."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = find_font_file(stem)
    if path is None and stem in _VERA:
        import reportlab

        path = os.path.join(os.path.dirname(reportlab.__file__), "fonts", stem + ".ttf")
    if path is None or not os.path.exists(path):
        return None
    font = TTFont(stem, path)
    pdfmetrics.registerFont(font)
    widths = {chr(code): float(wd) for code, wd in font.face.charWidths.items()}
    return FontFace(stem, widths, float(font.face.defaultWidth), True)


def _variant(style: RunStyle) -> int:
    """Index into the (regular, bold, italic, bold italic) tuples."""
    return (1 if style.bold else 0) + (2 if style.italic else 0)


class FontSet:
    """Resolves run styles to fonts for one document, caching every answer."""

    def __init__(self, embed: bool):
        self.embed = embed
        self._cache: dict[tuple[RunStyle, float], ResolvedFont] = {}

    @staticmethod
    def needs_embedding(texts: list[str]) -> bool:
        """True when some text is not in Windows-1252 (standard fonts cannot show it)."""
        for text in texts:
            try:
                text.encode("cp1252")
            except UnicodeEncodeError:
                return True
        return False

    def resolve(self, style: RunStyle, size: float | None = None) -> ResolvedFont:
        """The font for a run style, at `size` (default the style's size)."""
        size = style.size if size is None else size
        key = (style, size)
        font = self._cache.get(key)
        if font is None:
            font = self._cache[key] = self._resolve(style, size)
        return font

    def _resolve(self, style: RunStyle, size: float) -> ResolvedFont:
        """Pick the face and compute line metrics rounded to twips as LibreOffice does."""
        cat = category(style.font)
        var = _variant(style)
        face = fallback = None
        if self.embed:
            face = truetype_face(_LIBERATION[cat][var]) or truetype_face(_DEJAVU[cat][var])
            fallback = truetype_face(_DEJAVU["sans"][var]) or truetype_face(_VERA[var])
            face = face or fallback
        if face is None:
            face = standard_face(_STANDARD[cat][var], _LIBERATION[cat][var])
            fallback = symbol_face()
        asc, desc, gap = line_metrics(cat)
        base = style.size
        top = (round(asc * base * 20) + round(gap * base * 20)) / 20.0
        bottom = round(desc * base * 20) / 20.0
        return ResolvedFont(face, size, top, bottom, fallback if fallback is not face else None)
