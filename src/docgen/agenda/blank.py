"""Write a blank agenda workbook ready to fill (`docgen init --agenda agenda.xlsx`).

Made as the report's blank workbook is (`docgen.blank`, whose sheet helpers it reuses): an
Instructions sheet, then the Meeting and Items sheets with frozen, protected header rows (no
password), input messages on each heading, a drop-down for the exempt paragraph and a date
check on the meeting's date.
"""

from __future__ import annotations

import os

from .. import blank
from . import sheets
from .model import EXEMPT_PARAGRAPHS, EXEMPT_WORDING

COLUMN_HELP: dict[str, dict[str, str]] = {
    sheets.MEETING: {
        "Setting": "The name of the setting. Leave these as they are.",
        "Value": "The value of each setting. Date is a date cell.",
    },
    sheets.ITEMS: {
        "Item": "The item's number or label as the agenda shows it: 1, 2, 5a.",
        "Title": "The item's title, e.g. Quarterly Report.",
        "Presenter": "Who presents the item, e.g. Chief Constable.",
        "Papers": "The item's files, one a line (Alt+Enter for a new line), named relative to "
        "this workbook: report workbooks (.xlsx), Word (.docx) or PDF (.pdf). Blank for none.",
        "Exempt paragraph": "Blank for a public item. For a Part B item, the paragraph of Part 1 "
        "of Schedule 12A to the Local Government Act 1972 (1 to 7).",
        "Note": "Optional: a line shown under the item on the agenda.",
    },
}

CHOICES = {(sheets.ITEMS, "Exempt paragraph"): tuple(str(n) for n in EXEMPT_PARAGRAPHS)}

INSTRUCTIONS = [
    "How to fill this agenda workbook",
    "docgen turns this workbook and the papers it names into the meeting's agenda pack: "
    "a front sheet, the agenda, every item's papers with continuous page numbers and "
    "bookmarks, and a separate Part B pack for exempt items. Run: docgen pack AGENDA.xlsx",
    "Meeting: the committee, date, time, venue, chair, clerk and contact; Public notice is "
    "printed under the agenda.",
    "Items: one row per agenda item, in order. Papers names the item's files, one a line, "
    "relative to this workbook (put them in the same folder and type their names).",
    "Report workbooks (.xlsx) are built into reports by docgen; Word files (.docx) are turned "
    "into PDF by docgen; PDF files are included as they are (not password-protected).",
    "Exempt paragraph: leave blank for a public item. For a Part B item choose the paragraph; "
    "the agenda then says: " + EXEMPT_WORDING.format(paragraph="N")
    + ", and its papers go only into the Part B pack.",
    "Every problem docgen finds names its sheet and cell, e.g. Items!D3.",
]


def new_agenda_workbook(path: str | os.PathLike[str] | None = None):
    """A blank agenda workbook (openpyxl); saved to `path` when given."""
    from openpyxl import Workbook

    workbook = Workbook()
    _write_instructions(workbook.active)
    for name, columns in ((sheets.MEETING, sheets.MEETING_COLUMNS),
                          (sheets.ITEMS, sheets.ITEM_COLUMNS)):
        blank._add_sheet(workbook, name, columns, help_by_column=COLUMN_HELP[name],
                         choices=CHOICES)
    ws = workbook[sheets.ITEMS]
    for letter, width in (("B", 40), ("C", 24), ("D", 40), ("E", 18), ("F", 40)):
        ws.column_dimensions[letter].width = width
    _prefill_meeting(workbook[sheets.MEETING])
    if path is not None:
        workbook.save(path)
    return workbook


def _write_instructions(ws) -> None:
    from openpyxl.styles import Alignment, Font

    ws.title = "Instructions"
    ws.column_dimensions["A"].width = 110
    lines = [*INSTRUCTIONS, ""]
    for sheet, help_by_column in COLUMN_HELP.items():
        lines += [sheet, *(f"{column}: {text}" for column, text in help_by_column.items()), ""]
    for row, text in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1, value=text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1 or text in COLUMN_HELP:
            cell.font = Font(bold=True, size=14 if row == 1 else 11)
    ws.protection.sheet = True  # read-only help; no password


def _prefill_meeting(ws) -> None:
    """One row per meeting setting, the Date's value cell a checked date cell."""
    from openpyxl.worksheet.datavalidation import DataValidation

    for row, label in enumerate(sheets.MEETING_FIELDS, start=2):
        blank.write_cell(ws, row, 1, label)
        if label == "Date":
            blank.write_cell(ws, row, 2).number_format = blank.DATE_FORMAT
            rule = DataValidation(type="date", operator="greaterThan", formula1="1",
                                  allow_blank=True, showErrorMessage=True, errorTitle="Date",
                                  error="Enter a date, for example 21/11/2019.",
                                  showInputMessage=True, promptTitle="Date",
                                  prompt="The meeting's date, for example 21/11/2019.")
            rule.add(f"B{row}")
            ws.add_data_validation(rule)
