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
import sys
import zipfile
import zlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl.utils.cell import coordinate_to_tuple

from . import limits
from .exceptions import Problem, WorkbookError
from .formulas import Area, Formula, FormulaError, parse_formula
from .text import clean_text

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
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
        raise WorkbookError(f"'{path}' was not found") from None
    except IsADirectoryError:
        raise WorkbookError(f"'{path}' is a folder, not a workbook") from None
    except OSError as exc:
        raise WorkbookError(f"'{path}' cannot be read: {exc.strerror or exc}") from None
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
    """Refuse XML entity declarations, sheets declaring a huge area and more cells than
    docgen reads, before parsing."""
    cells = 0
    with zipfile.ZipFile(path) as archive:
        for info in infos:
            # Every part openpyxl might parse, whatever its name; not images, where an SVG
            # logo may carry a harmless DOCTYPE and which openpyxl never parses.
            if info.filename.startswith("xl/media/") or info.is_dir():
                continue
            try:
                scan = _scan_part(archive, info)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
                raise WorkbookError(f"'{path.name}' is damaged: its part {info.filename} cannot "
                                    "be unpacked; open it in Excel and save it again") from None
            if scan.declares_entities:
                raise WorkbookError(
                    f"'{path.name}' contains XML entity declarations ({info.filename}), which "
                    "Excel never writes; it is refused as unsafe")
            if "worksheets/" in info.filename:
                _check_dimension(path, scan.head)
            cells += scan.cells
    if cells > limits.MAX_WORKBOOK_CELLS:
        raise WorkbookError(
            f"'{path.name}' holds {cells:,} cells; docgen reads workbooks of up to "
            f"{limits.MAX_WORKBOOK_CELLS:,}. Delete the cells the report does not need and "
            "save again")


# XML parts may be UTF-8 or UTF-16; the declarations are looked for in each.
_ENTITY_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_PREFIXED_CELL = re.compile(rb"<\w+:c[\s>/]")  # a cell element written <x:c r="A1" …>
_OVERLAP = max(len(marker) for marker in _ENTITY_MARKERS) - 1
_CHUNK = 1 << 16


@dataclass(frozen=True)
class _PartScan:
    """What a part holds, found before parsing: its first 4 KB, whether it declares a DOCTYPE
    or entity anywhere, and how many cell elements it has."""

    head: bytes
    declares_entities: bool
    cells: int


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> _PartScan:
    """Read a whole part (its size is already bounded by `_check_sizes`) in chunks that
    overlap, so that a declaration or a cell split between two chunks is still found."""
    head, tail, cells = b"", b"", 0
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _ENTITY_MARKERS):
                return _PartScan(head, True, cells)
            # Cells wholly inside the overlap were counted with the previous chunk.
            cells += _count_cells(window) - _count_cells(tail)
            head = head or chunk[:4096]
            tail = window[-_OVERLAP:]
    return _PartScan(head, False, cells)


def _count_cells(xml: bytes) -> int:
    """How many cell elements (<c r="A1" …>, as Excel writes them, or prefixed) `xml` has."""
    plain = sum(xml.count(b"<c" + end) for end in (b" ", b">", b"/", b"\t", b"\n", b"\r"))
    return plain + (len(_PREFIXED_CELL.findall(xml)) if b":c" in xml else 0)


def _check_dimension(path: Path, head: bytes) -> None:
    """Refuse a sheet whose declared area is larger than `limits.MAX_SHEET_CELLS`."""
    from openpyxl.utils import column_index_from_string

    match = _DIMENSION.search(head)
    if not match or not match.group(3):
        return
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


Key = tuple[str, str]
"""(sheet title, coordinate) of a cell."""

_FAILED = object()
"""Stands for a cell whose problem is recorded already; formulas using it fail as well."""


@dataclass
class Book:
    """A loaded workbook, the problems found so far, and cell reading with locations."""

    workbook: Workbook
    path: Path
    problems: list[Problem] = field(default_factory=list)
    _cells: _CellReader = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._cells = _CellReader(self)

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
        return None if value is _FAILED else value

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


