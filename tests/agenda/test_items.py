"""Making each paper a PDF: PDFs as they are, the others built, failures as located problems."""

from __future__ import annotations

import os
import signal

import openpyxl
import pypdf
from tests.support import EXAMPLE
from tests.support.pack_fixtures import WORD_TEXT, pdf_paper, word_paper

from docgen.agenda.items import Made, Workers, make_papers
from docgen.agenda.model import Item, Paper
from docgen.exceptions import Problem


def _item(number, folder, *names) -> Item:
    return Item(number, f"Test item {number}", row=2,
                papers=tuple(Paper(name, folder / name, "D2") for name in names))


def test_pdfs_are_used_as_they_are_and_word_is_rendered(tmp_path):
    pdf_paper(tmp_path / "a.pdf", pages=3)
    word_paper(tmp_path / "b.docx")
    made = make_papers([_item("1", tmp_path, "a.pdf", "b.docx")], tmp_path / "stage", jobs=2)
    assert made[(0, 0)].pdf == tmp_path / "a.pdf" and not made[(0, 0)].failed
    rendered = made[(0, 1)]
    assert rendered.pdf.parent.parent == tmp_path / "stage" and rendered.docx is None
    assert WORD_TEXT in pypdf.PdfReader(rendered.pdf).pages[0].extract_text()


def test_a_workbooks_problems_come_back_prefixed_with_its_item(tmp_path):
    book = openpyxl.load_workbook(EXAMPLE)
    book["Measures"]["E2"] = "lots"
    book.save(tmp_path / "broken.xlsx")
    made = make_papers([_item("4", tmp_path, "broken.xlsx")], tmp_path / "stage", jobs=1)
    assert made[(0, 0)].failed and made[(0, 0)].pdf is None
    assert [str(p) for p in made[(0, 0)].problems if p.severity == "error"] == [
        'Items!D2: item 4, broken.xlsx: Measures!E2: expected a number, found "lots"']


def test_meanwhile_runs_once_while_the_papers_are_made(tmp_path):
    pdf_paper(tmp_path / "a.pdf", pages=2)
    word_paper(tmp_path / "b.docx")
    word_paper(tmp_path / "c.docx")
    calls = []
    made = make_papers([_item("1", tmp_path, "a.pdf", "b.docx", "c.docx")], tmp_path / "stage",
                       jobs=2, meanwhile=lambda: calls.append("called"))
    assert len(calls) == 1
    assert not any(result.failed for result in made.values())
    assert [made[(0, p)].pdf.name for p in range(3)] == ["a.pdf", "b.pdf", "c.pdf"]


def test_workers_started_before_the_work_make_it_as_this_process_would(tmp_path):
    word_paper(tmp_path / "b.docx")
    word_paper(tmp_path / "c.docx", "Test fixture second Word paper.")
    items = [_item("1", tmp_path, "b.docx"), _item("2", tmp_path, "c.docx")]
    here = make_papers(items, tmp_path / "here", jobs=1)
    with Workers(2) as workers:
        there = make_papers(items, tmp_path / "there", workers=workers)
    assert not workers._process.is_alive() and workers._process.exitcode == 0
    for key in here:
        texts = [pypdf.PdfReader(made[key].pdf).pages[0].extract_text() for made in (here, there)]
        assert texts[0] == texts[1] and not there[key].failed


def test_workers_never_given_work_are_stopped_at_once():
    workers = Workers(2)
    workers.close()
    assert workers._process.exitcode == -signal.SIGTERM  # not left to finish warming up


def test_papers_of_a_worker_process_that_died_come_back_failed(tmp_path):
    pdf_paper(tmp_path / "a.pdf")
    word_paper(tmp_path / "b.docx")
    workers = Workers(2)
    os.kill(workers._process.pid, signal.SIGKILL)
    workers._process.join()
    made = make_papers([_item("3", tmp_path, "a.pdf", "b.docx")], tmp_path / "stage",
                       workers=workers)
    assert not made[(0, 0)].failed
    assert made[(0, 1)].failed and [str(p) for p in made[(0, 1)].problems] == [
        "Items!D2: item 3, b.docx: internal error: the process making the papers stopped"]


def _frozen_objects(kind, path, folder) -> Made:
    """In place of `make_paper`: how many objects the garbage collector leaves alone here."""
    import gc

    return Made(problems=[Problem("warning", f"frozen {gc.get_freeze_count()}")])


def test_the_papers_processes_start_with_what_was_loaded_frozen(tmp_path, monkeypatch):
    from docgen.agenda import items as module

    word_paper(tmp_path / "b.docx")
    word_paper(tmp_path / "c.docx")
    monkeypatch.setattr(module, "make_paper", _frozen_objects)
    with Workers(2) as workers:
        made = make_papers([_item("1", tmp_path, "b.docx", "c.docx")], tmp_path / "stage",
                           workers=workers)
    counts = [int(p.message.rsplit(" ", 1)[1]) for m in made.values() for p in m.problems]
    assert len(counts) == 2 and min(counts) > 10_000  # the build's modules, not walked again


def test_papers_are_written_as_scratch_files(tmp_path, monkeypatch):
    """Their files are copied into the pack: flushing each to the disk first buys nothing."""
    word_paper(tmp_path / "b.docx")
    synced = []
    monkeypatch.setattr(os, "fsync", synced.append)
    made = make_papers([_item("1", tmp_path, "b.docx")], tmp_path / "stage", jobs=1)
    assert made[(0, 0)].pdf.is_file() and synced == []
