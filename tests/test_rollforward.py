"""Rolling last quarter's workbook forward: values move, labels advance, LAST is untouched."""

import hashlib
import shutil

import openpyxl
import pytest
from click.testing import CliRunner
from tests.support import EXAMPLE, column_of

import docgen
from docgen import api
from docgen.cli import cli
from docgen.exceptions import DocgenError
from docgen.rollforward import advance_period


@pytest.mark.parametrize("label, expected", [
    ("Oct '17 - Sep '18", "Jan '18 - Dec '18"),
    ("Jul '18 - Sep '18", "Oct '18 - Dec '18"),
    ("Q2 2019/20", "Q3 2019/20"),
    ("Q4 2019/20", "Q1 2020/21"),
    ("Q4 2019", "Q1 2020"),
    ("Quarter 4 2019-20", "Quarter 1 2020-21"),
    ("July 2019 - September 2019", "October 2019 - December 2019"),
    ("Oct - Dec 2019", "Jan - Mar 2020"),
    ("2018/19", None),
    ("Year to date", None),
])
def test_advance_period(label, expected):
    assert advance_period(label) == expected


@pytest.fixture(scope="module")
def rolled(tmp_path_factory):
    before = hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    path, warnings = api.roll_forward(EXAMPLE, tmp_path_factory.mktemp("roll") / "next.xlsx")
    assert hashlib.sha256(EXAMPLE.read_bytes()).hexdigest() == before  # LAST untouched
    return path, warnings


def test_year_on_year_measures_leave_previous_empty_with_its_format(rolled):
    # Every measure of the seed is year on year (12 months to September against the 12
    # months before): last quarter's Current is not next quarter's Previous.
    last = openpyxl.load_workbook(EXAMPLE)["Measures"]
    new = openpyxl.load_workbook(rolled[0])["Measures"]
    previous, current = column_of(new, "Previous"), column_of(new, "Current")
    for row in range(2, last.max_row + 1):
        old = last.cell(row=row, column=current)
        assert new.cell(row=row, column=previous).value is None
        assert new.cell(row=row, column=previous).number_format == old.number_format
        assert new.cell(row=row, column=current).value is None
    assert new["D2"].number_format == '"£"0.0"m"'


def quarter_on_quarter(book):
    ws = book["Measures"]
    for row in range(2, ws.max_row + 1):
        ws.cell(row=row, column=column_of(ws, "Compared with"), value="previous period")


def test_quarter_on_quarter_measures_carry_current_to_previous(tmp_path, edit_workbook):
    source = edit_workbook(quarter_on_quarter, name="last.xlsx")
    path, _ = api.roll_forward(source, tmp_path / "next.xlsx")
    last, new = openpyxl.load_workbook(source)["Measures"], openpyxl.load_workbook(path)["Measures"]
    previous, current = column_of(new, "Previous"), column_of(new, "Current")
    for row in range(2, 5):
        old = last.cell(row=row, column=current)
        assert new.cell(row=row, column=previous).value == old.value
        assert new.cell(row=row, column=previous).number_format == old.number_format
        assert new.cell(row=row, column=current).value is None
    problems = [str(p) for p in docgen.check(path)]
    assert not any(p.startswith("Measures!D") for p in problems)


def test_period_labels_advance_and_the_meeting_date_is_cleared(rolled):
    book = openpyxl.load_workbook(rolled[0])
    settings = {row[0].value: row[1] for row in book["Settings"].iter_rows(min_row=2)}
    assert settings["Previous period"].value == "Jan '18 - Dec '18"
    assert settings["Current period"].value == "Jan '19 - Dec '19"
    assert settings["Meeting date"].value is None
    assert settings["Meeting date"].number_format == "d mmmm yyyy"
    measures = book["Measures"]
    assert measures["J2"].value == "Oct '18 - Dec '18"
    assert measures["K2"].value == "Oct '19 - Dec '19"


def test_narrative_tables_and_validations_are_kept(rolled):
    last, new = openpyxl.load_workbook(EXAMPLE), openpyxl.load_workbook(rolled[0])
    assert new["Narrative"]["C2"].value == last["Narrative"]["C2"].value
    assert sorted(new["Tables"].tables) == sorted(last["Tables"].tables)
    for sheet in last.sheetnames:
        assert (len(new[sheet].data_validations.dataValidation)
                == len(last[sheet].data_validations.dataValidation))


