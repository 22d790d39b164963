import pytest

from docgen.figures import bind_signs, compute_change, display_value
from docgen.model import Value


def change(previous, current, fmt="#,##0", kind="count", better="lower", fmt2=None, decimals=0):
    return compute_change(Value(previous, "", fmt), Value(current, "", fmt2 or fmt), kind, better,
                          decimals)


def test_count_change_with_percent_and_signs():
    c = change(152063, 155255)
    assert c.absolute == 3192
    assert c.text == "increase (+2%, +3,192)"
    assert (c.signed, c.signed_percent, c.amount, c.amount_percent) == (
        "+3,192", "+2%", "3,192", "2%")
    assert c.improved is False


def test_asb_fall_is_computed_from_the_table_figures():
    # The seed's narrative says 5,263; its own table gives 57,947 → 52,484.
    c = change(57947, 52484)
    assert c.signed == "\u22125,463"
    assert c.text == "decrease (\u22129%, \u22125,463)"
    assert c.improved is True


def test_domestic_abuse_change_is_never_blank():
    assert change(19850, 20107).text == "increase (+1%, +257)"


def test_rates_change_in_percentage_points():
    c = change(0.72, 0.69, "0%", "percentage", "higher")
    assert c.text == "decrease (\u22123 pts)"
    assert c.points == pytest.approx(-3)
    assert c.improved is False
    assert change(0.749, 0.756, "0.0%", "percentage", "higher").text == "increase (+0.7 pts)"


def test_minutes_show_hours_where_the_seed_does():
    c = change(479, 1033, "0", "minutes")
    assert c.text == "increase (+554 min, 9.2 hrs)"
    assert c.signed == "+554 min (9.2 hrs)"
    assert display_value(1033, "minutes", "0") == "1033 min (17.2 hrs)"
    assert display_value(9.8, "minutes", "0.0") == "9.8 min"
    assert change(9.8, 10.2, "0.0", "minutes").text == "increase (+0.4 min)"


def test_seconds_and_money():
    assert change(157, 204, "0", "seconds").text == "increase (+47 sec)"
    money = change(51.4, 52.0, '"£"0.0"m"', "money", "neither")
    assert money.text == "increase (+1%, +\u2060£0.6m)"


def test_no_change_and_missing_values():
    assert change(0.74, 0.74, "0%", "percentage", "higher").text == "no change"
    assert change(0.74, 0.74, "0%", "percentage", "higher").improved is None
    assert change(None, 5).text == "n/a"
    zero = change(0, 5, "0")
    assert zero.signed_percent == "n/a"
    assert zero.text == "increase (n/a, +5)"


def test_a_change_that_rounds_to_nothing_is_0_percent_with_the_word_of_the_change():
    assert change(10000, 10040).signed_percent == "0%"
    assert change(100000, 100001).text == "increase (0%, +1)"
    assert change(100001, 100000).text == "decrease (0%, \u22121)"


def test_percent_change_rounds_halves_away_from_zero_as_excel():
    assert change(200, 205).text == "increase (+3%, +5)"  # +2.5%: Excel's 0% shows 3%
    assert change(205, 200).signed_percent == "\u22122%"  # -2.439%
    assert change(400, 390).signed_percent == "\u22123%"  # -2.5%


def test_percent_change_decimals_reproduce_a_published_table():
    # Changes printed to one decimal in a published scrutiny table.
    assert change(1000, 1031, decimals=1).signed_percent == "+3.1%"
    assert change(1000, 971, decimals=1).signed_percent == "\u22122.9%"
    assert change(1000, 1002, decimals=1).signed_percent == "+0.2%"
    assert change(100000, 100001, decimals=1).text == "increase (0%, +1)"


@pytest.mark.parametrize("previous, current", [(-50, 30), (40, -10), (-40, -10)])
def test_percent_change_across_zero_or_from_a_negative_base_is_n_a(previous, current):
    c = change(previous, current)
    assert c.signed_percent == "n/a" and c.signed.lstrip("+\u2212") == str(abs(current - previous))


def test_minus_signs_are_bound_to_their_numbers():
    assert bind_signs("decrease (-9%, -5,463)") == "decrease (\u22129%, \u22125,463)"
    assert bind_signs("-£2.2m and +£2.2m") == "\u2212\u2060£2.2m and +\u2060£2.2m"
    assert bind_signs("Oct '18 - Dec '18, 2018-19") == "Oct '18 - Dec '18, 2018-19"


def test_better_neither_gives_no_verdict():
    assert change(1, 2, better="neither").improved is None
