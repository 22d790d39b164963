"""`docgen.workbook`: loading a workbook. (Its bytes are checked in test_workbook_file.py, its
cells and formulas in test_cell_values.py.)"""

import zipfile

import pytest
from tests.support import MINIMAL

from docgen.exceptions import WorkbookError
from docgen.workbook import load_workbook


def refusal(path) -> str:
    with pytest.raises(WorkbookError) as info:
        load_workbook(path)
    assert len(info.value.problems) == 1
    return str(info.value)


def test_corrupt_part(tmp_path):
    path = tmp_path / "corrupt.xlsx"
    with zipfile.ZipFile(MINIMAL) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = b"<not xml"
            target.writestr(info, data)
    assert "is damaged and cannot be read" in refusal(path)


def test_a_missing_workbook_is_named_with_its_folder(tmp_path):
    from docgen import api

    with pytest.raises(WorkbookError, match="'no/such/file.xlsx' was not found"):
        api.read_report("no/such/file.xlsx")


def test_sheets_are_found_in_any_case_and_after_one_is_added():
    book = load_workbook(MINIMAL)
    measures = book.sheet("measures")
    assert measures is not None and book.sheet(" MEASURES ") is measures
    assert book.sheet("Notes") is None and book.sheet("") is None
    added = book.workbook.create_sheet("Notes")
    assert book.sheet("notes") is added
