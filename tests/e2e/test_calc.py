"""Authors using LibreOffice Calc (issue 14): a workbook re-saved by Calc gives the same report
as the Excel-saved one, bold first columns included (Calc drops Excel's First Column option, so
the example makes those cells bold, as docs/workbook.md tells Calc users to)."""

from __future__ import annotations

import shutil
import subprocess

import docx
import pytest
from pypdf import PdfReader
from tests.support import EXAMPLE

import docgen

pytestmark = pytest.mark.libreoffice


def report_of(path):
    document = docx.Document(path)
    paragraphs = [p.text for p in document.paragraphs]
    cells = [[(cell.text, any(run.bold for p in cell.paragraphs for run in p.runs))
              for cell in row.cells] for table in document.tables for row in table.rows]
    return paragraphs, cells


@pytest.fixture(scope="module")
def calc_saved(tmp_path_factory):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("calc")
    source = folder / "excel.xlsx"
    shutil.copy(EXAMPLE, source)
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(folder / "out"),
         str(source)], capture_output=True, text=True, timeout=180)
    saved = folder / "out" / "excel.xlsx"
    if not saved.is_file():
        pytest.skip(f"LibreOffice Calc could not convert the workbook: {result.stderr[-300:]}")
    return saved


def test_a_calc_saved_workbook_gives_the_same_report(calc_saved, tmp_path):
    excel = docgen.build(EXAMPLE, outdir=tmp_path / "excel", pdf=True)
    calc = docgen.build(calc_saved, outdir=tmp_path / "calc", pdf=True)
    excel_report, calc_report = report_of(excel.docx), report_of(calc.docx)
    assert calc_report == excel_report
    bold_first = [row[0] for row in excel_report[1] if row[0][1]]
    assert len(bold_first) > 20  # the bold first columns survived, not only the headers
    assert len(PdfReader(calc.pdf).pages) == len(PdfReader(excel.pdf).pages)
