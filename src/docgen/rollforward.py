"""Start next quarter's workbook from last quarter's (`docgen init --from LAST.xlsx NEW.xlsx`).

On the Measures sheet Current is emptied. A measure *Compared with* its `previous period`
(quarter on quarter) has its Current value moved to Previous (with its number format; a
formula's worked-out value moves, not the formula); one compared with the `same period last
year` (the default, as for the rolling 12-month figures of the seed report) has Previous
emptied too, since last quarter's figures are not next quarter's comparison. The period
labels — Settings' Previous period and Current period, and the Measures' own period columns —
advance by one quarter; the meeting date is cleared; a *Rolled forward from* setting names
LAST, so that `check` and `build` refuse every Previous left empty until the author types this
quarter's figure. Everything else (narrative, Excel Tables, validations, styles, protection)
is kept for editing. LAST is only read; NEW is written atomically.

Period labels understood: month-and-year ranges in any common spelling ("Oct '17 - Sep '18",
"July 2019 - September 2019", "Jul - Sep 2019") and quarters ("Q2 2019/20", "Q4 2019",
"Quarter 1 2020-21"). Any other label is left as it was, with a warning naming its cell.
"""

from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path

from . import sheets
from .exceptions import DocgenError, Problem
from .files import atomic_output
from .workbook import Book, Column, load_workbook, normalise_header

