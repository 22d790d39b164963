"""Check a workbook file before openpyxl reads it: its bytes, not its name, say what it is,
and its zip parts' sizes, declarations and cell counts are bounded (`limits`).

Each refusal is one clear sentence naming the file and what to do.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from . import limits
from .exceptions import Problem, WorkbookError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_workbook(path: Path) -> list[Problem]:
    """Check a file's bytes (not its name) before openpyxl sees it; raise if unusable."""
    name = path.name
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise WorkbookError(f"'{path}' was not found") from None
    except IsADirectoryError:
        raise WorkbookError(f"'{path}' is a folder, not a workbook") from None
    except OSError as exc:
        raise WorkbookError(f"'{path}' cannot be read: {exc.strerror or exc}") from None
    if size == 0:
        raise WorkbookError(f"'{name}' is empty: save the workbook from Excel again")
    if size > limits.MAX_FILE_BYTES:
        raise WorkbookError(
            f"'{name}' is {size / 1e6:.0f} MB; docgen reads workbooks up to "
            f"{limits.MAX_FILE_BYTES / 1e6:.0f} MB"
        )
    if head.startswith(OLE_MAGIC):
        raise WorkbookError(
            f"'{name}' is an old-style .xls workbook or is password-protected: "
            "remove the password and save it as an Excel Workbook (.xlsx)"
        )
    if not head.startswith(ZIP_MAGIC):
        kind = "a text or CSV file" if _looks_like_text(head) else "not an Excel workbook"
        raise WorkbookError(f"'{name}' is {kind}: save it from Excel as an Excel Workbook (.xlsx)")
    return _check_zip(path)


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(ch >= 9 for ch in head)


def _check_zip(path: Path) -> list[Problem]:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError):
        raise WorkbookError(
            f"'{name}' is damaged or incomplete (it is not a readable zip file)") from None
    if b"opendocument" in mimetype:
        raise WorkbookError(
            f"'{name}' is an OpenDocument spreadsheet: save it as an Excel Workbook (.xlsx)"
        )
    if "word/document.xml" in names:
        raise WorkbookError(f"'{name}' is a Word document, not an Excel workbook")
    if "xl/workbook.xml" not in names:
        raise WorkbookError(f"'{name}' is a zip file but not an Excel workbook")
    _check_sizes(name, infos)
    _check_parts(path, infos)
    if "xl/vbaProject.bin" in names:
        return [Problem("warning", f"'{name}' contains macros; docgen ignores them")]
    return []


def _check_sizes(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > limits.MAX_ZIP_ENTRIES:
        raise WorkbookError(f"'{name}' has {len(infos)} parts, more than a workbook needs")
    total = sum(info.file_size for info in infos)
    if total > limits.MAX_UNPACKED_BYTES:
        raise WorkbookError(
            f"'{name}' unpacks to {total / 1e6:.0f} MB, more than the "
            f"{limits.MAX_UNPACKED_BYTES / 1e6:.0f} MB docgen reads"
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1_000_000 and ratio > limits.MAX_COMPRESSION_RATIO:
            raise WorkbookError(
                f"'{name}' looks like a zip bomb: its part {info.filename} is compressed "
                f"{ratio:.0f} to 1"
            )


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _check_parts(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse XML entity declarations, sheets declaring a huge area and more cells than
    docgen reads, before parsing."""
    cells = 0
    with zipfile.ZipFile(path) as archive:
        for info in infos:
            # Every part openpyxl might parse, whatever its name; not images, where an SVG
            # logo may carry a harmless DOCTYPE and which openpyxl never parses.
            if info.filename.startswith("xl/media/") or info.is_dir():
                continue
            try:
                scan = _scan_part(archive, info)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
                raise WorkbookError(f"'{path.name}' is damaged: its part {info.filename} cannot "
                                    "be unpacked; open it in Excel and save it again") from None
            if scan.declares_entities:
                raise WorkbookError(
                    f"'{path.name}' contains XML entity declarations ({info.filename}), which "
                    "Excel never writes; it is refused as unsafe")
            if "worksheets/" in info.filename:
                _check_dimension(path, scan.head)
            cells += scan.cells
    if cells > limits.MAX_WORKBOOK_CELLS:
        raise WorkbookError(
            f"'{path.name}' holds {cells:,} cells; docgen reads workbooks of up to "
            f"{limits.MAX_WORKBOOK_CELLS:,}. Delete the cells the report does not need and "
            "save again")


# XML parts may be UTF-8 or UTF-16; the declarations are looked for in each.
_ENTITY_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_PREFIXED_CELL = re.compile(rb"<\w+:c[\s>/]")  # a cell element written <x:c r="A1" …>
_OVERLAP = max(len(marker) for marker in _ENTITY_MARKERS) - 1
_CHUNK = 1 << 16


@dataclass(frozen=True)
class _PartScan:
    """What a part holds, found before parsing: its first 4 KB, whether it declares a DOCTYPE
    or entity anywhere, and how many cell elements it has."""

    head: bytes
    declares_entities: bool
    cells: int


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> _PartScan:
    """Read a whole part (its size is already bounded by `_check_sizes`) in chunks that
    overlap, so that a declaration or a cell split between two chunks is still found."""
    head, tail, cells = b"", b"", 0
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _ENTITY_MARKERS):
                return _PartScan(head, True, cells)
            # Cells wholly inside the overlap were counted with the previous chunk.
            cells += _count_cells(window) - _count_cells(tail)
            head = head or chunk[:4096]
            tail = window[-_OVERLAP:]
    return _PartScan(head, False, cells)


def _count_cells(xml: bytes) -> int:
    """How many cell elements (<c r="A1" …>, as Excel writes them, or prefixed) `xml` has."""
    plain = sum(xml.count(b"<c" + end) for end in (b" ", b">", b"/", b"\t", b"\n", b"\r"))
    return plain + (len(_PREFIXED_CELL.findall(xml)) if b":c" in xml else 0)


def _check_dimension(path: Path, head: bytes) -> None:
    """Refuse a sheet whose declared area is larger than `limits.MAX_SHEET_CELLS`."""
    from openpyxl.utils import column_index_from_string

    match = _DIMENSION.search(head)
    if not match or not match.group(3):
        return
    rows = int(match.group(4)) - int(match.group(2)) + 1
    cols = (column_index_from_string(match.group(3).decode())
            - column_index_from_string(match.group(1).decode()) + 1)
    if rows * cols > limits.MAX_SHEET_CELLS:
        ref = b"".join(g for g in match.groups() if g).decode()
        raise WorkbookError(
            f"'{path.name}' has a sheet spanning {rows:,} rows by {cols:,} columns "
            f"({ref[:40]}); docgen reads sheets of up to {limits.MAX_ROWS:,} rows "
            f"and {limits.MAX_COLUMNS:,} columns. Delete the unused cells and "
            "save again")
