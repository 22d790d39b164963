"""Helpers for the web tests: workbooks and documents made in the test, a stand-in core."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docgen import api
from docgen.exceptions import Problem, WorkbookError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "inputs" / "quarterly-report-2019-11.xlsx"
TITLE_TEXT = "STRATEGIC SCRUTINY MEETING"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def make_broken_workbook(example: Path, target: Path) -> tuple[Path, str]:
    """Copy `example` to `target`, putting "n/a" in the first Measures "Previous" value."""
    import openpyxl

    book = openpyxl.load_workbook(example)
    sheet = book["Measures"]
    headers = {str(c.value).strip(): c.column for c in sheet[1] if c.value is not None}
    column = headers.get("Previous") or headers["Current"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column).value is not None)
    cell = sheet.cell(row, column)
    cell.value = "n/a"
    book.save(target)
    return target, f"Measures!{cell.coordinate}"


def fake_docx(path: Path, text: str) -> None:
    """A one-paragraph Word document."""
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    document.save(path)


def fake_pdf(path: Path, text: str, pages: int = 2) -> None:
    """A PDF of `pages` A4 pages, each showing `text`."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        pdf.drawString(72, 760, f"{text} - page {number}")
        pdf.showPage()
    pdf.save()


def fake_problems(workbook: Path) -> list[Problem]:
    """Errors for every "n/a" cell and a warning for every "check" cell of the workbook."""
    import openpyxl

    problems = []
    for sheet in openpyxl.load_workbook(workbook, read_only=True).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == "n/a":
                    problems.append(
                        Problem(
                            "error",
                            "enter a number, for example 155255",
                            sheet.title,
                            cell.coordinate,
                        )
                    )
                elif cell.value == "check":
                    problems.append(
                        Problem("warning", "check this value", sheet.title, cell.coordinate)
                    )
    return problems


class FakeCore:
    """Stands in for `docgen.api.build` and `check`; records the calls it gets."""

    def __init__(self, pages: int = 2):
        self.pages = pages
        self.calls: list[dict] = []

    def check(self, workbook, *, template=None) -> list[Problem]:
        self.calls.append({"check": Path(workbook), "template": template})
        return fake_problems(Path(workbook))

    def build(self, workbook, *, template=None, outdir="out", pdf=False, pdf_engine="docgen"):
        self.calls.append({"build": Path(workbook), "template": template, "pdf": pdf})
        problems = fake_problems(Path(workbook))
        if any(p.severity == "error" for p in problems):
            raise WorkbookError("the workbook has errors", problems)
        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        docx_path = outdir / f"{Path(workbook).stem}.docx"
        fake_docx(docx_path, TITLE_TEXT)
        pdf_path = None
        if pdf:
            pdf_path = outdir / f"{Path(workbook).stem}.pdf"
            fake_pdf(pdf_path, TITLE_TEXT, self.pages)
        return api.BuildResult(
            docx_path, pdf_path, [p for p in problems if p.severity == "warning"]
        )


def small_workbook(path: Path, value: object = 1) -> Path:
    """A tiny real .xlsx with a Measures sheet whose B2 holds `value`."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Measures"
    sheet["A1"], sheet["B1"], sheet["A2"], sheet["B2"] = "Measure", "Previous", "Crime", value
    book.save(path)
    return path


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip package holding `members`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(path: Path, name: str | None = None, field: str = "workbook") -> dict:
    """The `files=` argument posting `path` as `field`."""
    return {field: (name or path.name, path.read_bytes(), XLSX)}