logger = logging.getLogger(__name__)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_MONTH = re.compile(
    r"\b(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
    r"(?P<gap>[\s,]*)(?P<year>'\d{2}\b|\d{4}\b|\d{2}\b(?!\s*[-/]))?",
    re.IGNORECASE,
)
_QUARTER = re.compile(
    r"\b(?P<prefix>Q|quarter\s*)(?P<q>[1-4])(?P<gap>\s*)(?P<year>\d{4}|\d{2})"
    r"(?:(?P<sep>[/-])(?P<end>\d{4}|\d{2}))?\b",
    re.IGNORECASE,
)
# Settings whose text may name last quarter's dates: kept, but the author is told to look.
_DATED_SETTINGS = ("title", "subject", "appendix title", "appendix note", "agenda item")
_HAS_DATE = re.compile(r"\b(?:19|20)\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                       r"[a-z]*\b", re.IGNORECASE)


def roll_forward(last: Path, new: Path) -> tuple[Path, list[Problem]]:
    """Write NEW from LAST for the next quarter; return NEW's path and the warnings."""
    import openpyxl

    _refuse_target(last, new)
    book = load_workbook(last)
    workbook = openpyxl.load_workbook(last, rich_text=True)
    warnings: list[Problem] = []
    settings, measures = book.sheet(sheets.SETTINGS), book.sheet(sheets.MEASURES)
    carried = False
    if measures is not None:
        found, carried = roll_measures(workbook[measures.title], book)
        warnings += found
    if settings is not None:
        warnings += roll_settings(workbook[settings.title], carried=carried)
        _mark_rolled(workbook[settings.title], last.name)
    warnings += _lost_parts(last)
    with atomic_output(new) as tmp:
        workbook.save(tmp)
    return new, warnings


def _refuse_target(last: Path, new: Path) -> None:
    if new.exists() or new.resolve() == last.resolve():
        raise DocgenError(f"'{new}' exists already; name a new file for next quarter's workbook")


def _mark_rolled(ws, last: str) -> None:
    """Set 'Rolled forward from' on the Settings sheet (its own row, or a new one)."""
    label = "Rolled forward from"
    for row in range(2, ws.max_row + 1):
        if normalise_header(ws.cell(row=row, column=1).value) == label.lower():
            ws.cell(row=row, column=2).value = last
            return
    ws.append([label, last])


def roll_settings(ws, *, carried: bool = True) -> list[Problem]:
    """Advance Settings' period labels, clear the meeting date; warn about dated settings
    (and, where `carried` values moved to Previous, about year-on-year period labels)."""
    warnings: list[Problem] = []
    letters = _letters(ws, sheets.SETTINGS_COLUMNS)
    if "Setting" not in letters or "Value" not in letters:
        return [Problem("warning", "no Setting and Value columns; settings left as they were",
                        ws.title)]
    periods: dict[str, tuple[object, object]] = {}
    for row in range(2, ws.max_row + 1):
        label = normalise_header(ws[f"{letters['Setting']}{row}"].value)
        cell = ws[f"{letters['Value']}{row}"]
        if label in ("previous period", "current period"):
            before = cell.value
            warnings += _advance_cell(cell, ws.title)
            periods[label] = (before, cell)
        elif label == "meeting date":
            cell.value = None
        elif label in _DATED_SETTINGS and isinstance(cell.value, str) and _HAS_DATE.search(
                cell.value):
            warnings.append(Problem("warning", f'kept "{cell.value}": check it for last '
                                    "quarter's dates", ws.title, cell.coordinate))
    if len(periods) == 2 and carried:
        warnings += _previous_mismatch(periods["current period"][0], periods["previous period"][1],
                                       ws.title)
    return warnings


def _previous_mismatch(old_current: object, previous_cell, sheet: str) -> list[Problem]:
    """Warn when the moved values are not the new previous period's (year-on-year labels)."""
    new_previous = previous_cell.value
    if not isinstance(old_current, str) or not isinstance(new_previous, str):
        return []
    if new_previous.strip() == old_current.strip() or advance_period(new_previous) is None:
        return []
    return [Problem("warning", "the Previous values are now last quarter's current figures "
                    f"({old_current}), but the previous period is now {new_previous}: type the "
                    f"figures for {new_previous} where they differ", sheet,
                    previous_cell.coordinate)]


def roll_measures(ws, book: Book) -> tuple[list[Problem], bool]:
    """Current → Previous where a measure is compared with the previous period (Previous
    emptied where it is compared with the same period last year), Current emptied, period
    labels advanced; the warnings, and whether any value was carried to Previous."""
    warnings: list[Problem] = []
    letters = _letters(ws, sheets.MEASURE_COLUMNS)
    if "Previous" not in letters or "Current" not in letters:
        return [Problem("warning", "no Previous and Current columns; measures left as they were",
                        ws.title)], False
    carried = False
    known = [letters[name] for name in ("ID", "Measure") if name in letters]
    mismatched: set[tuple[object, object]] = set()
    for row in range(2, ws.max_row + 1):
        if known and all(ws[f"{letter}{row}"].value in (None, "") for letter in known):
            continue
        previous = ws[f"{letters['Previous']}{row}"]
        current = ws[f"{letters['Current']}{row}"]
        quarter_on_quarter = _compared_with(ws, letters, row) == sheets.PREVIOUS_PERIOD
        previous.value = _worked_out(book, ws.title, current) if quarter_on_quarter else None
        previous.number_format = current.number_format
        current.value = None
        carried |= quarter_on_quarter
        if "Previous period" not in letters or "Current period" not in letters:
            continue
        old_current = ws[f"{letters['Current period']}{row}"].value
        for name in ("Previous period", "Current period"):
            warnings += _advance_cell(ws[f"{letters[name]}{row}"], ws.title)
        previous_cell = ws[f"{letters['Previous period']}{row}"]
        if quarter_on_quarter and (old_current, previous_cell.value) not in mismatched:
            found = _previous_mismatch(old_current, previous_cell, ws.title)
            mismatched.add((old_current, previous_cell.value))
            warnings += found
    return warnings, carried


def _compared_with(ws, letters: dict[str, str], row: int) -> str:
    """A measure's Compared with choice (the default where blank or unknown)."""
    if "Compared with" not in letters:
        return sheets.SAME_PERIOD_LAST_YEAR
    value = normalise_header(ws[f"{letters['Compared with']}{row}"].value)
    return value if value in sheets.COMPARED_WITH else sheets.SAME_PERIOD_LAST_YEAR


def _worked_out(book: Book, sheet: str, cell) -> object:
    """A cell's value, with a formula's result instead of the formula."""
    if cell.data_type == "f":
        value = book.value(sheet, cell.coordinate)
        logger.debug("moved the value of %s!%s's formula: %r", sheet, cell.coordinate, value)
        return value
    return cell.value


def _advance_cell(cell, sheet: str) -> list[Problem]:
    if not isinstance(cell.value, str) or not cell.value.strip():
        return []
    advanced = advance_period(cell.value)
    if advanced is None:
        return [Problem("warning", f'cannot tell which period "{cell.value}" is; left as it '
                        "was: type next quarter's label", sheet, cell.coordinate)]
    cell.value = advanced
    return []


def advance_period(label: str) -> str | None:
    """`label` moved on by one quarter, or None when it names no month or quarter."""
    if _MONTH.search(label):
        return _MONTH.sub(_next_month, label)
    if _QUARTER.search(label):
        return _QUARTER.sub(_next_quarter, label)
    return None


def _next_month(match: re.Match) -> str:
    word, year = match.group("month"), match.group("year")
    full = len(word) > 3 and word.lower() == MONTHS[_month_index(word)].lower()
    carry, index = divmod(_month_index(word) + 3, 12)
    name = MONTHS[index] if full else MONTHS[index][:3]
    name = name.upper() if word.isupper() and len(word) > 1 else name
    name = name.lower() if word.islower() else name
    return name + match.group("gap") + (_add_years(year, carry) if year else "")


def _month_index(word: str) -> int:
    return next(i for i, name in enumerate(MONTHS) if name.lower().startswith(word[:3].lower()))


def _add_years(year: str, years: int) -> str:
    if year.startswith("'"):
        return f"'{(int(year[1:]) + years) % 100:02d}"
    if len(year) == 2:
        return f"{(int(year) + years) % 100:02d}"
    return str(int(year) + years)


def _next_quarter(match: re.Match) -> str:
    quarter = int(match.group("q")) + 1
    year, end = match.group("year"), match.group("end")
    if quarter == 5:
        quarter = 1
        year = _add_years(year, 1)
        end = _add_years(end, 1) if end else None
    text = f"{match.group('prefix')}{quarter}{match.group('gap')}{year}"
    return text + (f"{match.group('sep')}{end}" if end else "")


def _letters(ws, columns: list[Column]) -> dict[str, str]:
    """Each known column's letter, found by its header in row 1."""
    from openpyxl.utils import get_column_letter

    letters: dict[str, str] = {}
    for index in range(1, ws.max_column + 1):
        header = normalise_header(ws.cell(row=1, column=index).value)
        for column in columns:
            if column.name not in letters and header and column.matches(header):
                letters[column.name] = get_column_letter(index)
    return letters


def _lost_parts(path: Path) -> list[Problem]:
    """Warn about what openpyxl cannot carry over: Excel's own charts and pictures."""
    with zipfile.ZipFile(path) as archive:
        drawings = any(name.startswith("xl/drawings/") for name in archive.namelist())
    if drawings:
        return [Problem("warning", f"Excel charts and pictures in '{path.name}' are not "
                        "copied to the new workbook (docgen's charts are on the Charts sheet "
                        "and are kept)")]
    return []
