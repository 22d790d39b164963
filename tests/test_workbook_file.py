"""`docgen.workbook_file`: a workbook's bytes checked before openpyxl reads them, each refusal
one sentence naming the file and what to do."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.support import MINIMAL

from docgen import limits, workbook_file
from docgen.exceptions import WorkbookError
from docgen.workbook import load_workbook
from docgen.workbook_file import OLE_MAGIC, _count_cells, _scan_part, sniff_workbook

SHEET = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
         'formats.org/spreadsheetml/2006/main"><dimension ref="{ref}"/><sheetData>{rows}'
         "</sheetData></worksheet>")


def xlsx(path: Path, parts: dict[str, bytes | str] | None = None, *,
         sheet: str | None = None) -> Path:
    """A zip that looks like a workbook: xl/workbook.xml and the given parts."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        if sheet is not None:
            archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
    return path


def refusal(path: Path) -> str:
    with pytest.raises(WorkbookError) as raised:
        sniff_workbook(path)
    return str(raised.value)


def test_a_real_workbook_passes_without_problems():
    assert sniff_workbook(MINIMAL) == []


def test_a_missing_file_and_a_folder(tmp_path):
    assert refusal(tmp_path / "gone.xlsx") == f"'{tmp_path / 'gone.xlsx'}' was not found"
    assert refusal(tmp_path) == f"'{tmp_path}' is a folder, not a workbook"


def test_an_empty_file(tmp_path):
    (tmp_path / "w.xlsx").write_bytes(b"")
    assert refusal(tmp_path / "w.xlsx") == ("'w.xlsx' is empty: save the workbook from Excel "
                                            "again")


def test_a_file_larger_than_docgen_reads(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1_000_000)
    path = tmp_path / "big.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 3_000_000)
    assert refusal(path) == "'big.xlsx' is 3 MB; docgen reads workbooks up to 1 MB"


def test_an_old_xls_or_a_password_protected_workbook(tmp_path):
    (tmp_path / "old.xlsx").write_bytes(OLE_MAGIC + b"\0" * 100)
    assert refusal(tmp_path / "old.xlsx") == (
        "'old.xlsx' is an old-style .xls workbook or is password-protected: remove the "
        "password and save it as an Excel Workbook (.xlsx)")


@pytest.mark.parametrize(("data", "kind"), [
    (b"ID,Theme,Measure\nASB,Crime,Antisocial behaviour\n", "a text or CSV file"),
    (b"\x00\x01\x02\x03binary", "not an Excel workbook"),
    ("Café,£5\n".encode(), "a text or CSV file"),
])
def test_whatever_is_not_a_zip_is_named_by_what_it_looks_like(tmp_path, data, kind):
    (tmp_path / "w.xlsx").write_bytes(data)
    assert refusal(tmp_path / "w.xlsx") == (f"'w.xlsx' is {kind}: save it from Excel as an "
                                            "Excel Workbook (.xlsx)")


def test_a_damaged_zip(tmp_path):
    path = tmp_path / "w.xlsx"
    path.write_bytes(MINIMAL.read_bytes()[:2000])
    assert refusal(path) == "'w.xlsx' is damaged or incomplete (it is not a readable zip file)"


