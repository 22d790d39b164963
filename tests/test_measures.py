"""The Measures sheet and the settings that shape its figures (issue 13): % change decimals,
names unique within a theme, rates typed as whole numbers, missing previous values."""

from __future__ import annotations

import docx
import pytest
from tests.support import column_of

import docgen
from docgen.api import read_report
from docgen.exceptions import WorkbookError

MINUS = "\u2212"


def _measures(wb, rows: list[tuple]) -> None:
    """Replace the minimal workbook's measures by `rows` (ID, theme, name, previous, current,
    kind), and the narrative by one paragraph quoting each measure's change %."""
    ws = wb["Measures"]
    ws.delete_rows(2, ws.max_row)
    for number, (mid, theme, name, previous, current, kind) in enumerate(rows, start=2):
        for header, value in (("ID", mid), ("Theme", theme), ("Measure", name),
                              ("Previous", previous), ("Current", current), ("Kind", kind),
                              ("Better", "lower")):
            ws.cell(number, column_of(ws, header)).value = value
    narrative = wb["Narrative"]
    narrative.delete_rows(3, narrative.max_row)
    narrative["C2"] = " ".join(f"[{{{row[0]} change %}}|{{{row[0]} summary}}]" for row in rows)


def _setting(wb, label: str, value) -> None:
    """Set `label` on the Settings sheet, on its row if it has one."""
    ws = wb["Settings"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == label:
            row[1].value = value
            return
    ws.append([label, value])


PUBLISHED = [("A", "Crime", "Burglary", 1000, 1031, "count"),
             ("B", "Crime", "Robbery", 1000, 971, "count"),
             ("C", "Crime", "Theft", 1000, 1002, "count")]


def test_percent_change_decimals_reproduce_a_published_table(edit_workbook, tmp_path):
    def change(wb):
        _measures(wb, PUBLISHED)
        _setting(wb, "Percent change decimals", 1)

    result = docgen.build(edit_workbook(change), outdir=tmp_path)
    text = "\n".join(p.text for p in docx.Document(result.docx).paragraphs)
    assert "[+3.1%|increase (+3.1%, +31)]" in text
    assert f"[{MINUS}2.9%|decrease ({MINUS}2.9%, {MINUS}29)]" in text
    assert "[+0.2%|increase (+0.2%, +2)]" in text


def test_the_default_is_whole_percentages_and_never_a_promoted_decimal(edit_workbook):
    report, _ = read_report(edit_workbook(lambda wb: _measures(wb, PUBLISHED)))
    assert [m.change.signed_percent for m in report.measures] == ["+3%", f"{MINUS}3%", "0%"]
    assert report.measures[2].change.text == "increase (0%, +2)"


def test_a_measure_can_override_the_decimals(edit_workbook):
    def change(wb):
        _measures(wb, PUBLISHED)
        ws = wb["Measures"]
        ws.cell(3, column_of(ws, "Change decimals")).value = 2

    report, _ = read_report(edit_workbook(change))
    assert [m.change.signed_percent for m in report.measures] == ["+3%", f"{MINUS}2.90%", "0%"]


@pytest.mark.parametrize("value", ["two", 1.5, 7, -1])
def test_bad_decimals_name_the_cell(edit_workbook, value):
    def change(wb):
        _setting(wb, "Percent change decimals", value)

    with pytest.raises(WorkbookError) as raised:
        read_report(edit_workbook(change))
    assert any(p.location.startswith("Settings!B") and "decimal places" in p.message
               for p in raised.value.errors)


def test_names_need_only_be_unique_within_their_theme(edit_workbook):
    rows = [("EW1", "Knife crime", "England & Wales", 100, 110, "count"),
            ("EW2", "Gun crime", "England & Wales", 50, 40, "count")]
    report, _ = read_report(edit_workbook(lambda wb: _measures(wb, rows)))
    assert [m.id for m in report.measures] == ["EW1", "EW2"]
    same_theme = [rows[0], ("EW2", "Knife crime", "England & Wales", 50, 40, "count")]
    with pytest.raises(WorkbookError, match="used already in this theme"):
        read_report(edit_workbook(lambda wb: _measures(wb, same_theme)))


def test_a_rate_typed_as_a_whole_number_is_a_warning_naming_the_cell(edit_workbook):
    rows = [("RATE", "Calls", "999 answered in 10 s", 74.9, 75.6, "percentage")]
    _, warnings = read_report(edit_workbook(lambda wb: _measures(wb, rows)))
    located = {p.location for p in warnings if "type a rate as a fraction" in p.message}
    assert located == {"Measures!D2", "Measures!E2"}


def test_a_blank_previous_value_is_n_a_everywhere(edit_workbook, tmp_path):
    def change(wb):
        _measures(wb, [("A", "Crime", "Burglary", None, 1031, "count")])
        wb["Narrative"]["C2"] = "[{A trend}|{A change}|{A change %}|{A summary}]"

    result = docgen.build(edit_workbook(change), outdir=tmp_path)
    text = "\n".join(p.text for p in docx.Document(result.docx).paragraphs)
    assert "[n/a|n/a|n/a|n/a]" in text


def test_a_reference_without_a_field_is_an_error_listing_the_fields(edit_workbook):
    def change(wb):
        wb["Narrative"]["C2"] = "Incidents were {INCIDENTS} this year."

    with pytest.raises(WorkbookError) as raised:
        read_report(edit_workbook(change))
    error = next(p for p in raised.value.errors if p.location == "Narrative!C2")
    assert "names a measure but no field" in error.message and "current period" in error.message
