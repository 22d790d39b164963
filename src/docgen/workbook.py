"""Read the author's workbook: check the file, load it, and read cells with their locations.

Only this module talks to openpyxl. It refuses files that are not usable workbooks with one
clear sentence, works out simple formulas itself, and collects every problem with its sheet and
cell instead of stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import limits
from .exceptions import Problem, WorkbookError
from .formulas import FormulaError, evaluate
from .text import clean_text

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

logger = logging.getLogger(__name__)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_NUMBER = 1e15  # beyond this a float cannot hold whole numbers exactly
_ERROR_VALUES = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!"}


def sniff_workbook(path: Path) -> list[Problem]:
    """Check a file's bytes (not its name) before openpyxl sees it; raise if unusable."""
    name = path.name
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise WorkbookError(f"'{name}' was not found") from None
    except IsADirectoryError:
        raise WorkbookError(f"'{name}' is a folder, not a workbook") from None
    except OSError as exc:
        raise WorkbookError(f"'{name}' cannot be read: {exc.strerror or exc}") from None
    if size == 0:
        raise WorkbookError(f"'{name}' is empty: save the workbook from Excel again")
    if size > limits.MAX_FILE_BYTES:
        raise WorkbookError(
            f"'{name}' is {size / 1e6:.0f} MB; docgen reads workbooks up to "
            f"{limits.MAX_FILE_BYTES / 1e6:.0f} MB"
        )
    if head.startswith(OLE_MAGIC):
        raise WorkbookError(
            f"'{name}' is an old-style .xls workbook or is password-protected: "
            "remove the password and save it as an Excel Workbook (.xlsx)"
        )
    if not head.startswith(ZIP_MAGIC):
        kind = "a text or CSV file" if _looks_like_text(head) else "not an Excel workbook"
        raise WorkbookError(f"'{name}' is {kind}: save it from Excel as an Excel Workbook (.xlsx)")
    return _check_zip(path)


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(ch >= 9 for ch in head)


def _check_zip(path: Path) -> list[Problem]:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError):
        raise WorkbookError(
            f"'{name}' is damaged or incomplete (it is not a readable zip file)") from None
    if b"opendocument" in mimetype:
        raise WorkbookError(
            f"'{name}' is an OpenDocument spreadsheet: save it as an Excel Workbook (.xlsx)"
        )
    if "word/document.xml" in names:
        raise WorkbookError(f"'{name}' is a Word document, not an Excel workbook")
    if "xl/workbook.xml" not in names:
        raise WorkbookError(f"'{name}' is a zip file but not an Excel workbook")
    _check_sizes(name, infos)
    _check_parts(path, infos)
    if "xl/vbaProject.bin" in names:
        return [Problem("warning", f"'{name}' contains macros; docgen ignores them")]
    return []


def _check_sizes(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > limits.MAX_ZIP_ENTRIES:
        raise WorkbookError(f"'{name}' has {len(infos)} parts, more than a workbook needs")
    total = sum(info.file_size for info in infos)
    if total > limits.MAX_UNPACKED_BYTES:
        raise WorkbookError(
            f"'{name}' unpacks to {total / 1e6:.0f} MB, more than the "
            f"{limits.MAX_UNPACKED_BYTES / 1e6:.0f} MB docgen reads"
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1_000_000 and ratio > limits.MAX_COMPRESSION_RATIO:
            raise WorkbookError(
                f"'{name}' looks like a zip bomb: its part {info.filename} is compressed "
                f"{ratio:.0f} to 1"
            )


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _check_parts(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse XML entity declarations and sheets declaring a huge area, before parsing."""
    from openpyxl.utils import column_index_from_string

    with zipfile.ZipFile(path) as archive:
        for info in infos:
            if not info.filename.endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with archive.open(info) as part:
                    head = part.read(4096)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
                raise WorkbookError(f"'{path.name}' is damaged: its part {info.filename} cannot "
                                    "be unpacked; open it in Excel and save it again") from None
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise WorkbookError(
                    f"'{path.name}' contains XML entity declarations ({info.filename}), which "
                    "Excel never writes; it is refused as unsafe")
            match = _DIMENSION.search(head) if "worksheets/" in info.filename else None
            if match and match.group(3):
                rows = int(match.group(4)) - int(match.group(2)) + 1
                cols = (column_index_from_string(match.group(3).decode())
                        - column_index_from_string(match.group(1).decode()) + 1)
                if rows * cols > limits.MAX_SHEET_CELLS:
                    ref = b"".join(g for g in match.groups() if g).decode()
                    raise WorkbookError(
                        f"'{path.name}' has a sheet spanning {rows:,} rows by {cols:,} columns "
                        f"({ref[:40]}); docgen reads sheets of up to {limits.MAX_ROWS:,} rows "
                        f"and {limits.MAX_COLUMNS:,} columns. Delete the unused cells and "
                        "save again")


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
    _values: dict[tuple[str, str], object] = field(default_factory=dict)
    _evaluating: set[tuple[str, str]] = field(default_factory=set)

    def sheet(self, name: str) -> Worksheet | None:
        """The worksheet called `name` (any case), or None."""
        wanted = name.strip().lower()
        for ws in self.workbook.worksheets:
            if ws.title.strip().lower() == wanted:
                return ws
        return None

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
        """A cell's value with formulas worked out; errors are recorded and give None."""
        if not coordinate:
            return None
        key = (sheet, coordinate)
        if key not in self._values:
            self._values[key] = self._compute(sheet, coordinate)
        return self._values[key]

    def _compute(self, sheet: str, coordinate: str) -> object:
        ws = self.sheet(sheet)
        if ws is None:
            raise FormulaError(f"there is no sheet called '{sheet}'")
        cell = ws[coordinate]
        value = cell.value
        if cell.data_type == "e" or (isinstance(value, str) and value in _ERROR_VALUES):
            self.error(f"the cell shows the Excel error {value}; correct it", ws.title, coordinate)
            return None
        if cell.data_type != "f":
            return value
        if not isinstance(value, str):
            self.error("array and data-table formulas are not supported", ws.title, coordinate)
            return None
        return self._evaluate(ws.title, coordinate, value)

    def _evaluate(self, sheet: str, coordinate: str, formula: str) -> float | None:
        key = (sheet, coordinate)
        if key in self._evaluating:
            raise FormulaError(f"the formula in {sheet}!{coordinate} refers to itself")
        self._evaluating.add(key)
        try:
            return evaluate(formula, sheet, self.value)
        except FormulaError as exc:
            self.error(str(exc), sheet, coordinate)
            return None
        finally:
            self._evaluating.discard(key)

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
