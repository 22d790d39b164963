import pytest

from docgen.figures import compute_change, display_value, target_met
from docgen.model import Value


def change(previous, current, fmt="#,##0", kind="count", better="lower", fmt2=None):
    return compute_change(Value(previous, "", fmt), Value(current, "", fmt2 or fmt), kind, better)


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
    assert c.signed == "-5,463"
    assert c.text == "decrease (-9%, -5,463)"
    assert c.improved is True


def test_domestic_abuse_change_is_never_blank():
    assert change(19850, 20107).text == "increase (+1%, +257)"


def test_rates_change_in_percentage_points():
    c = change(0.72, 0.69, "0%", "percentage", "higher")
    assert c.text == "decrease (-3 pts)"
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
    assert change(51.4, 52.0, '"£"0.0"m"', "money", "neither").text == "increase (+1%, +£0.6m)"


def test_no_change_and_missing_values():
    assert change(0.74, 0.74, "0%", "percentage", "higher").text == "no change"
    assert change(0.74, 0.74, "0%", "percentage", "higher").improved is None
    assert change(None, 5).text == "n/a"
    zero = change(0, 5, "0")
    assert zero.signed_percent == "n/a"
    assert zero.text == "increase (n/a, +5)"


def test_small_percent_keeps_one_decimal():
    assert change(10000, 10040).signed_percent == "+0.4%"


def test_better_neither_gives_no_verdict():
    assert change(1, 2, better="neither").improved is None


@pytest.mark.parametrize(("current", "target", "better", "met"), [
    (10.2, 15, "lower", True), (16, 15, "lower", False), (0.8, 0.75, "higher", True),
    (0.7, 0.75, "higher", False), (5, None, "lower", None), (5, 3, "neither", None)])
def test_target_met(current, target, better, met):
    assert target_met(current, target, better) is met
