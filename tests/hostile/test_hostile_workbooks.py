"""Small hostile workbooks that once stopped the server (issue 12): each is refused with the
cell named, or worked out correctly, quickly and in modest memory, through the API and the CLI.

Every workbook is the minimal example with one change, built here so the case is readable.
"""

from __future__ import annotations

import contextlib
import re
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.worksheet.table import Table
from tests.support import MINIMAL

import docgen
from docgen import limits
from docgen.api import read_report
from docgen.cli import cli
from docgen.exceptions import WorkbookError

SECONDS = 5.0
PEAK_BYTES = 300_000_000

Change = Callable[[openpyxl.Workbook], None]


@contextlib.contextmanager
def bounded(*, memory: bool = False) -> Iterator[None]:
    """Fail unless the block ends within `SECONDS` (and, if `memory`, allocates < PEAK_BYTES)."""
    if memory:
        tracemalloc.start()
    started = time.monotonic()
    try:
        yield
    finally:
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1] if memory else 0
        if memory:
            tracemalloc.stop()
    assert elapsed < SECONDS, f"took {elapsed:.1f} s"
    assert peak < PEAK_BYTES, f"allocated {peak / 1e6:.0f} MB at the peak"


def current(formula: str) -> Change:
    """Put `formula` in Measures!E2, the current value of the first measure."""

    def change(wb: openpyxl.Workbook) -> None:
        wb["Measures"]["E2"] = formula

    return change


def errors_from_api(path: Path, *, memory: bool = False) -> list[str]:
    """`check()` and `build()` agree: the errors, as `Sheet!Cell: message`."""
    with bounded(memory=memory):
        problems = docgen.check(path)
    with bounded(), pytest.raises(WorkbookError) as info:
        docgen.build(path, outdir=path.parent / "out")
    errors = [str(p) for p in problems if p.severity == "error"]
    assert errors == [str(p) for p in info.value.errors]
    assert not (path.parent / "out" / f"{path.stem}.docx").exists()
    return errors


