import datetime as dt

import pytest

from docgen.numfmt import decimals_of, format_value, is_percent_format, long_date, ordinal


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


def test_long_date_has_an_ordinal_day():
    assert long_date(dt.date(2019, 11, 21)) == "21st November 2019"
    assert [ordinal(d) for d in (1, 2, 3, 4, 11, 12, 13, 22, 23, 31)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "22nd", "23rd", "31st"]


def test_format_helpers():
    assert decimals_of("0.0%") == 1
    assert decimals_of("#,##0") == 0
    assert decimals_of('"£"0.00"m"') == 2
    assert decimals_of("General") == -1
    assert is_percent_format("0.0%")
    assert not is_percent_format('0" %"')
