"""The blank workbook: what `docgen init` writes, read back with openpyxl as Excel would."""

import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from tests.support import EXAMPLE

import docgen
from docgen import api
from docgen.cli import cli
from docgen.exceptions import TemplateError

ROOT = Path(__file__).resolve().parents[1]
INPUT_SHEETS = ["Settings", "Narrative", "Measures", "Themes", "Charts", "Implications"]


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("blank") / "new.xlsx"
    api.new_workbook(path)
    return path


@pytest.fixture(scope="module")
def book(blank):
    return openpyxl.load_workbook(blank)


def test_checking_a_blank_workbook_reports_only_what_is_left_to_fill(blank):
    assert [str(p) for p in docgen.check(blank)] == [
        "Settings!B2: enter the report to", "Settings!B3: enter the meeting date",
        "Settings!B4: enter the title"]


def test_sheets_are_in_order_with_their_headers(book):
    assert book.sheetnames == ["Instructions", "Settings", "Narrative", "Measures", "Tables",
                               "Themes", "Charts", "Implications"]
    assert [c.value for c in book["Measures"][1]][:5] == ["ID", "Theme", "Measure", "Previous",
                                                          "Current"]


@pytest.mark.parametrize("sheet", INPUT_SHEETS)
def test_header_rows_are_frozen_and_protected_without_a_password(book, sheet):
    ws = book[sheet]
    protection = ws.protection
    assert ws.freeze_panes == "A2"
    assert protection.sheet and not protection.password
    assert all(cell.protection.locked for cell in ws[1] if cell.value)
    # Column styles unlock the cells Excel creates as the author types, own columns too.
    assert not any(ws.column_dimensions[letter].protection.locked for letter in "ABZ")
    # False means "not prevented": authors still add, delete, sort and format rows.
    for option in ("insertRows", "deleteRows", "formatCells", "formatRows", "sort"):
        assert getattr(protection, option) is False, option


def test_no_empty_cells_are_stored_only_to_style_them(blank):
    """Every stored cell is read again by every build: column styles do the styling, and
    the one empty cell kept is the meeting date's, for its date format."""
    from lxml import etree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(blank) as archive:
        sheets = [etree.fromstring(archive.read(name)) for name in archive.namelist()
                  if name.startswith("xl/worksheets/sheet")]
    empty = [c.get("r") for root in sheets for c in root.iter(f"{main}c")
             if c.find(f"{main}v") is None and c.find(f"{main}is") is None]
    assert empty == ["B3"]


def test_the_example_is_the_blank_workbook_filled_in_as_excel_would(book):
    """Cells the example's script fills take their column's style, as typed cells do in Excel:
    unlocked on protected sheets, wrapped in long-text columns."""
    example = openpyxl.load_workbook(EXAMPLE)
    for ws in example.worksheets:
        if ws.title == "Instructions" or not ws.protection.sheet:
            continue
        locked = [c.coordinate for row in ws.iter_rows(min_row=2) for c in row
                  if c.value is not None and c.protection.locked]
        assert locked == [], ws.title
    assert example["Narrative"]["C2"].alignment.wrap_text


def test_the_tables_sheet_stays_unprotected_for_insert_table(book):
    assert not book["Tables"].protection.sheet
    assert book["Instructions"].protection.sheet


def validations(ws) -> dict[str, object]:
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


@pytest.mark.parametrize("sheet, cells, choices", [
    ("Narrative", "A2:A500", "1,2,3"),
    ("Measures", "F2:F500", "count,percentage,minutes,seconds,money,number"),
    ("Measures", "G2:G500", "higher,lower,neither"),
    ("Measures", "L2:L500", "yes,no"),
    ("Charts", "B2:B500", "line,column,bar,stacked column"),
    ("Charts", "D2:D500", "rows,columns"),
    ("Charts", "J2:J500", "yes,no"),
])
def test_fixed_choices_are_drop_down_lists(book, sheet, cells, choices):
    rule = validations(book[sheet])[cells]
    assert rule.type == "list" and rule.formula1 == f'"{choices}"' and rule.showErrorMessage


@pytest.mark.parametrize("sheet, cells", [("Narrative", "D2:D500"), ("Charts", "C2:C500")])
def test_table_name_columns_carry_an_input_message(book, sheet, cells):
    rule = validations(book[sheet])[cells]
    assert rule.type is None and rule.showInputMessage and "Table Name" in rule.prompt


def test_header_cells_have_input_messages(book):
    assert "previous period" in validations(book["Measures"])["D1"].prompt


def test_formats_are_preset(book):
    assert book["Settings"]["A3"].value == "Meeting date"
    assert book["Settings"]["B3"].number_format == "d mmmm yyyy"
    assert validations(book["Settings"])["B3"].type == "date"
    for column in "DEH":
        assert book["Measures"][f"{column}2"].number_format == "General"


def make_bad_template(tmp_path) -> Path:
    document = docx.Document()
    document.add_paragraph("{{p body }}")
    document.add_paragraph("{% for x in implications %}")
    path = tmp_path / "bad.docx"
    document.save(path)
    return path


def test_init_for_a_template_names_it_and_refuses_a_broken_one(tmp_path):
    restyled = ROOT / "examples" / "restyled" / "template.docx"
    path = api.new_workbook(tmp_path / "for-template.xlsx", template=restyled)
    lines = [c.value for c in openpyxl.load_workbook(path)["Instructions"]["A"] if c.value]
    assert any("made for the template template.docx" in line for line in lines)
    assert any(line.startswith("The template shows these settings: Report to, Meeting date, "
                               "Title, Agenda item, Organisation") for line in lines)
    with pytest.raises(TemplateError, match="bad.docx"):
        api.new_workbook(tmp_path / "refused.xlsx", template=make_bad_template(tmp_path))
    assert not (tmp_path / "refused.xlsx").exists()


def test_cli_init_with_a_template(tmp_path):
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "a.xlsx"), "-t",
                                      str(make_bad_template(tmp_path))])
    assert result.exit_code == 2 and "endfor" in result.output
    assert not (tmp_path / "a.xlsx").exists()
