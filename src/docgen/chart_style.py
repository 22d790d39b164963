"""How chart series look, in the Word chart and the PDF alike: palette, dashes, markers and
hatches, the sizes of text, lines and markers, and how a value prints in alt text.

Nothing here knows DrawingML elements or the PDF canvas: the Word writer (`charts`) names
these presets in the chart XML, and the PDF drawer (`pdf.chart_drawing`) draws them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SeriesStyle:
    """How one series looks: its colour, and what tells it apart without colour.

    A line series has a dash and a marker (filled, or `hollow`: white inside, outlined in the
    colour); a bar series has a hatch `pattern` ("" for a solid fill). Colours are RGB hex,
    the rest DrawingML preset names.
    """

    colour: str
    dash: str
    marker: str
    hollow: bool
    pattern: str


# One style per series index, written into the Word chart and drawn by the PDF engine alike.
# Colours: the GOV.UK analysis function's six, then six more; each has at least 3:1 contrast
# against white (WCAG 1.4.11, non-text contrast) and no two are closer than 17 CIEDE2000.
# Markers: no two alike (five shapes filled, then hollow, plus "x" and "plus"), so the marker
# alone names the series. Dashes: Word offers eight; series sharing one differ in marker shape
# too, so a viewer that fills every marker (LibreOffice does) still tells all twelve apart.
# Patterns: solid, then eleven hatches no two alike in direction, density or dashing.
SERIES_STYLES = (
    SeriesStyle("12436D", "solid", "circle", False, ""),
    SeriesStyle("F46A25", "dash", "square", False, "wdUpDiag"),
    SeriesStyle("28A197", "sysDot", "triangle", False, "smCheck"),
    SeriesStyle("801650", "lgDashDot", "diamond", False, "wdDnDiag"),
    SeriesStyle("3D3D3D", "sysDash", "x", False, "dkHorz"),
    SeriesStyle("A285D1", "lgDashDotDot", "star", False, "dkVert"),
    SeriesStyle("C0392B", "lgDash", "triangle", True, "diagCross"),
    SeriesStyle("3B7D23", "dashDot", "diamond", True, "lgGrid"),
    SeriesStyle("1F78B4", "dash", "circle", True, "dashUpDiag"),
    SeriesStyle("8F5B00", "solid", "square", True, "dashHorz"),
    SeriesStyle("CC3399", "sysDash", "star", True, "dashDnDiag"),
    SeriesStyle("6A3D9A", "sysDot", "plus", False, "dashVert"),
)
DISTINCT_SERIES = len(SERIES_STYLES)
WHITE = "FFFFFF"

# Sizes in points, written into the Word chart and drawn by the PDF engine alike.
FONT_PT = 9
"""The chart's text: tick and category labels, legend, axis titles (data labels 1 pt less)."""
TITLE_PT = 11
LINE_PT = 2.0
"""A line series' width."""
OUTLINE_PT = 0.75
"""A bar's outline."""
HOLLOW_OUTLINE_PT = 1.5
"""A hollow marker's outline, all there is of it in Word, so drawn thicker."""
MARKER_SIZE = 7
"""A line series' marker, in points across."""


def series_style(index: int) -> SeriesStyle:
    """Return the style of series `index` (from 0); past the last style they start again."""
    return SERIES_STYLES[index % DISTINCT_SERIES]


# DrawingML preset dashes, in multiples of the line width.
DASHES = {
    "dash": (4, 3),
    "sysDash": (3, 1),
    "sysDot": (1, 1),
    "dot": (1, 3),
    "lgDash": (8, 3),
    "dashDot": (4, 3, 1, 3),
    "sysDashDot": (3, 1, 1, 1),
    "lgDashDot": (8, 3, 1, 3),
    "lgDashDotDot": (8, 3, 1, 3, 1, 3),
    "sysDashDotDot": (3, 1, 1, 1, 1, 1),
}
HATCH_DASH = (1.5, 1.5)


def dash_array(name: str, width: float) -> tuple[float, ...] | None:
    """Return a dash array for a DrawingML preset dash at line width `width` (None: solid)."""
    pattern = DASHES.get(name)
    return tuple(part * width for part in pattern) if pattern else None


@dataclass(frozen=True)
class Hatch:
    """How a DrawingML pattern is drawn: line directions ('/', '\\', '-', '|'), spacing, dash."""

    directions: tuple[str, ...]
    gap: float
    dash: tuple[float, ...] | None = None


def hatch_for(prst: str) -> Hatch:
    """Return the hatch that stands in for the DrawingML pattern preset `prst`.

    Direction comes from the preset's name; "dk", "sm" and "nar" presets are dense, "lg" ones
    open, "dash" ones dashed, so each pattern docgen writes is drawn differently.
    """
    lowered = prst.lower()
    if lowered.startswith(("dk", "sm", "nar")):
        gap = 2.0
    elif lowered.startswith("lg"):
        gap = 4.0
    else:
        gap = 3.0
    dash = HATCH_DASH if lowered.startswith("dash") else None
    return Hatch(_hatch_lines(lowered), gap, dash)


def _hatch_lines(lowered: str) -> tuple[str, ...]:
    """Return the hatch directions for a lower-cased DrawingML pattern preset."""
    if "diagcross" in lowered or "dmnd" in lowered:
        return ("/", "\\")
    if "check" in lowered or "grid" in lowered or "cross" in lowered:
        return ("-", "|")
    for hint, direction in (("updiag", "/"), ("dndiag", "\\"), ("horz", "-"), ("vert", "|")):
        if hint in lowered:
            return (direction,)
    return ("/",)


def format_number(value: float, number_format: str = "General") -> str:
    """Return `value` as text with thousands separators, honouring an Excel format's decimals.

    A format with "%" shows the value times 100 with a "%" sign; "General" shows up to two
    decimals with trailing zeros dropped. Only the parts of an Excel format that matter for
    alt text are read (the PDF's chart labels follow the format exactly, with
    `numfmt.format_value`, as LibreOffice prints them).
    """
    section = number_format.split(";")[0]
    percent = "%" in section
    number = value * 100 if percent else value
    match = re.search(r"\.([0#]+)", section)
    if match:
        text = f"{number:,.{len(match.group(1))}f}"
    elif section.strip().lower() in ("general", "") or "0" not in section:
        text = f"{number:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{number:,.0f}"
    if text.startswith("-") and not text.strip("-0.,"):  # "-0.000": a negative rounded to 0
        text = text[1:]
    return text + ("%" if percent else "")
