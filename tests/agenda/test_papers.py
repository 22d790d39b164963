"""Checking the papers before anything is built: each problem on its Items cell."""

from __future__ import annotations

import shutil

from tests.support import EXAMPLE
from tests.support.pack_fixtures import pdf_paper, word_paper, write_agenda

from docgen.agenda.papers import check_papers
from docgen.agenda.reading import read_agenda


def _check(folder, items, outdir=None) -> list[str]:
    agenda, _ = read_agenda(write_agenda(folder / "agenda.xlsx", items))
    return [str(p) for p in check_papers(agenda, outdir or folder / "out")]


def test_good_papers_pass(tmp_path):
    shutil.copyfile(EXAMPLE, tmp_path / "report.xlsx")
    word_paper(tmp_path / "paper.docx")
    (tmp_path / "sub").mkdir()
    pdf_paper(tmp_path / "sub" / "paper.pdf")
    assert _check(tmp_path, [(1, "A", "", "report.xlsx\npaper.docx\nsub/paper.pdf")]) == []


def test_missing_unknown_and_outside_papers(tmp_path):
    outside = tmp_path.parent / f"{tmp_path.name}-outside.pdf"
    pdf_paper(outside)
    folder = tmp_path / "meeting"
    folder.mkdir()
    problems = _check(folder, [(1, "A", "", f"missing.pdf\nnotes.txt\n../{outside.name}")])
    assert problems == [
        f"Items!D2: item 1, missing.pdf: the file was not found in '{folder.resolve()}'",
        "Items!D2: item 1, notes.txt: docgen can put a report workbook (.xlsx), a Word "
        "document (.docx) or a PDF (.pdf) in a pack, not a '.txt' file",
        f"Items!D2: item 1, ../{outside.name}: papers must be in the agenda workbook's folder "
        "(or a folder inside it)",
    ]


def test_encrypted_damaged_and_disguised_pdfs_are_refused(tmp_path):
    import pypdf

    pdf_paper(tmp_path / "plain.pdf")
    writer = pypdf.PdfWriter(clone_from=tmp_path / "plain.pdf")
    writer.encrypt("secret")
    writer.write(tmp_path / "locked.pdf")
    (tmp_path / "damaged.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    (tmp_path / "word.pdf").write_bytes(b"PK\x03\x04 not a pdf")
    problems = _check(tmp_path, [(1, "A", "", "locked.pdf\ndamaged.pdf\nword.pdf")])
    assert problems[0] == ("Items!D2: item 1, locked.pdf: the PDF is encrypted "
                           "(password-protected); ask for a copy without protection")
    assert problems[1].startswith("Items!D2: item 1, damaged.pdf: the PDF cannot be read")
    assert problems[2] == "Items!D2: item 1, word.pdf: it is not a PDF file"
    assert len(problems) == 3


def test_a_docx_that_is_not_word_is_refused(tmp_path):
    shutil.copyfile(EXAMPLE, tmp_path / "renamed.docx")
    assert _check(tmp_path, [(3, "A", "", "renamed.docx")]) == [
        "Items!D2: item 3, renamed.docx: it is not a Word document (.docx); save it from "
        "Word as a .docx"]


def test_reports_that_would_clash_or_replace_a_paper(tmp_path):
    (tmp_path / "a").mkdir()
    shutil.copyfile(EXAMPLE, tmp_path / "report.xlsx")
    shutil.copyfile(EXAMPLE, tmp_path / "a" / "report.xlsx")
    word_paper(tmp_path / "report.docx")
    problems = _check(tmp_path, [(1, "A", "", "report.xlsx\nreport.docx"),
                                 (2, "B", "", "a/report.xlsx")], outdir=tmp_path)
    assert problems == [
        "Items!D3: item 2, a/report.xlsx: has the same name as 'report.xlsx' (Items!D2), "
        "whose report is report.docx; rename one of them",
        "Items!D2: item 1, report.xlsx: its report would replace 'report.docx', a paper of "
        "the agenda: write the pack to another folder (-o)",
        "Items!D3: item 2, a/report.xlsx: its report would replace 'report.docx', a paper of "
        "the agenda: write the pack to another folder (-o)",
    ]
