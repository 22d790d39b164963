"""Reading the agenda workbook: the meeting, the items, and every problem by sheet and cell."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.support.pack_fixtures import MEETING, write_agenda

from docgen.agenda.reading import read_agenda
from docgen.exceptions import WorkbookError


def _problems(path) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        read_agenda(path)
    return [str(p) for p in caught.value.problems]


def test_reads_the_meeting_and_items_in_order(tmp_path):
    path = write_agenda(tmp_path / "agenda.xlsx", [
        (1, "Apologies for absence"),
        (2, "Quarterly Report", "Chief Constable", "a.xlsx\nb.pdf", None, "A note"),
        ("5a", "Exempt item", "", "c.docx", 3),
    ])
    agenda, warnings = read_agenda(path)
    assert warnings == []
    assert agenda.meeting.committee == "Strategic Scrutiny Meeting"
    assert agenda.meeting.date == dt.date(2019, 11, 21)
    assert agenda.meeting.title == "Strategic Scrutiny Meeting, 21 November 2019"
    assert agenda.meeting.clerk == MEETING["Clerk"]
    assert [item.number for item in agenda.items] == ["1", "2", "5a"]
    second = agenda.items[1]
    assert second.label == "Item 2: Quarterly Report"
    assert second.presenter == "Chief Constable" and second.note == "A note"
    assert [(p.name, p.cell, p.kind) for p in second.papers] == [
        ("a.xlsx", "D3", "workbook"), ("b.pdf", "D3", "pdf")]
    assert second.papers[0].path == tmp_path / "a.xlsx"
    assert not second.exempt and agenda.items[0].papers == ()
    exempt = agenda.items[2]
    assert exempt.exempt_paragraph == 3
    assert exempt.exempt_wording == ("Exempt under paragraph 3 of Part 1 of Schedule 12A to "
                                     "the Local Government Act 1972")


def test_a_date_typed_as_text_is_read(tmp_path):
    meeting = {**MEETING, "Date": "21/11/2019"}
    path = write_agenda(tmp_path / "agenda.xlsx", [(1, "Minutes")], meeting)
    assert read_agenda(path)[0].meeting.date == dt.date(2019, 11, 21)


def test_every_problem_is_listed_by_sheet_and_cell(tmp_path):
    meeting = {**MEETING, "Committee": "", "Date": "next Tuesday"}
    path = write_agenda(tmp_path / "agenda.xlsx", [
        (1, "Minutes"),
        (2, "Quarterly Report", "", "", 9),
        (1, "Again"),
        ("", "No number"),
        (4, ""),
    ], meeting)
    assert _problems(path) == [
        'Items!E3: "9" is not a paragraph of Part 1 of Schedule 12A: enter a number from 1 '
        "to 7, or leave it blank for a public item",
        "Items!A4: item 1 is listed twice (also in A2); give each item its own number",
        "Items!A5: enter the item's number (or a label such as 5a)",
        "Items!B6: enter the item's title",
        "Meeting!B2: enter the committee",
        'Meeting!B3: "next Tuesday" is not a date; enter one such as 21/11/2019',
    ]


def test_missing_sheets_and_rows_are_errors(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    assert _problems(path) == ["Items: the workbook has no sheet called 'Items'",
                               "Meeting: the workbook has no sheet called 'Meeting'"]
    path = write_agenda(tmp_path / "agenda.xlsx", [], {"Committee": "Cabinet"})
    assert _problems(path) == [
        "Items: the agenda has no items: add one row per item under the headings",
        "Meeting!B3: enter the date"]


def test_an_unknown_meeting_setting_is_a_warning(tmp_path):
    path = write_agenda(tmp_path / "agenda.xlsx", [(1, "Minutes")])
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Meeting"]["A20"] = "Dress code"
    book["Meeting"]["B20"] = "Formal"
    book.save(path)
    _, warnings = read_agenda(path)
    assert [str(w) for w in warnings] == [
        'Meeting!A20: "Dress code" is not a meeting setting docgen knows; it is ignored']
