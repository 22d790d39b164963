"""Write a workbook ready to fill: the sheets and columns docgen reads, with help for authors.

`docgen init` and the Generate page's "blank workbook" use this; the example workbook is this
blank workbook filled in (scripts/make_example_workbook.py).

What an author gets, in Excel's own terms: an Instructions sheet; on each input sheet a frozen,
protected header row (no password: Review > Unprotect Sheet lifts it) with every other cell
unlocked, so rows can be added, deleted, sorted and formatted; drop-down lists for fixed
choices; an input message on each header cell. The Tables sheet is left unprotected, because
Excel cannot insert a Table on a protected sheet. Table and chart names cannot be a drop-down
list (a blank workbook has no tables yet, and no formula lists a workbook's Excel Tables), so the
Narrative's Insert column and the Charts' Table column carry an input message saying where the
names come from; `docgen check` names the tables and charts it knows when a name is wrong.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import sheets
from .workbook import Column

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

HEADER_FILL = "1F4E79"
MAX_INPUT_ROWS = 500
# Data cells are made ready by column styles (unlocked; wrapped for long text), which Excel
# gives each cell as the author types in it, rather than by styling empty cells one by one:
# every styled empty cell is kept in the file and read again by each build. Columns up to Z
# get one, so authors' own columns are editable too. Value cells keep Excel's General format:
# it shows exactly what the author types, and typing 72% or £52.0 makes Excel pick the
# matching format itself, which docgen then follows.
UNLOCKED_COLUMNS = 26
DATE_FORMAT = "d mmmm yyyy"
WRAPPED_COLUMNS = ("Text", "Detail", "Value", "Measure", "Note")

# Help for each column: shown as the header cell's input message and on the Instructions sheet.
COLUMN_HELP: dict[str, dict[str, str]] = {
    sheets.SETTINGS: {
        "Setting": "The name of the setting. Leave these as they are.",
        "Value": "Type the value for each setting. Meeting date is a date cell.",
    },
    sheets.NARRATIVE: {
        "Level": "1 for a numbered section (1., 2.), 2 for a lettered subsection (a., b.), "
        "3 for an unnumbered sub-heading. Leave blank to continue the section above.",
        "Heading": "The heading text, without its number: docgen numbers sections.",
        "Text": "The paragraphs. Each line is a paragraph (Alt+Enter for a new line). "
        "Start a line with '- ' for a bullet or '1. ' for a numbered item. "
        "**bold**, *italic*. Quote a measure as {ID current}, {ID change}, {ID change %}.",
        "Insert": "The name of a table (Excel Table) or chart to place after the text.",
        "Caption": "A caption shown above the inserted table or chart.",
    },
    sheets.MEASURES: {
        "ID": "A short name for the measure, used to quote it in the narrative, e.g. ASB.",
        "Theme": "The Appendix A table the measure belongs in, e.g. Tackling Crime.",
        "Measure": "The measure's name as shown in the report.",
        "Previous": "The value for the previous period: a number, formatted as you want it "
        "shown (70.4%, 155,255, £52.0m).",
        "Current": "The value for the current period, formatted as you want it shown.",
        "Kind": "count, percentage, minutes, seconds, money or number.",
        "Better": "higher, lower or neither: which direction is an improvement.",
        "Target": "Optional target value.",
        "Note": "Optional note shown under the measure's name.",
        "Previous period": "Optional: the previous period's label when it differs from "
        "the Settings sheet's, e.g. Jul '18 - Sep '18.",
        "Current period": "Optional: the current period's label when it differs from the "
        "Settings sheet's.",
        "In appendix": "yes (the default) or no: no keeps a measure for the narrative only.",
        "Change decimals": "Optional: decimal places of this measure's % change (0 to 3).",
        "Compared with": "same period last year (the default: next quarter's workbook asks "
        "for the new Previous value) or previous period (next quarter's Previous is this "
        "quarter's Current).",
    },
    sheets.THEMES: {
        "Theme": "A theme used on the Measures sheet.",
        "Note": "A note shown under the theme's heading in Appendix A.",
    },
    sheets.CHARTS: {
        "Chart": "The chart's name, used in the Narrative's Insert column.",
        "Type": "line, column, bar or stacked column.",
        "Table": "The name of the Excel Table the chart takes its data from.",
        "Series in": "rows (each row is a line or set of bars) or columns.",
        "Title": "The chart's title.",
        "X axis title": "Optional title of the category axis.",
        "Y axis title": "Optional title of the value axis.",
        "Leave out": "Optional: row or column labels to leave out, separated by commas "
        "(e.g. Total, % Increase).",
        "Alt text": "Optional description for screen readers; docgen writes one if blank.",
        "Show table": "yes to show the table's data below the chart.",
    },
    sheets.IMPLICATIONS: {
        "Implication": "e.g. Financial, Legal, Equality Impact Assessment.",
        "Detail": "The implication, or Nil.",
    },
}

CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    (sheets.NARRATIVE, "Level"): ("1", "2", "3"),
    (sheets.MEASURES, "Kind"): sheets.KINDS,
    (sheets.MEASURES, "Better"): sheets.BETTER,
    (sheets.MEASURES, "In appendix"): ("yes", "no"),
    (sheets.MEASURES, "Compared with"): sheets.COMPARED_WITH,
    (sheets.CHARTS, "Type"): sheets.CHART_TYPES,
    (sheets.CHARTS, "Series in"): sheets.SERIES_IN,
    (sheets.CHARTS, "Show table"): ("yes", "no"),
}

# Input messages on the data cells of columns that name a table or chart.
NAME_HELP: dict[tuple[str, str], str] = {
    (sheets.NARRATIVE, "Insert"): "Type the name of an Excel Table (Table Design > Table "
    "Name) or of a chart on the Charts sheet. docgen check lists the names it knows.",
    (sheets.CHARTS, "Table"): "Type the name of an Excel Table (Table Design > Table Name), "
    "for example one on the Tables sheet.",
}

WIDTHS = {"Text": 90, "Measure": 50, "Heading": 40, "Detail": 70, "Value": 60, "Setting": 22,
          "Note": 40, "Alt text": 50, "Title": 35}

SHEET_COLUMNS: dict[str, list[Column]] = {
    sheets.SETTINGS: sheets.SETTINGS_COLUMNS,
    sheets.NARRATIVE: sheets.NARRATIVE_COLUMNS,
    sheets.MEASURES: sheets.MEASURE_COLUMNS,
    sheets.THEMES: sheets.THEME_COLUMNS,
    sheets.CHARTS: sheets.CHART_COLUMNS,
    sheets.IMPLICATIONS: sheets.IMPLICATION_COLUMNS,
}

INSTRUCTIONS = [
    "How to fill this workbook",
    "docgen turns this workbook into the committee report (.docx and PDF). Fill the sheets, "
    "then click Generate on the docgen page or run: docgen build WORKBOOK.xlsx",
    "Type values, never derived figures: docgen works out every change, percentage and total.",
    "Format value cells as you want them shown: 70.4% (0.0%), 155,255 (#,##0), £52.0m.",
    "Settings: the header block (Report to, Meeting date, Title), the agenda item in the page "
    "header, and the period labels of Appendix A.",
    "Narrative: the report's sections in order, one row per block of text.",
    "Measures: one row per performance measure; they make Appendix A.",
    "Themes (optional): a note under a theme's heading in Appendix A.",
    "Tables: your own tables, each an Excel Table (Insert > Table) with a name "
    "(Table Design > Table Name). Place one in the report by its name in Narrative's Insert "
    "column. Totals and changes can be Excel formulas: SUM, +, -, *, /.",
    "Charts: a chart drawn from one of your tables.",
    "Implications: Financial, Legal, ... with their detail.",
    "Every problem docgen finds names its sheet and cell, e.g. Measures!E14.",
    "The header rows are protected so they are not changed by accident; no password is set "
    "(Review > Unprotect Sheet). Add, delete and format rows as you like.",
    "Next quarter: docgen init --from THIS.xlsx NEXT.xlsx starts the next workbook from this "
    "one (current values become previous values, period labels move on a quarter).",
]


def new_workbook(path: str | os.PathLike[str] | None = None, *,
                 template: Path | None = None) -> Workbook:
    """A blank workbook ready to fill; saved to `path` when given.

    With `template`, the Instructions sheet names the template and the settings it shows.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    instructions = workbook.active
    instructions.title = sheets.INSTRUCTIONS
    _write_instructions(instructions, _template_lines(template))
    for name, columns in SHEET_COLUMNS.items():
        _add_sheet(workbook, name, columns)
        if name == sheets.MEASURES:
            workbook.create_sheet(sheets.TABLES)
    _prefill_settings(workbook[sheets.SETTINGS], _template_settings(template))
    if path is not None:
        workbook.save(path)
    return workbook


