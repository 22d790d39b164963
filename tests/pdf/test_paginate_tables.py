"""Tables across pages: rows kept whole, captions and first rows kept together, in docgen's
PDF engine; and the example report read back from its PDFs (docgen's and LibreOffice's)."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml import OxmlElement
from tests.support import docx_fixtures as fx
from tests.support import needs_soffice

from docgen.pdf import export_pdf
from docgen.pdf.blocks import Layouter
from docgen.pdf.document import load_model
from docgen.pdf.fonts import FontSet
from docgen.pdf.paginate import Page, Paginator

ROOT = Path(__file__).resolve().parents[2]
WORKBOOK = ROOT / "inputs" / "quarterly-report-2019-11.xlsx"


# -- documents ----------------------------------------------------------------------------------

def set_flag(parent, tag: str) -> None:
    """Add an empty on/off element (w:cantSplit, w:keepNext) to a properties element."""
    parent.append(OxmlElement(tag))


def add_rows(table, texts: list[list[str]], *, cant_split: bool, kept: int = 0) -> None:
    """Rows of paragraphs (one per line); the first `kept` rows keep with the next."""
    for index, lines in enumerate(texts):
        row = table.add_row()
        if cant_split:
            set_flag(row._tr.get_or_add_trPr(), "w:cantSplit")
        cell = row.cells[0]
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
        row.cells[1].text = f"{index * 1111:,}"
        if index < kept:
            for paragraph in (p for c in row.cells for p in c.paragraphs):
                paragraph.paragraph_format.keep_with_next = True


def table_doc(path: Path, *, filler: int, rows: list[list[str]], cant_split: bool = True,
              kept: int = 0, caption: str | None = None, heading: str | None = None) -> Path:
    """`filler` one-line paragraphs, then an optional heading and caption (keep with next),
    then a two-column table whose rows hold the given lines."""
    d = fx.arial_document()
    for n in range(filler):
        d.add_paragraph(f"Filler paragraph {n + 1}.")
    if heading:
        d.add_heading(heading, 2)
    if caption:
        d.add_paragraph(caption).paragraph_format.keep_with_next = True
    table = d.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    add_rows(table, rows, cant_split=cant_split, kept=kept)
    d.add_paragraph("After the table.")
    return fx.save(d, path)


def lines_of(row: int, count: int) -> list[str]:
    return [f"Row {row} line {n + 1}" for n in range(count)]


def paginate(path: Path) -> list[Page]:
    """docgen's pages of a .docx (laid out, not drawn)."""
    model = load_model(str(path))
    return Paginator(model, Layouter(model, FontSet())).run()


def op_text(op) -> str:
    """The text of a placed line, or of a placed row's cells, in reading order."""
    lines = [op.obj] if op.kind == "line" else [
        unit for cell in op.obj.cells for unit in cell.units if hasattr(unit, "frags")]
    return " ".join("".join(f.text for f in line.frags).strip() for line in lines)


def page_of(pages: list[Page], text: str) -> int:
    """The page (from 0) of the first placed line or row holding `text`."""
    return next(p.index for p in pages for op in p.ops if text in op_text(op))