def test_other_zips_are_named(tmp_path):
    with zipfile.ZipFile(tmp_path / "calc.xlsx", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert refusal(tmp_path / "calc.xlsx") == (
        "'calc.xlsx' is an OpenDocument spreadsheet: save it as an Excel Workbook (.xlsx)")
    with zipfile.ZipFile(tmp_path / "report.xlsx", "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert refusal(tmp_path / "report.xlsx") == (
        "'report.xlsx' is a Word document, not an Excel workbook")
    with zipfile.ZipFile(tmp_path / "photos.xlsx", "w") as archive:
        archive.writestr("a.jpg", "x")
    assert refusal(tmp_path / "photos.xlsx") == (
        "'photos.xlsx' is a zip file but not an Excel workbook")


def test_macros_are_a_warning_not_a_refusal(tmp_path):
    path = xlsx(tmp_path / "macro.xlsx", {"xl/vbaProject.bin": b"\0" * 10})
    (problem,) = sniff_workbook(path)
    assert (problem.severity, str(problem)) == ("warning",
                                                "'macro.xlsx' contains macros; docgen ignores them")


def test_too_many_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ZIP_ENTRIES", 3)
    path = xlsx(tmp_path / "w.xlsx", {f"xl/p{n}.xml": "<a/>" for n in range(3)})
    assert refusal(path) == "'w.xlsx' has 4 parts, more than a workbook needs"


def test_too_much_unpacked(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 2_000_000)
    path = xlsx(tmp_path / "w.xlsx", {"xl/big.xml": "<a>" + "x" * 2_500_000 + "</a>"})
    assert refusal(path) == "'w.xlsx' unpacks to 3 MB, more than the 2 MB docgen reads"


def test_a_zip_bomb_names_its_part_and_ratio(tmp_path):
    path = xlsx(tmp_path / "w.xlsx", {"xl/sharedStrings.xml": b"\0" * 5_000_000})
    message = refusal(path)
    assert message.startswith("'w.xlsx' looks like a zip bomb: its part xl/sharedStrings.xml "
                              "is compressed ")
    assert message.endswith(" to 1")
    assert int(message.split("compressed ")[1].split()[0]) > limits.MAX_COMPRESSION_RATIO


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be"])
def test_entity_declarations_are_refused_in_any_part_and_encoding(tmp_path, encoding):
    doctype = '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'.encode(encoding)
    path = xlsx(tmp_path / "w.xlsx", {"xl/styles.xml": doctype})
    assert refusal(path) == ("'w.xlsx' contains XML entity declarations (xl/styles.xml), which "
                             "Excel never writes; it is refused as unsafe")


def test_a_sheet_declaring_a_huge_area(tmp_path):
    path = xlsx(tmp_path / "w.xlsx", sheet=SHEET.format(ref="A1:XFD1048576", rows=""))
    assert refusal(path) == (
        "'w.xlsx' has a sheet spanning 1,048,576 rows by 16,384 columns (A1XFD1048576); docgen "
        "reads sheets of up to 5,000 rows and 200 columns. Delete the unused cells and save "
        "again")


def test_a_single_cell_dimension_is_fine(tmp_path):
    assert sniff_workbook(xlsx(tmp_path / "w.xlsx", sheet=SHEET.format(ref="A1", rows=""))) == []


def test_more_cells_than_docgen_reads(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_WORKBOOK_CELLS", 5)
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c><c r="B{n}"/></row>'
                   for n in range(1, 4))
    path = xlsx(tmp_path / "w.xlsx", sheet=SHEET.format(ref="A1:B3", rows=rows))
    assert refusal(path) == ("'w.xlsx' holds 6 cells; docgen reads workbooks of up to 5. Delete "
                             "the cells the report does not need and save again")


def test_a_part_that_cannot_be_unpacked(tmp_path):
    path = xlsx(tmp_path / "w.xlsx", {"xl/styles.xml": "<styleSheet>" + "x" * 5000 + "</s>"})
    data = bytearray(path.read_bytes())
    at = data.index(b"xl/styles.xml") + len("xl/styles.xml")  # the local header's name
    data[at + 10:at + 30] = b"\xff" * 20  # break the deflated data
    path.write_bytes(bytes(data))
    assert refusal(path) == ("'w.xlsx' is damaged: its part xl/styles.xml cannot be unpacked; "
                             "open it in Excel and save it again")


@pytest.mark.parametrize(("xml", "count"), [
    (b'<c r="A1"><v>1</v></c><c r="B1"/><c>\n</c>', 3),
    (b'<x:c r="A1"/><x:c\tr="B1">', 2),
    (b"<col/><cols><cfRule/><c\r/>", 1),
    (b'<x:c r="A1"/><c\nr="A2"/><c/><col min="1"/><cfRule/><c:chart/><cols/>', 3),
    (b"", 0),
])
def test_cells_are_counted_as_excel_writes_them_or_prefixed(xml, count):
    assert _count_cells(xml) == count


@pytest.fixture(scope="module")
def sheets_of_cells(tmp_path_factory) -> dict[int, Path]:
    """Workbooks whose one sheet holds 1 to 40 cells, by count."""
    folder = tmp_path_factory.mktemp("cells")
    made = {}
    for cells in range(1, 41):
        rows = "".join(f'<c r="A{n}"><v>{n}</v></c>' for n in range(1, cells + 1))
        made[cells] = xlsx(folder / f"{cells}.xlsx", sheet=SHEET.format(ref="A1", rows=rows))
    return made


def _scan(path: Path, chunk: int, part: str = "xl/worksheets/sheet1.xml"):
    original = workbook_file._CHUNK
    workbook_file._CHUNK = chunk
    try:
        with zipfile.ZipFile(path) as archive:
            return _scan_part(archive, archive.getinfo(part))
    finally:
        workbook_file._CHUNK = original


@settings(max_examples=40, deadline=None)
@given(cells=st.integers(1, 40), chunk=st.integers(16, 200))
def test_cells_split_between_chunks_are_counted_once(sheets_of_cells, cells, chunk):
    scan = _scan(sheets_of_cells[cells], chunk)
    assert scan.cells == cells and not scan.declares_entities


@settings(max_examples=30, deadline=None)
@given(padding=st.integers(0, 300), chunk=st.integers(16, 64))
def test_a_declaration_split_between_chunks_is_found(tmp_path_factory, padding, chunk):
    path = xlsx(tmp_path_factory.mktemp("split") / "w.xlsx",
                {"xl/styles.xml": " " * padding + '<!ENTITY a "b">'})
    assert _scan(path, chunk, "xl/styles.xml").declares_entities


# -- moved from test_workbook.py: through load_workbook, on copies of a real workbook ------------


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


def test_cells_are_counted_exactly_across_chunks(tmp_path):
    cells = "".join(f'<c r="A{n}"><v>{n}</v></c>' for n in range(1, 20_001))
    path = tmp_path / "cells.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", f"<sheetData><row>{cells}</row></sheetData>")
    with zipfile.ZipFile(path) as archive:
        scan = _scan_part(archive, archive.infolist()[0])
    assert (scan.cells, scan.declares_entities) == (20_000, False)
