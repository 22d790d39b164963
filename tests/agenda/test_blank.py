"""The blank agenda workbook: the sheets the reader wants, help, drop-downs and protection."""

from __future__ import annotations

import openpyxl
import pytest

from docgen.agenda import sheets
from docgen.agenda.blank import new_agenda_workbook
from docgen.agenda.reading import read_agenda
from docgen.exceptions import WorkbookError


@pytest.fixture
def blank(tmp_path):
    path = tmp_path / "agenda.xlsx"
    new_agenda_workbook(path)
    return path


def test_has_the_sheets_and_columns_the_reader_reads(blank):
    book = openpyxl.load_workbook(blank)
    assert book.sheetnames == ["Instructions", "Meeting", "Items"]
    assert [c.value for c in book["Items"][1]] == [c.name for c in sheets.ITEM_COLUMNS]
    assert [book["Meeting"].cell(row=r, column=1).value for r in range(2, 10)] == list(
        sheets.MEETING_FIELDS)
    assert book["Items"].freeze_panes == "A2"
    assert book["Items"].protection.sheet and not book["Items"].protection.insertRows


def test_offers_the_exempt_paragraphs_as_a_drop_down(blank):
    ws = openpyxl.load_workbook(blank)["Items"]
    lists = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert [(v.formula1, str(v.sqref)) for v in lists] == [('"1,2,3,4,5,6,7"', "E2:E500")]
    prompts = {str(v.sqref): v.prompt for v in ws.data_validations.dataValidation
               if v.prompt}
    assert "one a line" in prompts["D1"] and "Schedule 12A" in prompts["E1"]


def test_checks_the_date_and_explains_the_sheets(blank):
    book = openpyxl.load_workbook(blank)
    dates = [v for v in book["Meeting"].data_validations.dataValidation if v.type == "date"]
    assert [str(v.sqref) for v in dates] == ["B3"]
    text = " ".join(str(c.value) for c in book["Instructions"]["A"] if c.value)
    assert "docgen pack AGENDA.xlsx" in text and "Exempt under paragraph N" in text


def test_read_back_it_asks_for_what_is_missing(blank):
    with pytest.raises(WorkbookError) as caught:
        read_agenda(blank)
    assert [str(p) for p in caught.value.problems] == [
        "Items: the agenda has no items: add one row per item under the headings",
        "Meeting!B2: enter the committee", "Meeting!B3: enter the date"]
