"""`docgen.web.samples`: the workbooks an author can start from."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import openpyxl
from tests.support import EXAMPLE

from docgen import sheets
from docgen.web import samples
from docgen.web.samples import EXAMPLE_NAME, blank_workbook_bytes, example_workbook


def test_the_example_is_found_in_a_source_checkout():
    assert example_workbook() == EXAMPLE
    assert example_workbook().name == EXAMPLE_NAME


def test_the_packaged_example_comes_first(monkeypatch, tmp_path):
    packaged = tmp_path / EXAMPLE_NAME
    packaged.write_bytes(b"PK")
    monkeypatch.setattr(samples, "_EXAMPLE_PLACES", (packaged, EXAMPLE))
    assert example_workbook() == packaged


def test_without_an_example_there_is_none(monkeypatch, tmp_path):
    monkeypatch.setattr(samples, "_EXAMPLE_PLACES", (tmp_path / "a.xlsx", tmp_path))
    assert example_workbook() is None


def test_the_blank_workbook_has_every_required_sheet_and_no_measures():
    workbook = openpyxl.load_workbook(io.BytesIO(blank_workbook_bytes()))
    assert set(sheets.REQUIRED_SHEETS) <= set(workbook.sheetnames)
    measures = workbook[sheets.MEASURES]
    headers = [cell.value for cell in measures[1] if cell.value]
    assert headers[:3] == ["ID", "Theme", "Measure"]
    assert all(cell.value is None for row in measures.iter_rows(min_row=2) for cell in row[:3])


def test_the_blank_workbook_leaves_no_folder_behind():
    before = set(Path(tempfile.gettempdir()).glob("docgen-blank-*"))
    blank_workbook_bytes()
    assert set(Path(tempfile.gettempdir()).glob("docgen-blank-*")) == before