def pages_of(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as doc:
        return [page.extract_text() or "" for page in doc.pages]


# -- rows kept whole ----------------------------------------------------------------------------

ROW_LINES = [1, 4, 2, 5, 3, 1, 6, 2, 4, 3] * 4


def test_rows_kept_whole_move_to_the_next_page_whole(tmp_path):
    rows = [lines_of(r, count) for r, count in enumerate(ROW_LINES)]
    pdf = tmp_path / "whole.pdf"
    export_pdf(table_doc(tmp_path / "whole.docx", filler=20, rows=rows), pdf)
    pages = pages_of(pdf)
    assert len(pages) >= 2
    for r, count in enumerate(ROW_LINES):
        holding = {n for n, text in enumerate(pages) for line in lines_of(r, count)
                   if line in text}
        assert len(holding) == 1, (r, holding)


def test_rows_not_kept_whole_split_between_lines(tmp_path):
    rows = [lines_of(r, count) for r, count in enumerate(ROW_LINES)]
    pdf = tmp_path / "split.pdf"
    export_pdf(table_doc(tmp_path / "split.docx", filler=20, rows=rows, cant_split=False), pdf)
    pages = pages_of(pdf)
    split = [r for r, count in enumerate(ROW_LINES)
             if len({n for n, text in enumerate(pages) for line in lines_of(r, count)
                     if line in text}) > 1]
    assert split


def test_a_row_kept_whole_but_taller_than_a_page_still_splits(tmp_path):
    rows = [lines_of(0, 1), lines_of(1, 90), lines_of(2, 1)]
    pdf = tmp_path / "tall.pdf"
    export_pdf(table_doc(tmp_path / "tall.docx", filler=5, rows=rows), pdf)
    with pdfplumber.open(pdf) as doc:
        texts = [page.extract_text() for page in doc.pages]
        for page in doc.pages:
            assert all(w["bottom"] <= page.height - 60 for w in page.extract_words()
                       if w["text"] != "Page")
    assert "Row 1 line 1" in texts[0]  # it starts on the first page, under the filler
    assert all(any(line in text for text in texts) for line in lines_of(1, 90))
    assert len(texts) >= 2


# -- keep with next -----------------------------------------------------------------------------

def test_a_caption_stays_with_the_header_and_first_two_rows(tmp_path):
    rows = [["Measure"], lines_of(1, 3), lines_of(2, 3), *[lines_of(r, 2) for r in range(3, 9)]]
    moved = 0
    for filler in range(30, 62, 2):
        path = table_doc(tmp_path / f"c{filler}.docx", filler=filler, rows=rows, kept=2,
                         caption="Table 1: measures by quarter")
        pages = paginate(path)
        start = {page_of(pages, text) for text in ("Table 1:", "Measure", "Row 1 line 3",
                                                   "Row 2 line 3")}
        assert len(start) == 1, filler
        last_filler = page_of(pages, f"Filler paragraph {filler}.")
        moved += start != {last_filler}
        for page in pages:
            assert "Table 1" not in op_text(page.ops[-1])
    assert moved  # some of these documents did move the caption on


def test_a_chain_of_keep_with_next_moves_together(tmp_path):
    rows = [["Measure"], lines_of(1, 4), lines_of(2, 4), lines_of(3, 1)]
    for filler in range(36, 60, 2):
        path = table_doc(tmp_path / f"k{filler}.docx", filler=filler, rows=rows, kept=2,
                         caption="Table 2: a caption", heading="Knife Crime")
        pages = paginate(path)
        assert len({page_of(pages, text) for text in ("Knife Crime", "Table 2", "Measure",
                                                      "Row 2 line 4")}) == 1, filler


def test_rows_kept_with_the_next_move_together_inside_a_table(tmp_path):
    def doc(filler: int) -> Path:
        d = fx.arial_document()
        for n in range(filler):
            d.add_paragraph(f"Filler paragraph {n + 1}.")
        table = d.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        add_rows(table, [lines_of(r, 2) for r in range(6)], cant_split=True)
        add_rows(table, [lines_of(r, 2) for r in range(6, 9)], cant_split=True, kept=2)
        add_rows(table, [lines_of(r, 2) for r in range(9, 12)], cant_split=True)
        return fx.save(d, tmp_path / f"r{filler}.docx")

    for filler in range(20, 50, 2):
        pages = paginate(doc(filler))
        assert len({page_of(pages, f"Row {r} line 2") for r in (6, 7, 8)}) == 1, filler


# -- the example, read back from its PDFs -------------------------------------------------------

@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """(the example's .docx, docgen's PDF of it)."""
    import docgen

    out = tmp_path_factory.mktemp("tables")
    result = docgen.build(WORKBOOK, outdir=out, pdf=True)
    return result.docx, result.pdf


@pytest.fixture(scope="module")
def libreoffice_pdf(example, tmp_path_factory):
    target = tmp_path_factory.mktemp("lo") / "example.pdf"
    export_pdf(example[0], target, engine="libreoffice")
    return target


def docx_tables(path: Path) -> list[list[list[str]]]:
    """Every table's rows of cell texts, as in the .docx."""
    document = docx.Document(str(path))
    return [[[clean(cell.text) for cell in row.cells] for row in table.rows]
            for table in document.tables]


def pdf_tables(pdf: Path) -> list[tuple[int, list[list[list[str]]]]]:
    """Every table pdfplumber finds by its borders, page by page: rows of cells, each cell
    its lines."""
    found = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages):
            for table in page.find_tables():
                rows = [[(cell or "").replace("\u2060", "").split("\n") for cell in row]
                        for row in table.extract()]
                found.append((number, rows))
    return found