def _template_settings(template: Path | None) -> list[str]:
    """The template's own settings (settings["From"]) that docgen does not list, to fill."""
    if template is None:
        return []
    from .template_check import used_settings

    known = {label.lower() for label in sheets.SETTING_FIELDS}
    return sorted(label for label in used_settings(template) if label.lower() not in known)


def _template_lines(template: Path | None) -> list[str]:
    """Lines for the Instructions sheet about the template the workbook is made for."""
    if template is None:
        return []
    from .template_check import used_names

    labels = {field: label for label, (field, _) in sheets.SETTING_FIELDS.items()}
    shown = [labels[name] for name in sorted(used_names(template), key=_setting_order)
             if name in labels]
    lines = [f"This workbook is made for the template {template.name}: build it with "
             f"docgen build WORKBOOK.xlsx -t {template.name}"]
    own = _template_settings(template)
    if shown or own:
        lines.append("The template shows these settings: " + ", ".join([*shown, *own]) + ".")
    return lines


def _setting_order(name: str) -> int:
    fields = [field for field, _ in sheets.SETTING_FIELDS.values()]
    return fields.index(name) if name in fields else len(fields)


def _write_instructions(ws, extra: list[str]) -> None:
    from openpyxl.styles import Alignment, Font

    ws.column_dimensions["A"].width = 110
    for row, text in enumerate([*INSTRUCTIONS, *extra], start=1):
        cell = ws.cell(row=row, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)
    row = len(INSTRUCTIONS) + len(extra) + 2
    for sheet, help_by_column in COLUMN_HELP.items():
        ws.cell(row=row, column=1, value=sheet).font = Font(bold=True)
        row += 1
        for column, text in help_by_column.items():
            ws.cell(row=row, column=1, value=f"{column}: {text}").alignment = Alignment(
                wrap_text=True)
            row += 1
        row += 1
    ws.protection.sheet = True  # read-only help; no password


