"""A font's standard ligatures ("liga"), read from its GSUB table, for measuring text.

LibreOffice shapes text with HarfBuzz, which applies a font's standard ligatures: Carlito (the
face of Calibri) joins "tt", "ff", "fi", "ft" and more into one narrower glyph, so "committee"
is 0.4 pt narrower at 12 pt than its letters' advances add up to, and lines break later. The
Liberation faces have no such ligatures. Only the widths are used: the text is drawn as letters.
"""

from __future__ import annotations

import logging
import struct
from functools import cache

log = logging.getLogger(__name__)

MAX_LIGATURES = 5_000
"""The most ligatures read from one font: a bound on what a crafted font file can cost."""

Ligatures = dict[str, list[tuple[str, float]]]
"""First character → [(the characters that follow it, the ligature's advance in 1/1000 em)],
in the font's order of preference."""


def _tables(data: bytes) -> dict[bytes, int]:
    """Table directory: tag → offset."""
    count = struct.unpack_from(">H", data, 4)[0]
    return {struct.unpack_from(">4s", data, 12 + 16 * i)[0]:
            struct.unpack_from(">I", data, 20 + 16 * i)[0] for i in range(count)}


def _glyph_chars(data: bytes, cmap: int) -> dict[int, str]:
    """Glyph id → a character mapped to it (Unicode BMP cmap, format 4)."""
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        sub = cmap + offset
        if platform == 3 and encoding == 1 and struct.unpack_from(">H", data, sub)[0] == 4:
            break
    else:
        return {}
    segs = struct.unpack_from(">H", data, sub + 6)[0] // 2
    ends = struct.unpack_from(f">{segs}H", data, sub + 14)
    starts = struct.unpack_from(f">{segs}H", data, sub + 16 + 2 * segs)
    deltas = struct.unpack_from(f">{segs}h", data, sub + 16 + 4 * segs)
    ranges_at = sub + 16 + 6 * segs
    ranges = struct.unpack_from(f">{segs}H", data, ranges_at)
    out: dict[int, str] = {}
    for i in range(segs):
        for code in range(starts[i], min(ends[i], 0xFFFE) + 1):
            if ranges[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                at = ranges_at + 2 * i + ranges[i] + 2 * (code - starts[i])
                glyph = struct.unpack_from(">H", data, at)[0]
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph and glyph not in out:
                out[glyph] = chr(code)
    return out


def _coverage(data: bytes, at: int) -> list[int]:
    """The glyphs of a coverage table, in coverage order."""
    kind, count = struct.unpack_from(">HH", data, at)
    if kind == 1:
        return list(struct.unpack_from(f">{count}H", data, at + 4))
    glyphs: list[int] = []
    for i in range(count):
        start, end, _ = struct.unpack_from(">HHH", data, at + 4 + 6 * i)
        glyphs.extend(range(start, end + 1))
    return glyphs


def _liga_lookups(data: bytes, gsub: int) -> list[int]:
    """Indices of the lookups of every 'liga' feature."""
    features = gsub + struct.unpack_from(">H", data, gsub + 6)[0]
    out: list[int] = []
    for i in range(struct.unpack_from(">H", data, features)[0]):
        tag, offset = struct.unpack_from(">4sH", data, features + 2 + 6 * i)
        if tag == b"liga":
            table = features + offset
            count = struct.unpack_from(">H", data, table + 2)[0]
            out.extend(i for i in struct.unpack_from(f">{count}H", data, table + 4)
                       if i not in out)
    return out


def _subtables(data: bytes, lookups: int, index: int) -> list[int]:
    """Offsets of a lookup's ligature substitution subtables (through extensions)."""
    lookup = lookups + struct.unpack_from(">H", data, lookups + 2 + 2 * index)[0]
    kind, _, count = struct.unpack_from(">HHH", data, lookup)
    out = []
    for i in range(count):
        sub = lookup + struct.unpack_from(">H", data, lookup + 6 + 2 * i)[0]
        if kind == 7:
            real, offset = struct.unpack_from(">HI", data, sub + 2)
            if real == 4:
                out.append(sub + offset)
        elif kind == 4:
            out.append(sub)
    return out


@cache
def font_ligatures(path: str) -> Ligatures:
    """The standard ligatures of a TrueType file (empty when it has none or is unreadable)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        return _read(data)
    except (OSError, struct.error, KeyError, ValueError) as exc:
        log.debug("no ligatures read from %s: %s", path, exc)
        return {}


def _read(data: bytes) -> Ligatures:
    """Ligatures of a font's bytes."""
    tables = _tables(data)
    if b"GSUB" not in tables:
        return {}
    gsub = tables[b"GSUB"]
    units = struct.unpack_from(">H", data, tables[b"head"] + 18)[0]
    metrics = struct.unpack_from(">H", data, tables[b"hhea"] + 34)[0]
    chars = _glyph_chars(data, tables[b"cmap"])
    lookups = gsub + struct.unpack_from(">H", data, gsub + 8)[0]

    def advance(glyph: int) -> float:
        at = tables[b"hmtx"] + 4 * min(glyph, metrics - 1)
        return struct.unpack_from(">H", data, at)[0] * 1000.0 / units

    out: Ligatures = {}
    found = 0
    for index in _liga_lookups(data, gsub):
        for sub in _subtables(data, lookups, index):
            firsts = _coverage(data, sub + struct.unpack_from(">H", data, sub + 2)[0])
            for k, first in enumerate(firsts[:struct.unpack_from(">H", data, sub + 4)[0]]):
                start = sub + struct.unpack_from(">H", data, sub + 6 + 2 * k)[0]
                for j in range(struct.unpack_from(">H", data, start)[0]):
                    lig = start + struct.unpack_from(">H", data, start + 2 + 2 * j)[0]
                    glyph, count = struct.unpack_from(">HH", data, lig)
                    rest = struct.unpack_from(f">{count - 1}H", data, lig + 4)
                    if first in chars and all(g in chars for g in rest):
                        out.setdefault(chars[first], []).append(
                            ("".join(chars[g] for g in rest), advance(glyph)))
                        found += 1
                    if found >= MAX_LIGATURES:
                        return out
    return out


def ligature_savings(text: str, ligatures: Ligatures, char_units, ligature_units) -> int:
    """How many device units narrower `text` is with its ligatures: `char_units(ch)` is a
    character's rounded advance, `ligature_units(width)` rounds a ligature's (1/1000 em)."""
    saved = 0
    i = 0
    while i < len(text):
        for rest, width in ligatures.get(text[i], ()):
            if rest and text.startswith(rest, i + 1):
                parts = text[i:i + 1 + len(rest)]
                saved += sum(char_units(ch) for ch in parts) - ligature_units(width)
                i += len(rest)
                break
        i += 1
    return saved
