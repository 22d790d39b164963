"""The tests' one helper package: paths of the examples, workbook and document builders, and
oracles (chart XML from python-pptx, Word's numbering as shown). Fixtures live in conftest.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "inputs" / "quarterly-report-2019-11.xlsx"
MINIMAL = ROOT / "examples" / "minimal" / "minimal.xlsx"
RESTYLED_TEMPLATE = ROOT / "examples" / "restyled" / "template.docx"


def column_of(ws, header: str) -> int:
    """The column number of a header in row 1."""
    for cell in ws[1]:
        if str(cell.value).strip().lower() == header.lower():
            return cell.column
    raise KeyError(header)


needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed")


def pdf_text(path: Path) -> list[str]:
    """Extracted text of every page."""
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages]
