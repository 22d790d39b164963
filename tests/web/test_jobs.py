"""`docgen.web.jobs`: the work a Generate page worker does, returning plain data that pickles.

The core is stood in for where a real build would only slow the test down; `check_workbook`
runs on a real workbook."""

from __future__ import annotations

import pickle
import zipfile
from pathlib import Path
from types import SimpleNamespace

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.support import MINIMAL

from docgen.exceptions import Problem, WorkbookError
from docgen.web import jobs
from docgen.web.jobs import (
    CORE_PROPERTIES,
    MAX_CORE_BYTES,
    MAX_TITLE,
    Built,
    build_report,
    check_workbook,
    docx_title,
    tidy_title,
)


def titled_docx(path: Path, title: str) -> Path:
    document = docx.Document()
    document.core_properties.title = title
    document.save(path)
    return path


def test_a_docx_title_is_read_from_its_properties(tmp_path):
    assert docx_title(titled_docx(tmp_path / "a.docx", "Performance report")) == (
        "Performance report")


def test_no_title_or_an_unreadable_file_is_no_title(tmp_path):
    assert docx_title(titled_docx(tmp_path / "a.docx", "")) == ""
    (tmp_path / "text.docx").write_text("not a zip")
    assert docx_title(tmp_path / "text.docx") == ""
    assert docx_title(tmp_path / "missing.docx") == ""
    with zipfile.ZipFile(tmp_path / "bare.docx", "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    assert docx_title(tmp_path / "bare.docx") == ""


def test_core_properties_that_are_not_xml_or_too_large_give_no_title(tmp_path):
    with zipfile.ZipFile(tmp_path / "bad.docx", "w") as package:
        package.writestr(CORE_PROPERTIES, "<cp:coreProperties")
    assert docx_title(tmp_path / "bad.docx") == ""
    huge = (b'<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            b"<dc:title>Big</dc:title>" + b" " * MAX_CORE_BYTES + b"</cp:coreProperties>")
    with zipfile.ZipFile(tmp_path / "huge.docx", "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(CORE_PROPERTIES, huge)
    assert docx_title(tmp_path / "huge.docx") == ""


def test_an_entity_bomb_in_the_properties_is_refused_quietly(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            "<dc:title>&b;</dc:title></cp:coreProperties>")
    with zipfile.ZipFile(tmp_path / "bomb.docx", "w") as package:
        package.writestr(CORE_PROPERTIES, bomb)
    assert docx_title(tmp_path / "bomb.docx") == ""


def test_tidy_title_puts_a_title_on_one_line():
    assert tidy_title("  Performance\n report\t2019  ") == "Performance report 2019"
    assert tidy_title("") == ""


def test_a_title_of_the_longest_length_is_kept_whole():
    title = "x" * MAX_TITLE
    assert tidy_title(title) == title


def test_a_long_title_is_cut_with_an_ellipsis():
    title = tidy_title("word " * 100)
    assert len(title) == MAX_TITLE
    assert title.endswith("…") and not title.endswith(" …")


@given(st.text())
def test_tidy_titles_are_short_single_lines(title):
    tidy = tidy_title(title)
    assert len(tidy) <= MAX_TITLE
    assert "\n" not in tidy and "  " not in tidy
    assert tidy == tidy.strip()
    assert tidy_title(tidy) == tidy or tidy.endswith("…")


def test_build_report_keeps_the_reports_title_and_warnings(monkeypatch, tmp_path):
    calls = []

    def build(workbook, **kwargs):
        calls.append((workbook, kwargs))
        return SimpleNamespace(docx=tmp_path / "w.docx", pdf=tmp_path / "w.pdf",
                               warnings=(Problem("warning", "hidden", "Themes"),),
                               title="Quarterly\nreport")

    monkeypatch.setattr(jobs.api, "build", build)
    built = build_report(tmp_path / "w.xlsx", None, tmp_path)
    assert calls == [(tmp_path / "w.xlsx", {"template": None, "outdir": tmp_path, "pdf": True})]
    assert built == Built(tmp_path / "w.docx", tmp_path / "w.pdf",
                          [Problem("warning", "hidden", "Themes")], "Quarterly report")
    assert pickle.loads(pickle.dumps(built)) == built


def test_build_report_falls_back_on_the_documents_title(monkeypatch, tmp_path):
    made = titled_docx(tmp_path / "w.docx", "From the properties")
    monkeypatch.setattr(jobs.api, "build", lambda workbook, **kwargs: SimpleNamespace(
        docx=made, pdf=None, warnings=[], title=""))
    assert build_report(tmp_path / "w.xlsx", None, tmp_path).title == "From the properties"


def test_check_workbook_returns_problems_rather_than_raising(monkeypatch, tmp_path):
    problems = [Problem("error", "enter a number", "Measures", "C3")]

    def check(workbook, template=None):
        raise WorkbookError("bad", problems)

    monkeypatch.setattr(jobs.api, "check", check)
    assert check_workbook(tmp_path / "w.xlsx", None) == problems


def test_check_workbook_on_a_real_workbook():
    assert [p for p in check_workbook(MINIMAL, None) if p.severity == "error"] == []


def test_check_workbook_names_a_file_that_is_not_there(tmp_path):
    (problem,) = check_workbook(tmp_path / "gone.xlsx", None)
    assert problem.severity == "error" and "was not found" in problem.message


def test_draw_preview_draws_the_pdf_into_the_folder(monkeypatch, tmp_path):
    seen = []
    monkeypatch.setattr(jobs, "render_preview", lambda pdf, folder: seen.append((pdf, folder))
                        or "preview")
    assert jobs.draw_preview(tmp_path / "r.pdf", tmp_path / "p") == "preview"
    assert seen == [(tmp_path / "r.pdf", tmp_path / "p")]


@pytest.mark.parametrize("title", ["Report", ""])
def test_built_pickles(title, tmp_path):
    built = Built(tmp_path / "a.docx", None, [], title)
    assert pickle.loads(pickle.dumps(built)) == built