class _CellReader:
    """Cell values for a `Book`: plain values checked, formulas worked out once each, in
    order of their dependencies, within `limits.MAX_FORMULA_WORK`.

    Empty cells are never created (openpyxl's ws.cell() would create every cell it is asked
    for, so a formula adding up a large empty range would fill memory with empty cells), and a
    range is read the cheaper way round: cell by cell, or through the sheet's existing cells.
    """

    def __init__(self, book: Book):
        self.book = book
        self.results: dict[Key, object] = {}
        self.work = 0
        self.formula_positions: dict[str, set[tuple[int, int]]] = {}

    def value_of(self, ws: Worksheet, cell: Cell) -> object:
        """A cell's value, formulas worked out, or _FAILED once its problem is recorded."""
        if cell.data_type == "f":
            key = (ws.title, cell.coordinate)
            if key not in self.results:
                self.work_out(ws, cell)
            return self.results[key]
        value = cell.value
        if cell.data_type == "e" or (isinstance(value, str) and value in _ERROR_VALUES):
            return self.fail((ws.title, cell.coordinate),
                             f"the cell shows the Excel error {value}; correct it")
        if isinstance(value, int | float) and not isinstance(value, bool) and not _in_range(value):
            return self.fail((ws.title, cell.coordinate),
                             "the number is beyond Excel's range (±1.8E+308)")
        return value

    def fail(self, key: Key, message: str) -> object:
        """Record a cell's problem, once, and remember the cell as failed."""
        if self.results.get(key) is not _FAILED:
            self.book.error(message, *key)
            self.results[key] = _FAILED
        return _FAILED

    def work_out(self, ws: Worksheet, cell: Cell) -> None:
        """Work out a formula cell after every formula cell it depends on, catching loops.

        The dependencies are followed with an explicit path rather than by recursion, so a
        chain of thousands of formulas (A1 = A2+1, A2 = A3+1, …) cannot exhaust the stack.
        """
        path: list[Key] = []
        parsed: dict[Key, Formula] = {}
        pending: list[Iterator[tuple[Worksheet, Cell]]] = []

        def enter(ws: Worksheet, cell: Cell) -> None:
            key = (ws.title, cell.coordinate)
            formula = self.prepare(key, cell.value)
            if formula is not None:
                path.append(key)
                parsed[key] = formula
                pending.append(self.formula_cells(formula))

        enter(ws, cell)
        while path:
            found = next(pending[-1], None)
            if found is None:
                key = path.pop()
                pending.pop()
                formula = parsed.pop(key)
                if key not in self.results:
                    self.results[key] = self.evaluate(key, formula)
                continue
            dependency = (found[0].title, found[1].coordinate)
            if dependency in parsed:
                self.circular(path[path.index(dependency):])
            elif dependency not in self.results:
                enter(*found)

    def prepare(self, key: Key, text: object) -> Formula | None:
        """A formula cell read and its work counted, or None once its problem is recorded."""
        if not isinstance(text, str):
            self.fail(key, "array and data-table formulas are not supported")
            return None
        try:
            formula = parse_formula(text, key[0])
        except FormulaError as exc:
            self.fail(key, str(exc))
            return None
        self.charge(key, formula.work)
        return formula

    def charge(self, key: Key, work: int) -> None:
        """Count a formula's work; stop the whole read before it passes the limit."""
        self.work += work
        if self.work > limits.MAX_FORMULA_WORK:
            message = (
                f"with this formula, working out the workbook's formulas would mean reading "
                f"{self.work:,} cells (each formula counting as {limits.FORMULA_OVERHEAD}), "
                f"more than the {limits.MAX_FORMULA_WORK:,} docgen allows; use fewer formulas "
                "or smaller ranges"
            )
            problems = [*self.book.problems, Problem("error", message, *key)]
            raise WorkbookError(message, problems)

    def formula_cells(self, formula: Formula) -> Iterator[tuple[Worksheet, Cell]]:
        """The formula cells in the areas a formula uses (each formula's direct dependencies)."""
        for area in formula.areas:
            ws = self.book.sheet(area.sheet)
            if ws is None:
                continue  # reported when the formula is worked out
            for position in _within(area, self.formulas_on(ws)):
                cell = ws._cells.get(position)
                if cell is not None and cell.data_type == "f":  # unless since overwritten
                    yield ws, cell

    def formulas_on(self, ws: Worksheet) -> set[tuple[int, int]]:
        """Where a sheet's formula cells are, found once."""
        if ws.title not in self.formula_positions:
            self.formula_positions[ws.title] = {
                position for position, cell in ws._cells.items() if cell.data_type == "f"}
        return self.formula_positions[ws.title]

    def circular(self, loop: list[Key]) -> None:
        """Record a circular reference on every cell of the loop, each naming the loop."""
        for index, key in enumerate(loop):
            order = loop[index:] + loop[:index] + [key]
            names = " → ".join(_cell_name(other, key[0]) for other in order)
            self.fail(key, f"circular reference: {names}; a formula cannot use its own result")

    def evaluate(self, key: Key, formula: Formula) -> object:
        """A formula's value, or _FAILED with its problem recorded on the cell."""
        try:
            return formula.value(self.area_values)
        except FormulaError as exc:
            return self.fail(key, str(exc))

    def area_values(self, area: Area) -> list[object]:
        """The values of the cells of `area` that are not empty, for the formula evaluator."""
        ws = self.book.sheet(area.sheet)
        if ws is None:
            raise FormulaError(f"there is no sheet called '{area.sheet}'")
        values = []
        largest = _LARGEST
        for cell in _cells_within(area, ws._cells):
            value = cell.value
            # A plain number in range is by far the commonest cell in a range: take it at once.
            if cell.data_type != "n" or not (value is None or -largest <= value <= largest):
                value = self.value_of(ws, cell)
                if value is _FAILED:
                    raise FormulaError(f"it uses {ws.title}!{cell.coordinate}, which cannot be "
                                       "worked out (see that cell)")
            values.append(value)
        return values


def _within(area: Area, positions: Collection[tuple[int, int]]) -> list[tuple[int, int]]:
    """The (row, column) positions among `positions` inside `area`, row by row, found by
    whichever is smaller: the area or the positions."""
    if area.size > len(positions):
        return sorted(position for position in positions if area.contains(*position))
    columns = range(area.min_col, area.max_col + 1)
    return [(row, col) for row in range(area.min_row, area.max_row + 1) for col in columns
            if (row, col) in positions]


def _cells_within(area: Area, cells: dict[tuple[int, int], Cell]) -> list[Cell]:
    """The existing cells of `area`, row by row, found as `_within` finds positions."""
    if area.size > len(cells):
        return [cells[position] for position in _within(area, cells)]
    get = cells.get
    columns = range(area.min_col, area.max_col + 1)
    found = [get((row, col)) for row in range(area.min_row, area.max_row + 1) for col in columns]
    return [cell for cell in found if cell is not None]


_LARGEST = sys.float_info.max


def _in_range(number: int | float) -> bool:
    """True for a number Excel can hold: within a float's range (so not infinite nor NaN)."""
    return -_LARGEST <= number <= _LARGEST


def _cell_name(key: Key, sheet: str) -> str:
    """'B2' on `sheet`, 'Sheet!B2' elsewhere."""
    return key[1] if key[0] == sheet else f"{key[0]}!{key[1]}"


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
