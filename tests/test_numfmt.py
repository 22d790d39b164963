import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

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


DATE_PARTS = ["d", "dd", "ddd", "dddd", "m", "mm", "mmm", "mmmm", "yy", "yyyy"]


@given(st.lists(st.sampled_from(DATE_PARTS), min_size=1, max_size=4),
       st.lists(st.sampled_from([" ", "/", "-", ", ", ""]), min_size=4, max_size=4),
       st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)))
@example(["d", "mmmm", "yyyy"], [" ", " ", "", ""], dt.date(2019, 11, 21))
@example(["dddd", "d", "mmm", "yy"], [" ", "-", "-", ""], dt.date(2000, 2, 29))
def test_dates_in_simple_formats_show_exactly_what_ssf_shows(parts, separators, day):
    from docgen.numfmt import _formatter, _simple_date_format

    number_format = "".join(p + s for p, s in zip(parts, separators, strict=False)).strip()
    when = dt.datetime(day.year, day.month, day.day)
    assume(_simple_date_format(number_format) is not None)  # not "d"+"d" run together
    assert format_value(when, number_format) == _formatter().format(number_format, when)


@pytest.mark.parametrize(("number_format", "shown"), [
    ("dd.mm.yyyy", "21.11.2019"), ("d.m.yy", "21.11.19"), ("mmm. yyyy", "Nov. 2019"),
    ("yyyy.mm.dd", "2019.11.21")])
def test_dotted_dates_show_the_month_as_excel_does(number_format, shown):
    """Excel reads m as minutes only next to h or s; ssf also read it so before a full stop
    ("21.00.2019"): these formats now show what Excel shows."""
    assert format_value(dt.date(2019, 11, 21), number_format) == shown


@pytest.mark.parametrize("number_format", [
    "mmmmm", "ddddd", "yyy", "d mmmm yyyy h:mm", "[$-809]dd mmmm yyyy", '"Week of" d mmm',
    "DD/MM/YYYY", "mm:ss", "d\\ mmm", "dd/mm/yyyy;@"])
def test_other_date_formats_are_left_to_ssf(number_format):
    from docgen.numfmt import _simple_date_format

    assert _simple_date_format(number_format) is None


def test_a_date_with_a_time_or_before_march_1900_is_left_to_ssf(monkeypatch):
    from docgen import numfmt

    asked = []
    real = numfmt._formatter()

    class Spy:
        def format(self, number_format, value):
            asked.append(value)
            return real.format(number_format, value)

    monkeypatch.setattr(numfmt, "_formatter", Spy)
    assert format_value(dt.datetime(2019, 11, 21, 15, 30), "d mmmm yyyy") == "21 November 2019"
    assert format_value(dt.date(1900, 2, 28), "d mmmm yyyy") == "28 February 1900"
    assert format_value(dt.date(2019, 11, 21), "d mmmm yyyy") == "21 November 2019"
    assert asked == [dt.datetime(2019, 11, 21, 15, 30), dt.datetime(1900, 2, 28)]


def test_a_report_with_the_usual_formats_never_loads_ssf(tmp_path):
    """ssf's import (dateutil, babel, yaml) is most of the time a process takes to show its
    first date: the example report's dates and numbers are all shown without it."""
    import subprocess
    import sys

    from tests.support import EXAMPLE

    code = ("import sys; from pathlib import Path; from docgen.pipeline import read_report; "
            f"read_report(Path({str(EXAMPLE)!r})); print('ssf' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
