"""Advance widths straight from a TrueType file (cmap + hmtx), without reportlab's slow load.

LibreOffice measures Arial text with Liberation Sans (Calibri with Carlito, ...); docgen
measures with the widths and line metrics of the very file it embeds.
"""

from __future__ import annotations

import logging
import struct
from functools import cache

log = logging.getLogger(__name__)


def _tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    """Table directory: tag → (offset, length)."""
    count = struct.unpack_from(">H", data, 4)[0]
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        out[tag] = (offset, length)
    return out


def _cmap_format4(data: bytes, offset: int) -> dict[int, int]:
    """Code point → glyph id from a format 4 subtable."""
    seg_x2 = struct.unpack_from(">H", data, offset + 6)[0]
    segs = seg_x2 // 2
    ends = struct.unpack_from(f">{segs}H", data, offset + 14)
    starts = struct.unpack_from(f">{segs}H", data, offset + 16 + seg_x2)
    deltas = struct.unpack_from(f">{segs}h", data, offset + 16 + 2 * seg_x2)
    range_pos = offset + 16 + 3 * seg_x2
    ranges = struct.unpack_from(f">{segs}H", data, range_pos)
    out: dict[int, int] = {}
    for i in range(segs):
        start, end, delta, rng = starts[i], ends[i], deltas[i], ranges[i]
        if start == 0xFFFF:
            continue
        for code in range(start, end + 1):
            if rng == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                pos = range_pos + 2 * i + rng + 2 * (code - start)
                glyph = struct.unpack_from(">H", data, pos)[0]
                if glyph:
                    glyph = (glyph + delta) & 0xFFFF
            if glyph:
                out[code] = glyph
    return out


@cache
def ttf_widths(path: str) -> dict[str, float]:
    """Character → advance width in 1/1000 em for every character the font maps."""
    with open(path, "rb") as handle:
        data = handle.read()
    tables = _tables(data)
    units = struct.unpack_from(">H", data, tables[b"head"][0] + 18)[0]
    metrics_count = struct.unpack_from(">H", data, tables[b"hhea"][0] + 34)[0]
    hmtx = tables[b"hmtx"][0]
    advances = struct.unpack_from(f">{metrics_count * 2}H", data, hmtx)[0::2]
    cmap_offset = tables[b"cmap"][0]
    count = struct.unpack_from(">H", data, cmap_offset + 2)[0]
    mapping: dict[int, int] = {}
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, cmap_offset + 4 + 8 * i)
        sub_offset = cmap_offset + sub
        if platform == 3 and encoding == 1 and struct.unpack_from(">H", data, sub_offset)[0] == 4:
            mapping = _cmap_format4(data, sub_offset)
            break
    scale = 1000.0 / units
    last = advances[-1]
    return {chr(code): (advances[g] if g < metrics_count else last) * scale
            for code, g in mapping.items()}


@cache
def ttf_line_metrics(path: str) -> tuple[float, float, float]:
    """(ascent, descent, line gap) per em as LibreOffice 7.4 takes them from a font file.

    The hhea table's values, unless the OS/2 table sets USE_TYPO_METRICS (then its typo
    values) or hhea is empty (then OS/2's Windows ascent and descent, no gap).
    """
    with open(path, "rb") as handle:
        data = handle.read()
    tables = _tables(data)
    units = struct.unpack_from(">H", data, tables[b"head"][0] + 18)[0]
    asc, desc, gap = struct.unpack_from(">hhh", data, tables[b"hhea"][0] + 4)
    ascent, descent, line_gap = float(asc), float(-desc), float(gap)
    if b"OS/2" in tables:
        os2 = tables[b"OS/2"][0]
        selection = struct.unpack_from(">H", data, os2 + 62)[0]
        typo_asc, typo_desc, typo_gap, win_asc, win_desc = struct.unpack_from(
            ">hhhHH", data, os2 + 68)
        if ascent == 0 and descent == 0:
            ascent, descent, line_gap = float(win_asc), float(win_desc), 0.0
        if selection & 0x80 and typo_asc >= 0 and typo_desc <= 0:
            ascent, descent, line_gap = float(typo_asc), float(-typo_desc), float(typo_gap)
    return ascent / units, descent / units, line_gap / units
