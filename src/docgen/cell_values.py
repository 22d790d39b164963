"""A workbook's cell values as docgen reads them: Excel errors and out-of-range numbers
recorded on their cells, formulas worked out by docgen (`formulas`) once each, in order of their
dependencies, with loops named and the work bounded (`limits.MAX_FORMULA_WORK`).
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING, Protocol

from . import limits
from .exceptions import Problem, WorkbookError
from .formulas import Area, Formula, FormulaError, parse_formula

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

_ERROR_VALUES = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!"}

Key = tuple[str, str]
"""(sheet title, coordinate) of a cell."""

FAILED = object()
"""Stands for a cell whose problem is recorded already; formulas using it fail as well."""


class CellBook(Protocol):
    """What the cell reader needs of the workbook it reads (`workbook.Book`)."""

    problems: list[Problem]

    def sheet(self, name: str) -> Worksheet | None:
        """The worksheet called `name` (any case), or None."""

    def error(self, message: str, sheet: str = "", cell: str = "") -> None:
        """Record an error on a cell."""


class CellReader:
    """Cell values for a `workbook.Book`: plain values checked, formulas worked out once each, in
    order of their dependencies, within `limits.MAX_FORMULA_WORK`.

    Empty cells are never created (openpyxl's ws.cell() would create every cell it is asked
    for, so a formula adding up a large empty range would fill memory with empty cells), and a
    range is read the cheaper way round: cell by cell, or through the sheet's existing cells.
    """

    def __init__(self, book: CellBook):
        self.book = book
        self.results: dict[Key, object] = {}
        self.work = 0
        self.formula_positions: dict[str, set[tuple[int, int]]] = {}

    def value_of(self, ws: Worksheet, cell: Cell) -> object:
        """A cell's value, formulas worked out, or FAILED once its problem is recorded."""
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
        if self.results.get(key) is not FAILED:
            self.book.error(message, *key)
            self.results[key] = FAILED
        return FAILED

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
        """A formula's value, or FAILED with its problem recorded on the cell."""
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
                if value is FAILED:
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
