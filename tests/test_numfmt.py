import datetime as dt
from decimal import Decimal

import pytest

from docgen.numfmt import decimals_of, format_value, is_percent_format, round_half_away


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (0.704, "0.0%", "70.4%"),
        (0.72, "0%", "72%"),
        (155255, "#,##0", "155,255"),
        (-5463, "#,##0", "-5,463"),
        (52.0, '"£"0.0"m"', "£52.0m"),
        (147.2, "0.0", "147.2"),
        (0.966, "+0%;-0%;0%", "+97%"),
        (-0.2, "+0%;-0%;0%", "-20%"),
        (1033, "General", "1033"),
        (0.1 + 0.2, "General", "0.3"),
        (1234.5, "#,##0.00", "1,234.50"),
        (1234.5, "[Red]#,##0.0", "1,234.5"),
        (12, "0.0 \"min\"", "12.0 min"),
        (None, "0%", ""),
        (True, "General", "TRUE"),
        ("text", "@", "text"),
    ],
)
def test_values_show_as_the_spreadsheet_shows_them(value, number_format, shown):
    assert format_value(value, number_format) == shown


def test_dates_use_the_cell_format_and_en_gb_for_the_short_style():
    when = dt.datetime(2019, 11, 21)
    assert format_value(when, "d mmmm yyyy") == "21 November 2019"
    assert format_value(when, "mm-dd-yy") == "21/11/2019"  # built-in 14 shows the local style
    assert format_value(dt.date(2019, 11, 21), "General") == "21/11/2019"


def test_format_helpers():
    assert decimals_of("0.0%") == 1
    assert decimals_of("#,##0") == 0
    assert decimals_of('"£"0.00"m"') == 2
    assert decimals_of("General") == -1
    assert is_percent_format("0.0%")
    assert not is_percent_format('0" %"')


# Formats docgen shows without ssf, and values around their rounding edges: the fast path must
# give exactly ssf's text (or hand the value to ssf).
FAST_FORMATS = ["General", "0", "0.0", "0.00", "0.000", "#,##0", "#,##0.0", "#,##0.00", "0%",
                "0.0%", "0.00%", "#,##0%", '"£"0.0"m"', '"£"#,##0', '"£"0.00', '0.0" min"',
                '0"%"', "+0%;-0%;0%", "+0.0%;-0.0%;0.0%", "+0;-0;0"]


def _values_near_edges() -> list[float]:
    import random

    rng = random.Random(8)
    values = [0.0, -0.0, 0.5, -0.5, 1.5, 2.5, 0.05, 0.15, 0.25, 0.35, 0.045, 0.005, -0.005,
              -0.0004, 1e-9, 9.995, 99.95, 0.9995, -0.9995, 155255.0, -5463.0, 123456789.0,
              1e12, 1e16, 0.1 + 0.2, 9999999999.0, 10000000000.0]
    for _ in range(600):
        values.append(round(rng.uniform(-1000, 1000), rng.randint(0, 4)))
        values.append(rng.randint(-10**7, 10**7) / 10 ** rng.randint(0, 6))
        values.append((rng.randint(-2000, 2000) + 0.5) / 10 ** rng.randint(0, 4))
        values.append(rng.uniform(-2, 2))
        values.append(float(rng.randint(-10**9, 10**9)))
    return values


@pytest.mark.parametrize("number_format", FAST_FORMATS)
def test_the_fast_path_shows_exactly_what_ssf_shows(number_format):
    from docgen.numfmt import _format_simple, _formatter, _simple_format, excel_rounded

    simple = _simple_format(number_format)
    assert simple is not None
    ssf = _formatter()
    for value in _values_near_edges():
        fast = _format_simple(value, simple)
        if fast is not None:
            assert fast == ssf.format(number_format, excel_rounded(value, number_format)), value


@pytest.mark.parametrize("value, number_format, shown", [
    (1.005, "0.00", "1.01"), (2.5, "0", "3"), (-2.5, "0", "-3"), (0.025, "0%", "3%"),
    (0.0125, "0.0%", "1.3%"), (1.005, "0.00;(0.00)", "1.01"), (-1.005, "0.00;(0.00)", "(1.01)"),
    (0.125, "[Red]0.00", "0.13"),
])
def test_halves_round_away_from_zero_as_excel_shows_them(value, number_format, shown):
    from docgen.numfmt import format_value

    assert format_value(value, number_format) == shown


@pytest.mark.parametrize("number_format", ["0.0;(0.0)", "0.0E+00", "# ?/?", '"a;b"0', "0.0,",
                                           "[Red]0.0", "#,##0;[Red]-#,##0", "dd/mm/yyyy", "@"])
def test_other_formats_are_left_to_ssf(number_format):
    from docgen.numfmt import _simple_format

    assert _simple_format(number_format) is None


def test_round_half_away_keeps_every_digit_of_a_huge_number():
    """Found by the property test: a change of 7.7e85 % has more digits than Decimal's default
    28-digit context can quantize (InvalidOperation); it rounds at its 15 significant digits."""
    assert round_half_away(7.685824546989997e85) == Decimal("7.68582454699e85")
    assert round_half_away(-1.5e40, 2) == Decimal("-1.5e40")
    assert round_half_away(2.5) == 3 and round_half_away(-2.5) == -3
