"""Files that are not usable workbooks get one clear sentence, judged by their bytes."""

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from tests.support import MINIMAL

from docgen import limits
from docgen.exceptions import WorkbookError
from docgen.workbook import Book, load_workbook
from docgen.workbook_file import _count_cells, _scan_part


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


# Entity declarations anywhere in a part -----------------------------------------------------

def with_part(tmp_path, name: str, change) -> Path:
    """A copy of the minimal workbook with the part `name` replaced by `change(old bytes)`."""
    path = tmp_path / "case.xlsx"
    with zipfile.ZipFile(MINIMAL) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, change(data) if info.filename == name else data)
    return path


def declare_entity_after(padding: int, encoding: str = "utf-8"):
    def change(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
        text = ("<!--" + " " * padding + '--><!DOCTYPE w [<!ENTITY e "e">]>'
                + body.decode("utf-8"))
        if encoding == "utf-8":
            return text.encode()
        return f'<?xml version="1.0" encoding="UTF-16"?>{text}'.encode("utf-16")

    return change


@pytest.mark.parametrize(("padding", "encoding"), [
    (0, "utf-8"), (5_000, "utf-8"), (65_536 - 10, "utf-8"), (65_536 - 5, "utf-8"),
    (300_000, "utf-8"), (5_000, "utf-16"),
], ids=["at-the-start", "past-4-kb", "across-a-chunk", "split-in-a-chunk", "far-in", "utf-16"])
def test_entity_declarations_anywhere_in_a_part_are_refused(tmp_path, padding, encoding):
    part = "xl/worksheets/sheet2.xml"
    path = with_part(tmp_path, part, declare_entity_after(padding, encoding))
    assert refusal(path) == (f"'case.xlsx' contains XML entity declarations ({part}), which "
                             "Excel never writes; it is refused as unsafe")


def test_a_long_comment_without_declarations_is_read(tmp_path):
    path = with_part(tmp_path, "xl/worksheets/sheet2.xml",
                     lambda xml: xml.replace(b"<sheetData>", b"<!--" + b"x" * 200_000
                                             + b"--><sheetData>", 1))
    assert load_workbook(path).problems == []


# Formulas between cells ----------------------------------------------------------------------

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


def with_extra_part(tmp_path, name: str, data: bytes) -> Path:
    path = tmp_path / "case.xlsx"
    shutil.copy(MINIMAL, path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(name, data)
    return path


def test_entity_declarations_in_a_part_of_any_name_are_refused(tmp_path):
    path = with_extra_part(tmp_path, "customXml/item1.data",
                           b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>')
    assert "contains XML entity declarations (customXml/item1.data)" in refusal(path)


def test_an_svg_image_with_a_doctype_is_not_refused(tmp_path):
    svg = (b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
           b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg/>')
    path = with_extra_part(tmp_path, "xl/media/image1.svg", svg)
    assert load_workbook(path).problems == []


# Cells counted before openpyxl reads them ----------------------------------------------------

def test_cells_are_counted_exactly_across_chunks(tmp_path):
    cells = "".join(f'<c r="A{n}"><v>{n}</v></c>' for n in range(1, 20_001))
    path = tmp_path / "cells.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", f"<sheetData><row>{cells}</row></sheetData>")
    with zipfile.ZipFile(path) as archive:
        scan = _scan_part(archive, archive.infolist()[0])
    assert (scan.cells, scan.declares_entities) == (20_000, False)


def test_a_workbook_with_more_cells_than_docgen_reads_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_WORKBOOK_CELLS", 150)
    assert re.fullmatch(r"'minimal.xlsx' holds \d+ cells; docgen reads workbooks of up to "
                        r"150\. Delete the cells the report does not need and save again",
                        refusal(MINIMAL))


def test_cells_are_counted_however_the_xml_is_written():
    xml = b'<x:c r="A1"/><c\nr="A2"/><c/><col min="1"/><cfRule/><c:chart/><cols/>'
    assert _count_cells(xml) == 3


def test_a_missing_workbook_is_named_with_its_folder(tmp_path):
    from docgen import api

    with pytest.raises(WorkbookError, match="'no/such/file.xlsx' was not found"):
        api.read_report("no/such/file.xlsx")
