"""Batch builds: several workbooks or a folder, in parallel; one bad workbook stops nothing."""

from __future__ import annotations

import shutil

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document
from tests.support import MINIMAL, column_of

import docgen
from docgen.batch import find_workbooks
from docgen.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def measures_with_text_in_value_cell(path):
    """A copy of the minimal workbook with "n/a" typed in a Measures value cell (E3)."""
    workbook = openpyxl.load_workbook(MINIMAL)
    ws = workbook["Measures"]
    ws.cell(row=3, column=column_of(ws, "Current")).value = "n/a"
    workbook.save(path)
    return path


@pytest.fixture
def inbox(tmp_path):
    """A folder with two good copies of the minimal workbook, one broken copy and a lock file."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "north.xlsx")
    shutil.copy(MINIMAL, folder / "south.xlsx")
    measures_with_text_in_value_cell(folder / "broken.xlsx")
    (folder / "~$north.xlsx").write_bytes(b"Excel's lock file")
    (folder / "notes.txt").write_text("not a workbook")
    return folder


def test_good_workbooks_are_built_and_the_bad_one_reported_with_its_cell(inbox, tmp_path):
    out = tmp_path / "out"
    result = run("build", inbox / "north.xlsx", inbox / "broken.xlsx", inbox / "south.xlsx",
                 "-o", out, "--pdf", "--jobs", "2")
    assert result.exit_code == 2, result.output
    assert sorted(p.name for p in out.iterdir()) == ["north.docx", "north.pdf", "south.docx",
                                                     "south.pdf"]
    assert 'error: Measures!E3: expected a number, found "n/a"' in result.output
    assert f"failed: {inbox / 'broken.xlsx'}" in result.output
    assert "Built 2 of 3 workbooks" in result.output and "1 failed" in result.output
    assert "Traceback" not in result.output
    for name in ("north", "south"):
        text = "\n".join(p.text for p in Document(out / f"{name}.docx").paragraphs)
        assert text  # a complete report, not an empty or partial file
        assert (out / f"{name}.pdf").read_bytes().startswith(b"%PDF")


def test_a_folder_builds_every_xlsx_in_it_but_not_lock_files(inbox, tmp_path):
    assert [p.name for p in find_workbooks([inbox])] == ["broken.xlsx", "north.xlsx",
                                                          "south.xlsx"]
    out = tmp_path / "out"
    result = run("build", inbox, "-o", out)
    assert result.exit_code == 2, result.output
    assert sorted(p.name for p in out.iterdir()) == ["north.docx", "south.docx"]
    assert "[3/3]" in result.output  # plain progress lines when not on a terminal


def test_all_good_exits_0(inbox, tmp_path):
    (inbox / "broken.xlsx").unlink()
    result = run("build", inbox, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "Built 2 of 2 workbooks" in result.output


def test_an_empty_folder_is_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("build", tmp_path / "empty", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "has no .xlsx workbooks" in result.output


def test_jobs_1_and_2_give_the_same_outputs(inbox, tmp_path):
    items = {jobs: docgen.build_many([inbox], outdir=tmp_path / f"jobs{jobs}", pdf=True,
                                     jobs=jobs) for jobs in (1, 2)}
    for jobs in (1, 2):
        assert [(i.workbook.name, i.ok) for i in items[jobs]] == [
            ("broken.xlsx", False), ("north.xlsx", True), ("south.xlsx", True)]
    one, two = tmp_path / "jobs1", tmp_path / "jobs2"
    assert sorted(p.name for p in one.iterdir()) == sorted(p.name for p in two.iterdir())
    for path in one.glob("*.docx"):
        paragraphs = [p.text for p in Document(path).paragraphs]
        assert paragraphs == [p.text for p in Document(two / path.name).paragraphs]
    for path in one.glob("*.pdf"):
        assert abs(path.stat().st_size - (two / path.name).stat().st_size) < 200


def test_build_many_returns_results_and_problems_in_order(inbox, tmp_path):
    seen = []
    items = docgen.build_many([inbox / "south.xlsx", inbox / "broken.xlsx"],
                              outdir=tmp_path, jobs=2, on_done=seen.append)
    good, bad = items
    assert good.ok and good.result.docx == tmp_path / "south.docx" and good.exit_code == 0
    assert not bad.ok and bad.result is None and bad.exit_code == 2
    assert [(p.sheet, p.cell) for p in bad.problems if p.severity == "error"] == [
        ("Measures", "E3")]
    assert sorted(i.workbook.name for i in seen) == ["broken.xlsx", "south.xlsx"]


def test_a_second_workbook_with_the_same_name_is_an_error_not_an_overwrite(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(MINIMAL, tmp_path / folder / "report.xlsx")
    out = tmp_path / "out"
    result = run("build", tmp_path / "a" / "report.xlsx", tmp_path / "b" / "report.xlsx",
                 "-o", out)
    assert result.exit_code == 2, result.output
    assert "has the same name as" in result.output and "rename one of them" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["report.docx"]
    items = docgen.build_many([tmp_path / "a", tmp_path / "b" / "report.xlsx",
                               tmp_path / "a" / "report.xlsx"], outdir=out)
    assert [i.ok for i in items] == [True, False]  # the same file named twice is built once


def test_one_workbook_behaves_as_before(tmp_path):
    result = run("build", MINIMAL, "-o", tmp_path)
    assert result.exit_code == 0
    assert result.output == f"Wrote {tmp_path / 'minimal.docx'}\n"


def test_a_missing_workbook_is_reported_by_the_path_as_given(inbox, tmp_path, monkeypatch):
    monkeypatch.chdir(inbox)
    items = docgen.build_many(["north.xlsx", "no/such/south.xlsx"], outdir=tmp_path / "out")
    assert [i.ok for i in items] == [True, False]
    assert items[1].error == "'no/such/south.xlsx' was not found"
    assert items[1].exit_code == 2
