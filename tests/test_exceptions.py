"""`docgen.exceptions`: located problems, their order, and the errors a user can act on."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from docgen.exceptions import (
    DocgenError,
    DocumentError,
    ExportError,
    Problem,
    TemplateError,
    WorkbookError,
    errors_in,
    sort_problems,
    warnings_in,
)


def test_a_problem_is_located_by_sheet_and_cell():
    problem = Problem("error", "enter a number", "Measures", "C14")
    assert problem.location == "Measures!C14"
    assert str(problem) == "Measures!C14: enter a number"


def test_a_problem_on_a_whole_sheet_or_file_says_as_much():
    assert Problem("warning", "hidden", "Themes").location == "Themes"
    assert str(Problem("warning", "hidden", "Themes")) == "Themes: hidden"
    whole = Problem("error", "'x.xlsx' is empty")
    assert whole.location == ""
    assert str(whole) == "'x.xlsx' is empty"


def test_a_cell_without_its_sheet_is_not_a_location():
    assert Problem("error", "odd", "", "B2").location == ""


def test_as_dict_is_plain_data_for_json():
    assert Problem("warning", "macros ignored", "Settings", "B3").as_dict() == {
        "severity": "warning", "sheet": "Settings", "cell": "B3",
        "location": "Settings!B3", "message": "macros ignored"}


def test_problems_sort_by_sheet_then_row_then_column_in_reading_order():
    cells = ["AA1", "B10", "B9", "Z1", "A1", "C2"]
    problems = [Problem("error", "m", "Measures", cell) for cell in cells]
    problems.append(Problem("error", "m", "Charts", "Z99"))
    ordered = [p.location for p in sort_problems(problems)]
    assert ordered == ["Charts!Z99", "Measures!A1", "Measures!Z1", "Measures!AA1",
                       "Measures!C2", "Measures!B9", "Measures!B10"]


def test_at_one_place_errors_come_before_warnings_and_a_whole_sheet_first():
    problems = [Problem("warning", "w", "S", "A1"), Problem("error", "e", "S", "A1"),
                Problem("warning", "sheet", "S")]
    assert [(p.severity, p.cell) for p in sort_problems(problems)] == [
        ("warning", ""), ("error", "A1"), ("warning", "A1")]


@given(st.lists(st.tuples(st.integers(1, 800), st.integers(1, 5000)), min_size=1, max_size=30))
def test_sorting_follows_row_then_column_number(positions):
    problems = [Problem("error", "m", "Sheet", f"{get_column_letter(c)}{r}")
                for c, r in positions]
    expected = sorted(positions, key=lambda cr: (cr[1], cr[0]))
    assert [p.cell for p in sort_problems(problems)] == [
        f"{get_column_letter(c)}{r}" for c, r in expected]


def test_errors_and_warnings_are_split_keeping_order():
    problems = [Problem("warning", "a"), Problem("error", "b"), Problem("warning", "c"),
                Problem("error", "d")]
    assert [p.message for p in errors_in(problems)] == ["b", "d"]
    assert [p.message for p in warnings_in(problems)] == ["a", "c"]


def test_a_workbook_error_without_problems_is_its_own_one_error():
    exc = WorkbookError("'x.xlsx' was not found")
    assert exc.problems == [Problem("error", "'x.xlsx' was not found")]
    assert str(exc) == "'x.xlsx' was not found"
    assert exc.warnings == []


def test_a_workbook_error_lists_its_errors_sorted_and_keeps_warnings_apart():
    exc = WorkbookError("2 problems", [Problem("warning", "hidden", "Themes"),
                                       Problem("error", "enter a number", "Measures", "C4"),
                                       Problem("error", "enter a title", "Measures", "B2")])
    assert str(exc) == "Measures!B2: enter a title\nMeasures!C4: enter a number"
    assert [p.location for p in exc.errors] == ["Measures!B2", "Measures!C4"]
    assert [p.message for p in exc.warnings] == ["hidden"]


def test_a_workbook_error_of_warnings_only_shows_its_message():
    exc = WorkbookError("the workbook has 1 problem(s) (--strict)",
                        [Problem("warning", "hidden", "Themes")])
    assert str(exc) == "the workbook has 1 problem(s) (--strict)"


def test_a_workbook_error_survives_pickling_with_its_problems():
    """Worker processes send errors back pickled (`isolation`)."""
    exc = WorkbookError("bad", [Problem("error", "enter a number", "Measures", "C3")])
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is WorkbookError
    assert back.problems == exc.problems
    assert str(back) == "Measures!C3: enter a number"


@pytest.mark.parametrize(("kind", "code"), [
    (DocgenError, 1), (WorkbookError, 2), (TemplateError, 2), (ExportError, 1),
    (DocumentError, 2)])
def test_exit_codes(kind, code):
    assert kind.exit_code == code
    assert issubclass(kind, DocgenError)


def test_a_document_error_is_an_export_error():
    assert issubclass(DocumentError, ExportError)


def test_problems_are_frozen_and_hashable():
    problem = Problem("error", "m", "S", "A1")
    assert {problem, Problem("error", "m", "S", "A1")} == {problem}
    with pytest.raises(AttributeError):
        problem.message = "other"  # type: ignore[misc]
