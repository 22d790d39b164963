"""`docgen.sheets`: the workbook format agrees with the model, with itself and with
docs/workbook.md."""

from __future__ import annotations

import dataclasses
import re
import typing

import pytest
from tests.support import ROOT

from docgen import model, sheets

WORKBOOK_DOC = (ROOT / "docs" / "workbook.md").read_text(encoding="utf-8")
COLUMNS = {
    sheets.SETTINGS: sheets.SETTINGS_COLUMNS,
    sheets.NARRATIVE: sheets.NARRATIVE_COLUMNS,
    sheets.MEASURES: sheets.MEASURE_COLUMNS,
    sheets.THEMES: sheets.THEME_COLUMNS,
    sheets.IMPLICATIONS: sheets.IMPLICATION_COLUMNS,
    sheets.CHARTS: sheets.CHART_COLUMNS,
}


def _documented_rows() -> set[str]:
    """The names in the first cell of every table row of docs/workbook.md ("Green colour /
    Amber colour / Red colour" names three)."""
    cells = re.findall(r"^\| *([^|]+?) *\|", WORKBOOK_DOC, re.MULTILINE)
    return {name.strip() for cell in cells for name in cell.split(" / ")}


def test_every_setting_fills_a_field_of_the_model():
    fields = {field.name for field in dataclasses.fields(model.Settings)}
    assert {name for name, _ in sheets.SETTING_FIELDS.values()} <= fields


def test_each_setting_has_its_own_field_and_the_required_ones_are_the_header_block():
    names = [name for name, _ in sheets.SETTING_FIELDS.values()]
    assert len(names) == len(set(names))
    required = [label for label, (_, needed) in sheets.SETTING_FIELDS.items() if needed]
    assert required == ["Report to", "Meeting date", "Title"]


def test_settings_docgen_writes_itself_are_settings():
    assert set(sheets.SET_BY_DOCGEN) <= set(sheets.SETTING_FIELDS)


def test_the_model_allows_exactly_the_kinds_betters_and_chart_types_of_the_workbook():
    assert set(typing.get_args(model.Kind)) == set(sheets.KINDS)
    assert set(typing.get_args(model.Better)) == set(sheets.BETTER)
    chart_type = typing.get_type_hints(model.Chart)["type"]
    assert set(typing.get_args(chart_type)) == set(sheets.CHART_TYPES)


def test_the_required_sheets_are_sheets_docgen_reads():
    assert set(sheets.REQUIRED_SHEETS) <= set(COLUMNS)
    assert sheets.INSTRUCTIONS not in sheets.REQUIRED_SHEETS


@pytest.mark.parametrize("sheet", list(COLUMNS))
def test_no_two_columns_of_a_sheet_answer_to_the_same_header(sheet):
    headers = []
    for column in COLUMNS[sheet]:
        headers += {column.name.lower(), *column.aliases}
    assert len(headers) == len(set(headers)), sheet


@pytest.mark.parametrize("sheet", list(COLUMNS))
def test_aliases_are_lower_case_as_headers_are_matched(sheet):
    for column in COLUMNS[sheet]:
        assert all(alias == alias.lower().strip() for alias in column.aliases), column
        assert column.matches(column.name.lower())
        assert all(column.matches(alias) for alias in column.aliases)


@pytest.mark.parametrize("sheet", list(COLUMNS))
def test_the_first_column_of_every_sheet_is_required(sheet):
    assert COLUMNS[sheet][0].required


def test_every_setting_and_measure_and_chart_column_is_documented():
    documented = _documented_rows()
    named = [*sheets.SETTING_FIELDS, *(c.name for c in sheets.MEASURE_COLUMNS),
             *(c.name for c in sheets.CHART_COLUMNS)]
    assert [name for name in named if name not in documented] == list(sheets.SET_BY_DOCGEN)
    for name in sheets.SET_BY_DOCGEN:  # told of where `docgen init --from` is
        assert f"*{name}*" in WORKBOOK_DOC


def test_compared_with_offers_the_two_periods():
    assert sheets.COMPARED_WITH == (sheets.SAME_PERIOD_LAST_YEAR, sheets.PREVIOUS_PERIOD)
    assert sheets.SAME_PERIOD_LAST_YEAR in WORKBOOK_DOC and sheets.PREVIOUS_PERIOD in WORKBOOK_DOC


def test_fixed_choices_are_lower_case_and_distinct():
    for choices in (sheets.KINDS, sheets.BETTER, sheets.CHART_TYPES, sheets.SERIES_IN,
                    sheets.COMPARED_WITH):
        assert len(set(choices)) == len(choices)
        assert all(choice == choice.lower() for choice in choices)


def test_percent_decimals_match_the_documented_range():
    assert sheets.MAX_PERCENT_DECIMALS == 3
    assert "`0` (default, *+3%*) to `3`" in WORKBOOK_DOC
