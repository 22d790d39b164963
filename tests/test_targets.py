"""Targets, status and RAG (issue 14): levels and changes, met from unrounded figures and the
Better direction, the organisation's RAG rule, hand-set ratings, and quoting them."""

from __future__ import annotations

import docx
import pytest
from tests.support import column_of

import docgen
from docgen.api import read_report
from docgen.exceptions import WorkbookError
from docgen.figures import compute_change
from docgen.model import Value
from docgen.targets import (
    TargetError,
    contrast,
    parse_rule,
    parse_target,
    rate,
    text_colour,
)

MINUS = "\u2212"


def rating(previous, current, target, *, fmt="#,##0", kind="count", better="lower",
           rule="target"):
    before, now = Value(previous, "", fmt), Value(current, "", fmt)
    change = compute_change(before, now, kind, better)
    parsed = parse_target(target, fmt, kind)
    return rate(parsed, before, now, change, kind, better, parse_rule(rule))


def test_a_percentage_target_is_a_change_not_a_level():
    # Vehicle crime down 12.8% against a -10% target: met (it came out "not met" as a level).
    assert rating(1000, 872, "-10%").status == "met"
    assert rating(1000, 872, -0.10, fmt="0%").status == "met"  # typed -10% in a % cell
    assert rating(1000, 950, "-10%").status == "not met"


def test_a_level_target_in_the_measures_units():
    assert rating(3600, 3400, "3,423").status == "met"
    assert rating(3600, 3500, 3423).status == "not met"
    assert rating(10, 10.2, 15, fmt="0.0", kind="minutes").status == "met"


def test_points_targets_for_rates():
    assert rating(0.70, 0.73, "+2 pts", fmt="0%", kind="percentage",
                  better="higher").status == "met"
    assert rating(0.70, 0.71, "+2 pts", fmt="0%", kind="percentage",
                  better="higher").status == "not met"


def test_met_is_decided_on_unrounded_figures():
    # -9.96% shows as -10% but does not meet a -10% target.
    assert rating(10000, 9004, "-10%").status == "not met"


@pytest.mark.parametrize("target, fmt, kind, message", [
    (-0.10, "General", "count", "can't be a target for a count"),
    ("+2 pts", "#,##0", "count", "percentage points"),
    ("about 3k", "#,##0", "count", "expected a target"),
    (75, "0%", "percentage", "a rate's target"),
])
def test_targets_that_cannot_be_right(target, fmt, kind, message):
    with pytest.raises(TargetError, match=message):
        parse_target(target, fmt, kind)


@pytest.mark.parametrize("rule, previous, current, rag", [
    ("target", 1000, 950, "Red"),
    ("target and direction", 1000, 950, "Amber"),   # not met, but improving
    ("target and direction", 1000, 1050, "Red"),    # not met, getting worse
    ("amber within 5%", 1000, 1020, "Amber"),       # 1,020 is 1.9% above the 1,000 target
    ("amber within 1%", 1000, 1020, "Red"),
    ("target", 1000, 800, "Green"),
])
def test_rag_rules(rule, previous, current, rag):
    target = "-10%" if rule.startswith("target") else 1000
    assert rating(previous, current, target, rule=rule).rag == rag


def test_the_gap_is_in_the_measures_units():
    assert rating(3600, 3500, 3423).gap_text == "+77"
    assert rating(1000, 950, "-10%").gap_text == "+50"
    assert rating(10, 12.5, 15, fmt="0.0", kind="minutes").gap_text == f"{MINUS}2.5 min"


def test_default_colours_have_readable_text():
    for fill in ("00703C", "FFDD00", "D4351C"):
        assert contrast(fill, text_colour(fill)) >= 4.5


def _with_targets(wb, rule=None, rag=None):
    ws = wb["Measures"]
    ws.cell(2, column_of(ws, "Target")).value = "-5%"   # INCIDENTS 1,210 -> 1,105: -8.7%
    ws.cell(3, column_of(ws, "Target")).value = 8       # RESPONSE 8.2 min, lower: not met
    if rag:
        ws.cell(3, column_of(ws, "RAG")).value = rag
    settings = wb["Settings"]
    if rule:
        row = next(r for r in range(2, settings.max_row + 1)
                   if settings.cell(r, 1).value == "RAG rule")
        settings.cell(row, 2).value = rule
    wb["Narrative"]["C2"] = ("[{INCIDENTS status}|{INCIDENTS rag}|{INCIDENTS target}|"
                             "{INCIDENTS target gap}] [{RESPONSE status}|{RESPONSE rag}] "
                             "[{HOMECHECKS status}|{HOMECHECKS rag}]")


def test_status_and_rag_are_quotable_in_the_narrative(edit_workbook, tmp_path):
    result = docgen.build(edit_workbook(_with_targets), outdir=tmp_path)
    text = "\n".join(p.text for p in docx.Document(result.docx).paragraphs)
    assert f"[met|Green|{MINUS}5%|{MINUS}45]" in text
    assert "[not met|Red]" in text
    assert "[no target|n/a]" in text


def test_a_hand_set_rag_overrides_the_rule_with_a_warning(edit_workbook):
    report, warnings = read_report(edit_workbook(lambda wb: _with_targets(wb, rag="amber")))
    assert report.measures[1].rag == "Amber"
    assert any("set by hand" in p.message and "RESPONSE (row 3)" in p.message
               for p in warnings)


def test_a_bad_rule_or_rating_names_its_cell(edit_workbook):
    with pytest.raises(WorkbookError) as raised:
        read_report(edit_workbook(lambda wb: _with_targets(wb, rule="traffic lights",
                                                           rag="purple")))
    located = {p.location.split("!")[0] + "!" + p.location.split("!")[1][0]
               for p in raised.value.errors}
    assert {"Settings!B", "Measures!" + _rag_letter(edit_workbook)} <= located


def _rag_letter(edit_workbook):
    import openpyxl

    ws = openpyxl.load_workbook(edit_workbook())["Measures"]
    return openpyxl.utils.get_column_letter(column_of(ws, "RAG"))


def test_a_target_of_the_wrong_unit_is_an_error_naming_the_cell(edit_workbook):
    def negative(wb):
        ws = wb["Measures"]
        ws.cell(2, column_of(ws, "Target")).value = -0.10

    with pytest.raises(WorkbookError, match="can't be a target for a count"):
        read_report(edit_workbook(negative))
