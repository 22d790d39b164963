"""Check every item's papers before anything is built, each problem located on the Items sheet.

A paper must be a file inside the agenda's folder, of a kind docgen can put in a pack: a
report workbook (.xlsx), a Word document (.docx) or a PDF that opens without a password.
Workbooks are validated as they are built (`items`), in parallel; their problems come back
located by the same Items cell and are listed with these before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from .. import limits
from ..exceptions import Problem
from . import sheets
from .model import Agenda, Item, Paper

KINDS_TEXT = "a report workbook (.xlsx), a Word document (.docx) or a PDF (.pdf)"
MAX_PDF_PAGES = 2_000
"""The most pages a PDF paper may have (a committee paper runs to tens, an appendix hundreds)."""
PDF_MAGIC = b"%PDF-"
ENCRYPTED = ("the PDF is encrypted (password-protected); ask for a copy without "
             "protection")


def paper_problem(item: Item, paper: Paper, message: str,
                  severity: str = "error") -> Problem:
    """A problem with one of an item's papers, on its Papers cell, prefixed with the item."""
    return Problem(severity, f"item {item.number}, {paper.name}: {message}", sheets.ITEMS,
                   paper.cell)


def check_papers(agenda: Agenda, outdir: Path) -> list[Problem]:
    """Every problem with the papers the agenda names (a paper named twice is one problem)."""
    problems: list[Problem] = []
    folder = agenda.folder.resolve()
    inputs = {agenda.path.resolve()}
    built: dict[str, Paper] = {}
    for item in agenda.items:
        for paper in item.papers:
            problems += _check_paper(item, paper, folder)
            inputs.add(paper.path.resolve())
            if paper.kind == "workbook":
                problems += _check_output_name(item, paper, built, outdir)
    for item in agenda.items:
        for paper in item.papers:
            if paper.kind == "workbook":
                docx = (docx_folder(item, agenda, outdir) / paper.path.stem).with_suffix(".docx")
                if docx.resolve() in inputs:
                    problems.append(paper_problem(item, paper, f"its report would replace "
                                                  f"'{docx.name}', a paper of the agenda: "
                                                  "write the pack to another folder (-o)"))
    return problems


def docx_folder(item: Item, agenda: Agenda, outdir: Path) -> Path:
    """Where a workbook paper's .docx is kept: beside the pack, or for an exempt item in
    OUTDIR/<agenda>-part-b/ (beside the Part B pack, away from the public one)."""
    return outdir / f"{agenda.path.stem}-part-b" if item.exempt else outdir


def _check_paper(item: Item, paper: Paper, folder: Path) -> list[Problem]:
    path = paper.path
    if not paper.kind:
        return [paper_problem(item, paper, f"docgen can put {KINDS_TEXT} in a pack, not a "
                              f"'{path.suffix or 'file without a suffix'}' file")]
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        resolved = path
    if not resolved.is_relative_to(folder):
        return [paper_problem(item, paper, "papers must be in the agenda workbook's folder "
                              "(or a folder inside it)")]
    if not path.is_file():
        return [paper_problem(item, paper, f"the file was not found in '{folder}'")]
    size = path.stat().st_size
    if size > limits.MAX_FILE_BYTES:
        return [paper_problem(item, paper, f"the file is {size / 1e6:.0f} MB; docgen reads "
                              f"files up to {limits.MAX_FILE_BYTES / 1e6:.0f} MB")]
    if paper.kind == "pdf":
        return [paper_problem(item, paper, message) for message in pdf_problems(path)]
    if paper.kind == "word":
        from ..ooxml.package import is_docx

        if not is_docx(path):
            return [paper_problem(item, paper, "it is not a Word document (.docx); save it "
                                  "from Word as a .docx")]
    return []


def pdf_problems(path: Path) -> list[str]:
    """Why a PDF cannot go in a pack (unreadable, password-protected, no pages), or []."""
    import pikepdf

    with path.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(PDF_MAGIC):
            return ["it is not a PDF file"]
    try:
        with pikepdf.open(path) as pdf:
            if pdf.is_encrypted:
                return [ENCRYPTED]
            pages = len(pdf.pages)
    except pikepdf.PasswordError:
        return [ENCRYPTED]
    except Exception as exc:  # qpdf repairs what it can; what it cannot, it raises
        return [f"the PDF cannot be read ({type(exc).__name__}); it may be damaged"]
    if pages > MAX_PDF_PAGES:
        return [f"the PDF has {pages:,} pages; a paper may have up to {MAX_PDF_PAGES:,}"]
    return [] if pages else ["the PDF has no pages"]


def _check_output_name(item: Item, paper: Paper, built: dict[str, Paper],
                       outdir: Path) -> list[Problem]:
    """Two workbooks with the same name would write the same .docx: the later is an error."""
    key = paper.path.stem.casefold()
    first = built.setdefault(key, paper)
    if first is paper or first.path.resolve() == paper.path.resolve():
        return []
    return [paper_problem(item, paper, f"has the same name as '{first.name}' "
                          f"({sheets.ITEMS}!{first.cell}), whose report is "
                          f"{paper.path.stem}.docx; rename one of them")]
