"""Files that are not usable workbooks get one clear sentence, judged by their bytes."""

import shutil
import zipfile

import pytest
from tests.conftest import MINIMAL

from docgen.exceptions import WorkbookError
from docgen.workbook import load_workbook


def refusal(path) -> str:
    with pytest.raises(WorkbookError) as info:
        load_workbook(path)
    assert len(info.value.problems) == 1
    return str(info.value)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert "is empty" in refusal(path)


def test_csv_renamed_to_xlsx(tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_text("Measure,Previous,Current\nAll crime,152063,155255\n")
    assert "is a text or CSV file" in refusal(path)


def test_old_xls_or_password_protected(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    message = refusal(path)
    assert ".xls" in message and "password" in message


def test_word_document_renamed(tmp_path):
    import docx

    path = tmp_path / "report.xlsx"
    docx.Document().save(path)
    assert "is a Word document" in refusal(path)


def test_opendocument_spreadsheet(tmp_path):
    path = tmp_path / "sheet.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    assert "OpenDocument" in refusal(path)


def test_truncated_workbook(tmp_path):
    path = tmp_path / "cut.xlsx"
    path.write_bytes(MINIMAL.read_bytes()[:3000])
    assert "damaged or incomplete" in refusal(path)


def test_corrupt_part(tmp_path):
    path = tmp_path / "corrupt.xlsx"
    with zipfile.ZipFile(MINIMAL) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = b"<not xml"
            target.writestr(info, data)
    assert "is damaged and cannot be read" in refusal(path)


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(MINIMAL) as source, zipfile.ZipFile(
            path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        target.writestr("xl/worksheets/padding.xml", b" " * 20_000_000)
    assert "zip bomb" in refusal(path)


def test_missing_file_and_folder(tmp_path):
    assert "was not found" in refusal(tmp_path / "nothing.xlsx")
    assert "is a folder" in refusal(tmp_path)


def test_macro_workbook_loads_with_a_warning(tmp_path):
    path = tmp_path / "macros.xlsm"
    shutil.copy(MINIMAL, path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\0" * 10)
    book = load_workbook(path)
    assert [p.message for p in book.problems] == [
        "'macros.xlsm' contains macros; docgen ignores them"]
