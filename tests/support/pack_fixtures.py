"""Test fixtures for the agenda pack: an agenda workbook and small papers, each clearly a test
document (their text is not a real committee paper). The only real paper is the seed report's
workbook, inputs/quarterly-report-2019-11.xlsx."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from tests.support import EXAMPLE
from tests.support import docx_fixtures as fx

from docgen.agenda import sheets
from docgen.agenda.blank import new_agenda_workbook
from docgen.blank import write_cell

WORD_TEXT = "Test fixture Word paper, made by the docgen test suite."
PDF_TEXT = "Test fixture PDF paper, made by the docgen test suite."
EXEMPT_TEXT = "Test fixture exempt paper ZQX-EXEMPT-MARKER, made by the docgen test suite."

MEETING = {"Committee": "Strategic Scrutiny Meeting", "Date": dt.datetime(2019, 11, 21),
           "Time": "10:00", "Venue": "Test fixture venue", "Chair": "Test fixture chair",
           "Clerk": "Test Fixture Clerk", "Contact": "clerk@example.org",
           "Public notice": "Test fixture public notice."}


def write_agenda(path: Path, items: list[tuple], meeting: dict | None = None) -> Path:
    """An agenda workbook at `path`; `items` are rows (Item, Title, Presenter, Papers,
    Exempt paragraph, Note), shorter rows padded with blanks."""
    book = new_agenda_workbook()
    ws = book[sheets.MEETING]
    values = MEETING if meeting is None else meeting
    for row in range(2, ws.max_row + 1):
        label = ws.cell(row=row, column=1).value
        if label in values:
            write_cell(ws, row, 2, values[label])
    ws = book[sheets.ITEMS]
    for r, item in enumerate(items, start=2):
        for c, value in enumerate(item, start=1):
            if value not in (None, ""):
                write_cell(ws, r, c, value)
    book.save(path)
    return path


def word_paper(path: Path, text: str = WORD_TEXT, title: str = "Test fixture Word paper"
               ) -> Path:
    """A .docx with two headings (bookmarks in its PDF) and `text`."""
    document = fx.arial_document()
    document.core_properties.title = title
    document.add_heading("Test fixture heading one", level=1)
    document.add_paragraph(text)
    document.add_heading("Test fixture heading two", level=1)
    document.add_paragraph(fx.BODY * 3)
    return fx.save(document, path)


def pdf_paper(path: Path, pages: int = 2, text: str = PDF_TEXT) -> Path:
    """A PDF of `pages` A4 pages, each saying `text` and its own page number at the foot."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, pages + 1):
        c.drawString(72, 700, text)
        c.drawString(280, 40, f"Own footer {n}")
        c.showPage()
    c.save()
    return path


def example_pack_folder(folder: Path) -> Path:
    """The example pack's inputs in `folder`: the seed report's workbook, a Word paper, a PDF
    paper and an exempt Word paper; returns the agenda workbook."""
    shutil.copyfile(EXAMPLE, folder / EXAMPLE.name)
    word_paper(folder / "word-paper.docx")
    pdf_paper(folder / "pdf-paper.pdf")
    word_paper(folder / "exempt-paper.docx", EXEMPT_TEXT, "Test fixture exempt paper")
    return write_agenda(folder / "agenda.xlsx", [
        (1, "Apologies for absence"),
        (2, "Quarterly Report", "Chief Constable", EXAMPLE.name, None,
         "The seed report's workbook"),
        (3, "Test fixture Word item", "Test presenter", "word-paper.docx"),
        (4, "Test fixture PDF item", "Test presenter", "pdf-paper.pdf"),
        (5, "Test fixture exempt item", "Test presenter", "exempt-paper.docx", 3),
    ])


def page_lines(source) -> list[str]:
    """Each page's text as pdfplumber lays it out (a table row on one line); `source` is a
    path or PDF bytes."""
    import io

    import pdfplumber

    opened = io.BytesIO(source) if isinstance(source, bytes) else source
    with pdfplumber.open(opened) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]
