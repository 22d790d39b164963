"""`docgen.cell_values`: cell values checked, formulas worked out once each in dependency
order, loops named, the work bounded. (The formula language itself: test_formulas.py.)"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.worksheet.formula import ArrayFormula

from docgen import limits
from docgen.cell_values import FAILED, _cells_within, _in_range, _within
from docgen.exceptions import WorkbookError
from docgen.formulas import Area
from docgen.workbook import Book


# -- moved from test_workbook.py ------------------------------------------------------------
def book_of(cells: dict[str, object], *, sheet: str = "S") -> Book:
    """A Book of one in-memory sheet holding `cells` (coordinate → value or formula)."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    for coordinate, value in cells.items():
        ws[coordinate] = value
    return Book(workbook, Path("memory.xlsx"))


def errors(book: Book) -> list[str]:
    return [str(p) for p in book.problems if p.severity == "error"]


def test_a_chain_far_longer_than_the_stack_is_worked_out():
    length = 5_000  # each link once took ~10 frames of Python's 1,000
    cells = {f"A{row}": f"=A{row + 1}+1" for row in range(1, length)}
    book = book_of({**cells, f"A{length}": 1})
    assert book.value("S", "A1") == length
    assert book.value("S", "A2") == length - 1 and errors(book) == []


def test_formulas_are_worked_out_whichever_is_read_first():
    book = book_of({"A1": "=SUM(B1:B3)", "B1": "=B2*2", "B2": "=B3+1", "B3": 4})
    assert book.value("S", "B2") == 5
    assert book.value("S", "A1") == 4 + 5 + 10


def test_every_cell_of_a_loop_is_named_once():
    book = book_of({"A1": "=B1+1", "B1": "=SUM(C1:C2)", "C1": "=A1", "C2": 3, "D1": "=A1"})
    assert book.value("S", "D1") is None
    assert book.value("S", "A1") is None
    assert sorted(errors(book)) == [
        "S!A1: circular reference: A1 → B1 → C1 → A1; a formula cannot use its own result",
        "S!B1: circular reference: B1 → C1 → A1 → B1; a formula cannot use its own result",
        "S!C1: circular reference: C1 → A1 → B1 → C1; a formula cannot use its own result",
        "S!D1: it uses S!A1, which cannot be worked out (see that cell)",
    ]


def test_a_loop_across_sheets_names_the_other_sheet():
    book = book_of({"A1": "=Other!A1"})
    book.workbook.create_sheet("Other")["A1"] = "=S!A1"
    assert book.value("S", "A1") is None
    assert errors(book) == ["S!A1: circular reference: A1 → Other!A1 → A1; a formula cannot "
                            "use its own result",
                            "Other!A1: circular reference: A1 → S!A1 → A1; a formula cannot "
                            "use its own result"]


def test_a_cell_showing_an_excel_error_is_named_once_and_stops_its_users():
    book = book_of({"A1": "#DIV/0!", "B1": "=A1+1", "B2": "=SUM(A1:A2)"})
    assert book.value("S", "B1") is None and book.value("S", "B2") is None
    assert errors(book) == [
        "S!A1: the cell shows the Excel error #DIV/0!; correct it",
        "S!B1: it uses S!A1, which cannot be worked out (see that cell)",
        "S!B2: it uses S!A1, which cannot be worked out (see that cell)",
    ]


def test_adding_up_a_large_empty_range_creates_no_cells():
    book = book_of({"A1": "=SUM(B1:K10000)+SUM(B1:B2)", "B2": 5})
    ws = book.workbook["S"]
    before = len(ws._cells)
    assert book.value("S", "A1") == 10
    assert book.value("S", "Z99") is None
    assert len(ws._cells) == before


def test_numbers_beyond_excels_range_are_errors_not_infinities():
    book = book_of({"A1": float("inf"), "A2": 10**400, "A3": float("nan"), "B1": "=SUM(A1:A3)"})
    assert [book.value("S", c) for c in ("A1", "A2", "A3", "B1")] == [None] * 4
    assert errors(book)[:3] == [f"S!A{row}: the number is beyond Excel's range (±1.8E+308)"
                                for row in (1, 2, 3)]


def test_the_formula_work_limit_stops_the_read_keeping_earlier_problems(monkeypatch):
    monkeypatch.setattr(limits, "MAX_FORMULA_WORK", 1_000)
    monkeypatch.setattr(limits, "FORMULA_OVERHEAD", 1)
    book = book_of({"A1": "#N/A", "B1": "=SUM(C1:C500)", "B2": "=SUM(C1:C500)"})
    book.value("S", "A1")
    assert book.value("S", "B1") == 0
    with pytest.raises(WorkbookError) as info:
        book.value("S", "B2")
    assert [str(p) for p in info.value.errors] == [
        "S!A1: the cell shows the Excel error #N/A; correct it",
        "S!B2: with this formula, working out the workbook's formulas would mean reading 1,002 "
        "cells (each formula counting as 1), more than the 1,000 docgen allows; use fewer "
        "formulas or smaller ranges",
    ]




