"""Units and values of WordprocessingML as the PDF engine reads them.

Names, namespaces and element helpers are `docgen.ooxml`'s; this module keeps the conversions
only the PDF engine needs: twips and EMUs to points, colours, drawable text.
"""

from __future__ import annotations

import re

from ..ooxml.ns import C_NS, PIC_NS

CHART_URI = C_NS
"""The `a:graphicData` uri of a chart."""
PICTURE_URI = PIC_NS
"""The `a:graphicData` uri of a picture."""

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def twips(value: str | None, default: float | None = None) -> float | None:
    """Points from a twentieths-of-a-point attribute value (tolerates '720.0' and junk)."""
    if value is None:
        return default
    try:
        return float(value) / 20.0
    except ValueError:
        return default


def emu(value: str | None) -> float:
    """Points from an English Metric Unit attribute value."""
    try:
        return int(value or 0) / 12700.0
    except ValueError:
        return 0.0


def clean_text(text: str) -> str:
    """`text` without characters that cannot appear in XML or be drawn (controls, surrogates)."""
    return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


def hex_colour(value: str | None) -> str | None:
    """'RRGGBB' from a Word colour attribute, None for 'auto' or anything malformed."""
    if not value or value.lower() == "auto" or len(value) != 6:
        return None
    try:
        int(value, 16)
    except ValueError:
        return None
    return value.upper()