def test_checking_the_new_workbook_asks_only_for_the_new_figures(rolled):
    problems = docgen.check(rolled[0])
    assert "Settings!B3: enter the meeting date" in [str(p) for p in problems]
    other = [p for p in problems if p.cell != "B3" and p.severity == "error"]
    assert other and all(p.sheet == "Measures" and p.cell[0] in "DE" for p in other)


def test_nothing_untyped_can_reach_a_rolled_report(rolled, tmp_path):
    with pytest.raises(docgen.WorkbookError) as raised:
        docgen.build(rolled[0], outdir=tmp_path)
    errors = [p.message for p in raised.value.errors if p.location.startswith("Measures!D")]
    assert ("enter the Jan '18 - Dec '18 value for All Crime (this workbook was rolled forward "
            "from quarterly-report-2019-11.xlsx)") in errors
    assert not list(tmp_path.iterdir())


def test_the_rolled_workbook_names_where_it_came_from(rolled):
    settings = {row[0].value: row[1].value
                for row in openpyxl.load_workbook(rolled[0])["Settings"].iter_rows(min_row=2)}
    assert settings["Rolled forward from"] == "quarterly-report-2019-11.xlsx"


def test_no_warning_about_previous_values_that_were_not_carried(rolled):
    assert not any("the Previous values are now" in str(p) for p in rolled[1])


def test_quarter_on_quarter_labels_that_do_not_follow_are_warned_about(tmp_path):
    def year_on_year_labels(book):
        quarter_on_quarter(book)

    source = tmp_path / "last.xlsx"
    book = openpyxl.load_workbook(EXAMPLE)
    year_on_year_labels(book)
    book.save(source)
    _, warnings = api.roll_forward(source, tmp_path / "next.xlsx")
    assert any(str(w).startswith("Settings!B10: the Previous values are now last quarter's "
                                 "current figures (Oct '18 - Sep '19)") for w in warnings)


def label_last_year(book):
    ws = book["Measures"]
    ws.cell(row=2, column=column_of(ws, "Previous period"), value="Last year")


def test_a_label_that_is_not_a_period_is_kept_with_a_warning(tmp_path, edit_workbook):
    source = edit_workbook(label_last_year, name="last.xlsx")
    path, warnings = api.roll_forward(source, tmp_path / "next.xlsx")
    ws = openpyxl.load_workbook(source)["Measures"]
    letter = openpyxl.utils.get_column_letter(column_of(ws, "Previous period"))
    assert any(str(w).startswith(f'Measures!{letter}2: cannot tell which period "Last year" is')
               for w in warnings)
    assert openpyxl.load_workbook(path)["Measures"][f"{letter}2"].value == "Last year"


def formula_in_current(book):
    ws = book["Measures"]
    ws.cell(row=2, column=column_of(ws, "Current"), value="=40+2")
    ws.cell(row=2, column=column_of(ws, "Compared with"), value="previous period")


def test_a_formula_in_current_moves_as_its_value(tmp_path, edit_workbook):
    source = edit_workbook(formula_in_current, name="last.xlsx")
    path, _ = api.roll_forward(source, tmp_path / "next.xlsx")
    new = openpyxl.load_workbook(path)["Measures"]
    assert new.cell(row=2, column=column_of(new, "Previous")).value == 42


def test_refuses_an_existing_or_the_same_file(tmp_path):
    copy = tmp_path / "last.xlsx"
    shutil.copy(EXAMPLE, copy)
    with pytest.raises(DocgenError, match="exists already"):
        api.roll_forward(copy, copy)
    (tmp_path / "taken.xlsx").write_bytes(b"x")
    with pytest.raises(DocgenError, match="exists already"):
        api.roll_forward(copy, tmp_path / "taken.xlsx")
    assert copy.read_bytes() == EXAMPLE.read_bytes()


def test_cli_init_from(tmp_path):
    result = CliRunner().invoke(cli, ["init", "--from", str(EXAMPLE), str(tmp_path / "q3.xlsx")])
    assert result.exit_code == 0, result.output
    assert f"Wrote {tmp_path / 'q3.xlsx'}" in result.output
    assert "warning: Settings!B8: kept" in result.output