# -- one cell at a time -------------------------------------------------------------------------


def test_plain_values_pass_as_they_are():
    book = book_of({"A1": 3, "A2": "text", "A3": True, "A4": 2.5})
    assert [book.value("S", c) for c in ("A1", "A2", "A3", "A4", "A5")] == [3, "text", True,
                                                                             2.5, None]
    assert book.problems == []


def test_an_error_value_typed_as_text_is_an_error_too():
    book = book_of({"A1": "#N/A", "A2": "#SPILL!", "A3": "#n/a"})
    assert [book.value("S", c) for c in ("A1", "A2", "A3")] == [None, None, "#n/a"]
    assert errors(book) == ["S!A1: the cell shows the Excel error #N/A; correct it",
                            "S!A2: the cell shows the Excel error #SPILL!; correct it"]


def test_a_cell_is_named_once_however_often_it_is_read():
    book = book_of({"A1": "#REF!"})
    for _ in range(3):
        assert book.value("S", "A1") is None
    assert len(errors(book)) == 1


def test_an_array_formula_is_not_supported():
    book = book_of({})
    book.workbook["S"]["A1"] = ArrayFormula("A1", "=SUM(B1:B2*C1:C2)")
    assert book.value("S", "A1") is None
    assert errors(book) == ["S!A1: array and data-table formulas are not supported"]


def test_a_formula_docgen_cannot_work_out_is_an_error_on_its_cell():
    book = book_of({"A1": "=NOSUCHFUNCTION(1)", "B1": "=A1*2"})
    assert book.value("S", "B1") is None
    first, second = book.problems
    assert first.location == "S!A1"
    assert first.message.startswith("docgen cannot work out NOSUCHFUNCTION() in "
                                    "=NOSUCHFUNCTION(1)")
    assert str(second) == "S!B1: it uses S!A1, which cannot be worked out (see that cell)"


def test_a_formula_on_a_sheet_that_is_not_there():
    book = book_of({"A1": "=Missing!A1+1"})
    assert book.value("S", "A1") is None
    assert errors(book) == ["S!A1: there is no sheet called 'Missing'"]


def test_each_formula_is_worked_out_once():
    book = book_of({"A1": "=B1*2", "B1": 21})
    reader = book._cells
    assert book.value("S", "A1") == 42
    work = reader.work
    assert book.value("S", "A1") == 42
    assert reader.work == work == limits.FORMULA_OVERHEAD + 1


def test_a_formula_overwritten_by_a_value_is_not_followed():
    book = book_of({"A1": "=B1+1", "B1": "=1/0"})
    book.workbook["S"]["B1"] = 5
    assert book.value("S", "A1") == 6 and book.problems == []


def test_where_the_formulas_are_is_found_once_per_sheet():
    book = book_of({"A1": "=B1", "B1": "=C1", "C1": 1})
    book.value("S", "A1")
    assert book._cells.formula_positions == {"S": {(1, 1), (1, 2)}}


def test_failed_stands_for_a_cell_whose_problem_is_recorded():
    book = book_of({"A1": "#DIV/0!"})
    ws = book.workbook["S"]
    assert book._cells.value_of(ws, ws["A1"]) is FAILED


@pytest.mark.parametrize(("number", "ok"), [
    (0, True), (-1.7e308, True), (1.7976931348623157e308, True), (float("inf"), False),
    (float("-inf"), False), (float("nan"), False), (10**309, False), (-(10**308), True)])
def test_in_range_is_a_floats_range(number, ok):
    assert _in_range(number) is ok


# -- ranges read either way round ---------------------------------------------------------------

positions = st.sets(st.tuples(st.integers(1, 30), st.integers(1, 30)), max_size=60)
areas = st.tuples(st.integers(1, 30), st.integers(1, 30), st.integers(0, 12),
                  st.integers(0, 12)).map(
    lambda t: Area("", "S", t[1], t[0], t[1] + t[3], t[0] + t[2]))


@given(areas, positions)
def test_within_finds_the_positions_inside_row_by_row(area, found):
    expected = [(row, col) for row in range(area.min_row, area.max_row + 1)
                for col in range(area.min_col, area.max_col + 1) if (row, col) in found]
    assert _within(area, found) == expected


@given(areas, positions)
def test_cells_within_gives_the_existing_cells_in_order(area, found):
    cells = {position: f"cell {position}" for position in found}
    assert _cells_within(area, cells) == [cells[p] for p in _within(area, found)]
