"""Read the author's workbook: check the file, load it, and read cells with their locations.

The file is checked first (`workbook_file`); cell values, with formulas worked out, come from
`cell_values`. Only these modules talk to openpyxl. They refuse files that are not usable
workbooks with one clear sentence, work out simple formulas themselves, and collect every
problem with its sheet and cell instead of stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl.utils.cell import coordinate_to_tuple

from . import limits
from .cell_values import FAILED, CellReader, Key
from .exceptions import Problem, WorkbookError
from .formulas import FormulaError
from .text import clean_text
from .workbook_file import OLE_MAGIC, ZIP_MAGIC, sniff_workbook

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["OLE_MAGIC", "ZIP_MAGIC", "Book", "Column", "Key", "MAX_NUMBER", "Row",
           "load_workbook", "normalise_header", "read_rows", "sniff_workbook"]

logger = logging.getLogger(__name__)

MAX_NUMBER = 1e15  # beyond this a float cannot hold whole numbers exactly


def load_workbook(path: str | os.PathLike[str]) -> Book:
    """Open a workbook for reading, or raise `WorkbookError` with one clear sentence."""
    path = Path(path)
    problems = sniff_workbook(path)
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, data_only=False, rich_text=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged files; see the notes
        logger.debug("openpyxl could not load %s", path, exc_info=True)
        raise WorkbookError(
            f"'{path.name}' is damaged and cannot be read as a workbook ({type(exc).__name__}); "
            "open it in Excel and save it again"
        ) from None
    return Book(workbook, path, problems)


@dataclass
class Book:
    """A loaded workbook, the problems found so far, and cell reading with locations."""

    workbook: Workbook
    path: Path
    problems: list[Problem] = field(default_factory=list)
    _cells: CellReader = field(init=False, repr=False)
    _by_name: dict[str, Worksheet] = field(default_factory=dict, init=False, repr=False)
    _sheets_named: int = field(default=-1, init=False, repr=False)

    def __post_init__(self) -> None:
        self._cells = CellReader(self)

    def sheet(self, name: str) -> Worksheet | None:
        """The worksheet called `name` (any case), or None."""
        sheets = self.workbook.worksheets
        if self._sheets_named != len(sheets):  # made on first use, anew if sheets were added
            self._by_name = {ws.title.strip().lower(): ws for ws in reversed(sheets)}
            self._sheets_named = len(sheets)
        wanted = name.strip().lower()
        return self._by_name.get(wanted) if wanted else None

    def error(self, message: str, sheet: str = "", cell: str = "") -> None:
        """Record an error (the build stops after validation)."""
        self.problems.append(Problem("error", message, sheet, cell))

    def warning(self, message: str, sheet: str = "", cell: str = "") -> None:
        """Record a warning (the build goes on)."""
        self.problems.append(Problem("warning", message, sheet, cell))

    def check_visible(self, ws: Worksheet) -> None:
        """Warn when a sheet used as input is hidden in Excel (docgen reads it all the same)."""
        if ws.sheet_state != "visible":
            self.warning("this sheet is hidden in Excel; docgen reads it all the same", ws.title)

    def value(self, sheet: str, coordinate: str) -> object:
        """A cell's value with formulas worked out; errors are recorded and give None.

        Raises `WorkbookError` when working out the workbook's formulas would take more than
        `limits.MAX_FORMULA_WORK`.
        """
        if not coordinate:
            return None
        ws = self.sheet(sheet)
        if ws is None:
            raise FormulaError(f"there is no sheet called '{sheet}'")
        # Not ws[coordinate], which creates every cell it is asked for.
        cell = ws._cells.get(coordinate_to_tuple(coordinate))
        value = self._cells.value_of(ws, cell) if cell is not None else None
        return None if value is FAILED else value

    def text(self, ws: Worksheet, coordinate: str) -> str:
        """A cell as text: cleaned of XML-illegal characters (with a warning), trimmed."""
        value = self.value(ws.title, coordinate)
        if value is None:
            return ""
        if isinstance(value, dt.datetime | dt.date):
            from .numfmt import format_value

            return format_value(value, ws[coordinate].number_format)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value)
        if len(text) > limits.MAX_CELL_CHARS:
            self.error(
                f"the text is {len(text):,} characters long; a cell may hold "
                f"{limits.MAX_CELL_CHARS:,}",
                ws.title,
                coordinate,
            )
            return ""
        cleaned, removed = clean_text(text)
        if removed:
            self.warning(
                f"removed characters Word cannot hold ({', '.join(removed)})", ws.title, coordinate
            )
        return cleaned.strip()

    def number(self, ws: Worksheet, coordinate: str, what: str = "a number") -> float | None:
        """A cell as a number; text in it is an error naming the cell and the text."""
        value = self.value(ws.title, coordinate)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, dt.date | dt.time | dt.timedelta):
            self.error(f"expected {what}, found a date or time ({value}); format the cell as "
                       "a number", ws.title, coordinate)
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(f'expected {what}, found "{_short(value)}"', ws.title, coordinate)
            return None
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            self.error(f"the number {value:g} is too large for a report", ws.title, coordinate)
            return None
        return float(value)

    def number_format(self, ws: Worksheet, coordinate: str) -> str:
        """The cell's Excel number format."""
        return ws[coordinate].number_format or "General"


def _short(value: object, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_SPACES = re.compile(r"[\s_]+")


def normalise_header(text: object) -> str:
    """A header as docgen compares it: lower case, single spaces, no trailing * or :."""
    return _SPACES.sub(" ", str(text or "")).strip().rstrip("*:").strip().lower()


@dataclass(frozen=True)
class Column:
    """A column docgen reads from a sheet: its name, other names accepted, and if required."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True

    def matches(self, header: str) -> bool:
        """True when a header cell (normalised) names this column."""
        return header in {self.name.lower(), *self.aliases}


@dataclass(frozen=True)
class Row:
    """A data row of a sheet: its number, and the letter of each known column."""

    number: int
    letters: dict[str, str]

    def cell(self, column: str) -> str | None:
        """The coordinate of this row's cell in `column` (e.g. 'C14'), or None if absent."""
        letter = self.letters.get(column)
        return f"{letter}{self.number}" if letter else None


def read_rows(book: Book, ws: Worksheet, columns: list[Column]) -> list[Row]:
    """The non-empty data rows under the header row 1, with each known column's letter."""
    from openpyxl.utils import get_column_letter

    max_col = min(ws.max_column, limits.MAX_COLUMNS)
    letters: dict[str, str] = {}
    for col in range(1, max_col + 1):
        header = normalise_header(ws.cell(row=1, column=col).value)
        for column in columns:
            if column.name not in letters and header and column.matches(header):
                letters[column.name] = get_column_letter(col)
    for column in columns:
        if column.required and column.name not in letters:
            book.error(f"the header row (row 1) has no column '{column.name}'", ws.title)
    if ws.max_row > limits.MAX_ROWS:
        book.error(f"the sheet has {ws.max_row:,} rows; docgen reads up to {limits.MAX_ROWS:,}",
                   ws.title)
        return []
    return list(_data_rows(book, ws, letters))


def _data_rows(book: Book, ws: Worksheet, letters: dict[str, str]) -> Iterator[Row]:
    wanted = sorted(letters.values())
    for number in range(2, ws.max_row + 1):
        if all(ws[f"{letter}{number}"].value in (None, "") for letter in wanted):
            continue
        dimension = ws.row_dimensions.get(number)
        if dimension is not None and dimension.hidden:
            book.warning("this row is hidden in Excel; docgen reads it all the same",
                         ws.title, f"A{number}")
        yield Row(number, letters)