def clean(text: str) -> str:
    return " ".join(text.replace("\u2060", "").split())


def joined(lines: list[str]) -> str:
    """A cell's lines as its text: a line ending in a hyphen or slash after a word or figure
    broke there, any other line at a space."""
    text = ""
    for line in lines:
        glue = "" if re.search(r"\S[-\u2010/]$", text) else " "
        text = f"{text}{glue}{line}" if text else line
    return clean(text)


def splits(lines: list[str], tokens: set[str]) -> list[tuple[str, str]]:
    """Where a cell's lines break inside one of the .docx's words or figures, except after a
    hyphen between words or figures ("Anti-" "Social", "18-" "19", as every line breaker
    may) or a slash in a year heading ("2010/" "11"); never after a sign ("(-" "1,536)")."""
    found = []
    for before, after in zip(lines, lines[1:], strict=False):
        if not before.split() or not after.split():
            continue
        end, start = before.split()[-1], after.split()[0]
        if end + start not in tokens:
            continue
        if end.endswith("/") or (re.search(r"[^\W_]-$", end) and start[:1].isalnum()):
            continue
        found.append((end, start))
    return found


def table_tokens(path: Path) -> set[str]:
    return {token for table in docx_tables(path) for row in table for cell in row
            for token in cell.split()}


def assert_no_word_or_number_split(docx_path: Path, pdf: Path) -> None:
    tokens = table_tokens(docx_path)
    tables = pdf_tables(pdf)
    cells = [cell for _, rows in tables for row in rows for cell in row]
    assert len(tables) >= 12 and len(cells) > 300
    broken = [pair for cell in cells for pair in splits(cell, tokens)]
    assert broken == []


DATE_LABEL = re.compile(r"[A-Z][a-z]{2} '\d\d")


def assert_date_labels_whole(pdf: Path) -> None:
    """Appendix A's period headings ("Oct '18 - Sep '19") break at spaces, if at all, never
    inside a date label ("Oct '18")."""
    headings = [cell for _, rows in pdf_tables(pdf) for cell in rows[0]
                if DATE_LABEL.search(joined(cell))]
    assert len(headings) >= 12
    for cell in headings:
        for label in DATE_LABEL.findall(joined(cell)):
            assert any(label in line for line in cell), (label, cell)


def assert_rows_whole(docx_path: Path, pdf: Path) -> None:
    printed = {tuple(joined(cell) for cell in row) for _, rows in pdf_tables(pdf) for row in rows}
    for table in docx_tables(docx_path)[1:]:  # the header block has no borders to find
        for row in table:
            assert tuple(row) in printed, row


def test_no_word_or_number_is_split_in_the_examples_tables(example):
    assert_no_word_or_number_split(*example)
    assert_date_labels_whole(example[1])


def test_no_row_of_the_examples_tables_is_split_across_pages(example):
    assert_rows_whole(*example)
    pages = paginate(example[0])
    assert not [op for page in pages for op in page.ops if op.kind == "row" and op.obj.continued]


def test_no_page_of_the_example_ends_on_a_caption_or_a_lone_header(example):
    docx_path, pdf = example
    captions = [clean(p.text) for p in docx.Document(str(docx_path)).paragraphs
                if p.style.name == "Caption" and p.text.strip()]
    for text in pages_of(pdf):
        body = [line for line in text.splitlines() if line.strip()][1:-1]  # header, footer
        assert not any(caption.endswith(clean(body[-1])) for caption in captions), body[-1]
    for page in paginate(docx_path):
        rows = [op.obj for op in page.ops if op.kind == "row"]
        assert not rows or not rows[-1].header
    first = {}
    for _, rows in pdf_tables(pdf):
        first.setdefault(joined(rows[0][0]), len(rows))
    assert first["Offence Type"] >= 3 and first["Force"] >= 3 and first["Measure"] >= 3


@pytest.mark.libreoffice
@needs_soffice
def test_libreoffice_splits_no_word_or_number_of_the_examples_tables(example, libreoffice_pdf):
    assert_no_word_or_number_split(example[0], libreoffice_pdf)
    assert_date_labels_whole(libreoffice_pdf)


@pytest.mark.libreoffice
@needs_soffice
def test_libreoffice_keeps_the_examples_rows_whole(example, libreoffice_pdf):
    assert_rows_whole(example[0], libreoffice_pdf)
