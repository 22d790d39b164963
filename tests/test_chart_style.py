"""`docgen.chart_style`: how series look in the Word chart and the PDF alike, and how a value
prints in a chart's number format."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.chart_style import (
    DASHES,
    DISTINCT_SERIES,
    HATCH_DASH,
    SERIES_STYLES,
    Hatch,
    dash_array,
    format_number,
    hatch_for,
    series_style,
)

# The eight dashes Word's Format pane offers (python-pptx's MSO_LINE_DASH_STYLE).
WORD_DASHES = frozenset(
    ("solid", "sysDot", "sysDash", "dash", "dashDot", "lgDash", "lgDashDot", "lgDashDotDot")
)


def _luminance(rgb: str) -> float:
    """Return the WCAG relative luminance of an RGB hex colour."""
    channels = [int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _all_different(items: list) -> bool:
    """Return whether no two of `items` are equal."""
    return len(set(items)) == len(items)


# --- series told apart without colour (moved from test_charts.py) ----------------------------


def test_there_are_at_least_twelve_series_styles() -> None:
    assert DISTINCT_SERIES >= 12
    assert series_style(DISTINCT_SERIES) == series_style(0)


def test_series_styles_are_pairwise_distinct_without_colour() -> None:
    styles = [series_style(i) for i in range(12)]
    assert _all_different([(s.colour, s.dash, s.marker, s.hollow) for s in styles])
    assert _all_different([(s.marker, s.hollow) for s in styles])  # the marker alone tells
    assert _all_different([(s.dash, s.marker) for s in styles])  # so do dash and shape
    assert _all_different([s.pattern for s in styles])
    assert _all_different([s.colour for s in styles])
    assert {s.dash for s in styles} <= WORD_DASHES


def test_series_colours_have_three_to_one_contrast_against_white() -> None:
    for index in range(12):
        colour = series_style(index).colour
        assert 1.05 / (_luminance(colour) + 0.05) >= 3.0, colour


def test_series_7_and_8_no_longer_look_like_series_1_and_2() -> None:
    for first, later in ((0, 6), (1, 7)):
        a, b = series_style(first), series_style(later)
        assert (a.colour, a.dash, a.marker, a.hollow) != (b.colour, b.dash, b.marker, b.hollow)
        assert a.marker != b.marker and a.dash != b.dash and a.pattern != b.pattern


@given(st.integers(0, 10_000))
def test_styles_repeat_every_distinct_series(index):
    assert series_style(index) == SERIES_STYLES[index % DISTINCT_SERIES]
    assert series_style(index + DISTINCT_SERIES) == series_style(index)


def test_colours_are_six_hex_digits() -> None:
    for style in SERIES_STYLES:
        assert len(style.colour) == 6 and int(style.colour, 16) >= 0
        assert style.colour == style.colour.upper()


def test_the_first_series_is_solid_and_every_other_dash_is_drawable() -> None:
    assert series_style(0).dash == "solid" and series_style(0).pattern == ""
    assert {s.dash for s in SERIES_STYLES} - {"solid"} <= set(DASHES)


# --- dashes ----------------------------------------------------------------------------------


def test_a_dash_scales_with_the_line_width() -> None:
    assert dash_array("dash", 1.0) == (4, 3)
    assert dash_array("lgDashDot", 2.0) == (16, 6, 2, 6)
    assert dash_array("sysDot", 0.5) == (0.5, 0.5)


def test_solid_and_unknown_dashes_draw_solid() -> None:
    assert dash_array("solid", 2.0) is None
    assert dash_array("noSuchDash", 2.0) is None


# --- hatches ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("preset", "hatch"), [
    ("wdUpDiag", Hatch(("/",), 3.0)),
    ("wdDnDiag", Hatch(("\\",), 3.0)),
    ("dkHorz", Hatch(("-",), 2.0)),
    ("dkVert", Hatch(("|",), 2.0)),
    ("smCheck", Hatch(("-", "|"), 2.0)),
    ("lgGrid", Hatch(("-", "|"), 4.0)),
    ("diagCross", Hatch(("/", "\\"), 3.0)),
    ("dashUpDiag", Hatch(("/",), 3.0, HATCH_DASH)),
    ("dashHorz", Hatch(("-",), 3.0, HATCH_DASH)),
    ("narVert", Hatch(("|",), 2.0)),
    ("pct50", Hatch(("/",), 3.0)),
])
def test_hatch_for_reads_direction_density_and_dashing_from_the_name(preset, hatch) -> None:
    assert hatch_for(preset) == hatch


def test_every_pattern_docgen_writes_is_drawn_differently() -> None:
    patterns = [s.pattern for s in SERIES_STYLES if s.pattern]
    assert _all_different([hatch_for(p) for p in patterns])


# --- number formats (test_format_number moved from test_charts.py) ---------------------------


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (2211, "#,##0", "2,211"),
        (2211.0, "General", "2,211"),
        (0.704, "0.0%", "70.4%"),
        (1234.5, "#,##0.00", "1,234.50"),
        (12.3456, "General", "12.35"),
        (-0.0001, "0.0", "0.0"),
        (0.5, "0%", "50%"),
        (-1234.5, "#,##0.0;(#,##0.0)", "-1,234.5"),
        (3.0, "", "3"),
        (1234567.891, "@", "1,234,567.89"),
        (-0.001, "General", "0"),
        (-0.0001, "0.000", "0.000"),
        (-0.0004, "0.000%", "-0.040%"),
    ],
)
def test_format_number(value: float, number_format: str, text: str) -> None:
    assert format_number(value, number_format) == text


@given(st.integers(-10**12, 10**12))
def test_a_whole_number_in_general_reads_back_as_itself(number):
    assert int(format_number(float(number)).replace(",", "")) == number


@given(st.floats(-1e9, 1e9, allow_nan=False), st.integers(0, 4))
def test_the_decimals_of_the_format_are_the_decimals_shown(value, decimals):
    text = format_number(value, "#,##0." + "0" * decimals if decimals else "#,##0")
    shown = text.split(".")[1] if "." in text else ""
    assert len(shown) == decimals
    assert text.strip("-0.,") or not text.startswith("-")  # never "-0.000"
    assert abs(float(text.replace(",", "")) - value) <= 0.5 * 10**-decimals + 1e-6 * abs(value)