def output_from_cli(path: Path) -> str:
    """`docgen build` exits 2; what it printed."""
    with bounded():
        result = CliRunner().invoke(cli, ["build", str(path), "-o", str(path.parent / "out")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    return result.output


def assert_refused(path: Path, *expected: str, memory: bool = False) -> None:
    """Each `expected` line is among the errors from the API and in the CLI's output."""
    errors = errors_from_api(path, memory=memory)
    output = output_from_cli(path)
    for line in expected:
        assert any(line in error for error in errors), (line, errors)
        assert line in output, (line, output)


# Formulas whose result Excel cannot show --------------------------------------------------

TOO_DEEP = "the formula nests brackets, functions or signs more than 64 deep"


@pytest.mark.parametrize(("formula", "message"), [
    ("=10^400", "the result is too large (Excel shows #NUM!)"),
    ("=1E308*10", "the result is too large (Excel shows #NUM!)"),
    ("=(-8)^(1/3)", "a negative number to a fractional power has no real value"),
    ("=0^-1", "divides by zero: 0 to a negative power"),
    ("=1/0", "divides by zero (Excel shows #DIV/0!)"),
    ("=ABS()", "ABS() takes one number; =ABS() gives it 0"),
    ("=ROUND(1)", "ROUND() takes a number and the digits to round to"),
    ("=" + "(" * 3000 + "1" + ")" * 3000, TOO_DEEP),
    ("=" + "-" * 3000 + "1", TOO_DEEP),
    ("=E2+1", "circular reference: E2 → E2; a formula cannot use its own result"),
], ids=["power-overflow", "product-overflow", "complex-root", "zero-to-negative",
        "divide-by-zero", "abs-without-argument", "round-without-digits", "3000-brackets",
        "3000-signs", "refers-to-itself"])
def test_formula_errors_name_the_cell(edit_workbook, formula, message):
    path = edit_workbook(current(formula))
    assert_refused(path, f"Measures!E2: {message}")


def test_round_to_a_hundred_million_digits_is_excels_answer_at_once(edit_workbook):
    path = edit_workbook(current("=ROUND(1105.4,1E8)+ROUND(1,-1E8)"))
    with bounded():
        report, _ = read_report(path)
    assert report.measures[0].current.number == 1105.4
    with bounded():
        result = CliRunner().invoke(cli, ["build", str(path), "-o", str(path.parent / "out")])
    assert result.exit_code == 0, result.output


def test_a_number_beyond_excels_range_never_reaches_the_report(tmp_path):
    path = tmp_path / "infinite.xlsx"
    changes = {sheet_part("Measures"): (b"<v>1105</v>", b"<v>1E999</v>"),
               sheet_part("Tables"): (b"<v>402</v>", b"<v>-1E999</v>")}
    with zipfile.ZipFile(MINIMAL) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in changes:
                data = data.replace(*changes[info.filename], 1)
            target.writestr(info, data)
    assert_refused(path, "Measures!E2: the number is beyond Excel's range",
                   "Tables!B2: the number is beyond Excel's range",
                   "Tables!B5: it uses Tables!B2, which cannot be worked out")


# References between formula cells --------------------------------------------------------

def chain(length: int) -> Change:
    """Data!A1 = A2+1, A2 = A3+1, …, the last = 1, and Measures!E2 = Data!A1."""

    def change(wb: openpyxl.Workbook) -> None:
        data = wb.create_sheet("Data")
        for row in range(1, length):
            data[f"A{row}"] = f"=A{row + 1}+1"
        data[f"A{length}"] = 1
        wb["Measures"]["E2"] = "=Data!A1"

    return change


def test_a_600_cell_reference_chain_is_worked_out(edit_workbook):
    path = edit_workbook(chain(600))
    with bounded():
        report, _ = read_report(path)
    assert report.measures[0].current.number == 600
    with bounded():
        result = CliRunner().invoke(cli, ["build", str(path), "-o", str(path.parent / "out")])
    assert result.exit_code == 0, result.output


def test_a_circular_pair_names_both_cells_and_the_cell_using_them(edit_workbook):
    def change(wb: openpyxl.Workbook) -> None:
        data = wb.create_sheet("Data")
        data["A1"], data["B1"] = "=B1", "=A1*2"
        wb["Measures"]["E2"] = "=Data!A1"

    assert_refused(edit_workbook(change),
                   "Data!A1: circular reference: A1 → B1 → A1",
                   "Data!B1: circular reference: B1 → A1 → B1",
                   "Measures!E2: it uses Data!A1, which cannot be worked out")


# Work bounded before it is done ------------------------------------------------------------

def test_four_empty_tables_of_a_million_cells_are_refused_before_reading(edit_workbook):
    def change(wb: openpyxl.Workbook) -> None:
        for number in range(1, 5):
            ws = wb.create_sheet(f"Big{number}")
            table = Table(displayName=f"Big{number}", ref="A1:GQ4999")  # 4,999 × 199
            table._initialise_columns()  # else openpyxl creates every cell to name the columns
            ws.add_table(table)

    path = edit_workbook(change)
    assert path.stat().st_size < 100_000
    expected = [f"Big{n}!A1: the table 'Big{n}' (A1:GQ4999, 994,801 cells) would take the Excel "
                f"Tables past {limits.MAX_TABLE_CELLS:,} cells in all" for n in range(1, 5)]
    assert_refused(path, *expected, memory=True)


def test_tables_within_the_limit_each_but_not_together_name_the_one_past_it(edit_workbook,
                                                                           monkeypatch):
    monkeypatch.setattr(limits, "MAX_TABLE_CELLS", 100)

    def change(wb: openpyxl.Workbook) -> None:
        for number, ref in ((1, "A1:J6"), (2, "A1:J5")):  # 60 and 50 cells, with the example's 10
            ws = wb.create_sheet(f"Data{number}")
            table = Table(displayName=f"Data{number}", ref=ref)
            table._initialise_columns()
            ws.add_table(table)

    errors = errors_from_api(edit_workbook(change))
    assert errors == ["Data2!A1: the table 'Data2' (A1:J5, 50 cells) would take the Excel "
                      "Tables past 100 cells in all, the most docgen reads; make the tables "
                      "smaller"]


def test_a_thousand_formulas_each_adding_up_100000_cells_stop_at_the_limit(edit_workbook):
    def change(wb: openpyxl.Workbook) -> None:
        wb.create_sheet("Data")["A1"] = 1
        ws = wb["Tables"]
        ws["D1"], ws["E1"] = "Row", "Sum"
        for row in range(2, 1002):
            ws[f"D{row}"], ws[f"E{row}"] = row, "=SUM(Data!A1:J10000)"
        ws.add_table(Table(displayName="Sums", ref="D1:E1001"))

    path = edit_workbook(change)
    # Each formula counts 100,100 (the example's own total 103): the tenth passes 1,000,000.
    assert_refused(path, "Tables!E11: with this formula, working out the workbook's formulas "
                         "would mean reading 1,001,103 cells (each formula counting as 100), "
                         "more than the 1,000,000 docgen allows", memory=True)


# The file itself --------------------------------------------------------------------------

def test_entity_declarations_past_the_first_4_kb_are_refused_as_unsafe(tmp_path):
    name = sheet_part("Narrative")
    path = tmp_path / "late-entities.xlsx"
    with zipfile.ZipFile(MINIMAL) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == name:
                data = late_doctype(data)
            target.writestr(info, data)
    message = f"contains XML entity declarations ({name}), which Excel never writes"
    with bounded():
        assert any(message in str(p) for p in docgen.check(path))
    assert message in output_from_cli(path)


def test_a_sheet_of_300000_cells_is_refused_before_openpyxl_reads_it(tmp_path):
    name = sheet_part("Narrative")
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{col}{r}"><v>1</v></c>' for col in "ABCDE")
                   + "</row>" for r in range(10, 60_010))
    path = tmp_path / "many-cells.xlsx"
    with zipfile.ZipFile(MINIMAL) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == name:
                data = data.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
            target.writestr(info.filename, data)
    assert path.stat().st_size < 1_000_000
    message = re.compile(r"'many-cells.xlsx' holds 300,\d{3} cells; docgen reads workbooks of "
                         f"up to {limits.MAX_WORKBOOK_CELLS:,}")
    with bounded(memory=True):
        assert any(message.search(str(p)) for p in docgen.check(path))
    assert message.search(output_from_cli(path))


def late_doctype(xml: bytes, padding: int = 10_000) -> bytes:
    """The part with an entity declared after `padding` bytes of comment, and used."""
    prologue, body = xml.split(b"?>", 1) if xml.startswith(b"<?xml") else (b"", xml)
    declaration = b'<!DOCTYPE w [<!ENTITY e "' + b"e" * 100 + b'">]>'
    return (prologue + b"?>" if prologue else b"") + b"<!--" + b" " * padding + b"-->" + \
        declaration + body.replace(b"Purpose", b"&e;", 1)


def sheet_part(title: str) -> str:
    workbook = openpyxl.load_workbook(MINIMAL)
    return f"xl/worksheets/sheet{workbook.sheetnames.index(title) + 1}.xml"