def _add_sheet(workbook, name: str, columns: list[Column], *,
               help_by_column: dict[str, str] | None = None,
               choices: dict[tuple[str, str], tuple[str, ...]] | None = None) -> None:
    """An input sheet: the header row (help as input messages), drop-downs, protection.
    `help_by_column` and `choices` default to the report workbook's (the agenda pack passes
    its own)."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    ws = workbook.create_sheet(name)
    _unlock_columns(ws)
    if help_by_column is None:
        help_by_column = COLUMN_HELP.get(name, {})
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = ws.cell(row=1, column=index, value=column.name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(vertical="center")
        cell.protection = Protection(locked=True)
        ws.column_dimensions[letter].width = WIDTHS.get(column.name, 16)
        if column.name in help_by_column:
            _add_prompt(ws, f"{letter}1", column.name, help_by_column[column.name])
        _add_column_rules(ws, name, column.name, letter, choices)
        _style_data_column(ws, column.name, index)
    ws.freeze_panes = "A2"
    _protect(ws)


def _unlock_columns(ws) -> None:
    """Unlocked column styles: cells Excel creates as the author types stay editable."""
    from openpyxl.styles import Protection
    from openpyxl.utils import get_column_letter

    for index in range(1, UNLOCKED_COLUMNS + 1):
        ws.column_dimensions[get_column_letter(index)].protection = Protection(locked=False)


def _style_data_column(ws, column: str, index: int) -> None:
    """A long-text column's style also wraps its text, top-aligned."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    if column in WRAPPED_COLUMNS:
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.alignment = Alignment(wrap_text=True, vertical="top")


def write_cell(ws, row: int, column: int, value=None):
    """Write a data cell as Excel would when an author types it: with its column's style
    (unlocked, wrapped where the column wraps). Returns the cell. For scripts that fill a
    blank workbook, such as the example's."""
    from copy import copy

    from openpyxl.utils import get_column_letter

    cell = ws.cell(row=row, column=column, value=value)
    dimension = ws.column_dimensions.get(get_column_letter(column))
    if dimension is not None and row > 1:
        cell.protection = copy(dimension.protection)
        cell.alignment = copy(dimension.alignment)
    return cell


def _add_prompt(ws, cells: str, title: str, text: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    prompt = DataValidation(showInputMessage=True, promptTitle=title[:32], prompt=text[:255])
    prompt.add(cells)
    ws.add_data_validation(prompt)


def _add_column_rules(ws, sheet: str, column: str, letter: str,
                      choice_lists: dict[tuple[str, str], tuple[str, ...]] | None = None) -> None:
    """A drop-down list for a fixed choice, or an input message for a table or chart name."""
    from openpyxl.worksheet.datavalidation import DataValidation

    cells = f"{letter}2:{letter}{MAX_INPUT_ROWS}"
    choices = (CHOICES if choice_lists is None else choice_lists).get((sheet, column))
    if choices:
        rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                              allow_blank=True, showErrorMessage=True, errorTitle=column[:32],
                              error=f"Choose one of: {', '.join(choices)}")
        rule.add(cells)
        ws.add_data_validation(rule)
    elif (sheet, column) in NAME_HELP:
        _add_prompt(ws, cells, column, NAME_HELP[(sheet, column)])


def _protect(ws) -> None:
    """Protect the sheet without a password: the locked header row cannot be typed over, and
    everything else an author does to rows and cells stays allowed (False = not prevented)."""
    protection = ws.protection
    protection.sheet = True
    for option in ("formatCells", "formatColumns", "formatRows", "insertColumns", "insertRows",
                   "insertHyperlinks", "deleteRows", "sort", "autoFilter"):
        setattr(protection, option, False)


SETTING_CHOICES: dict[str, tuple[str, ...]] = {
    "Language": ("en-GB", "cy-GB"),
    "RAG rule": ("target", "target and direction", "amber within 5%"),
    "Section numbering": ("1. / a.", "1. / 1.1", "1.1 paragraphs", "none"),
}
"""Settings with a fixed set of values, offered as drop-down lists (RAG rule's tolerance may
also be typed: amber within 10%)."""


def _choice_list(ws, cell: str, label: str, values: tuple[str, ...]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                          showErrorMessage=label != "RAG rule", showInputMessage=True,
                          promptTitle=label, prompt="Choose " + " or ".join(values) + ".")
    rule.add(cell)
    ws.add_data_validation(rule)


def _prefill_settings(ws, extra: list[str] = ()) -> None:
    """The Settings sheet's rows: every setting docgen knows, then `extra` (the template's own
    settings, such as From), each with a value cell to fill."""
    from openpyxl.worksheet.datavalidation import DataValidation

    labels = [label for label in sheets.SETTING_FIELDS if label not in sheets.SET_BY_DOCGEN]
    labels += list(extra)
    for row, label in enumerate(labels, start=2):
        write_cell(ws, row, 1, label)
        if label == "Meeting date":
            write_cell(ws, row, 2).number_format = DATE_FORMAT
            rule = DataValidation(type="date", operator="greaterThan", formula1="1",
                                  allow_blank=True, showErrorMessage=True,
                                  errorTitle="Meeting date",
                                  error="Enter a date, for example 21/11/2019.",
                                  showInputMessage=True, promptTitle="Meeting date",
                                  prompt="The meeting's date, for example 21/11/2019.")
            rule.add(f"B{row}")
            ws.add_data_validation(rule)
        elif label in SETTING_CHOICES:
            _choice_list(ws, f"B{row}", label, SETTING_CHOICES[label])
