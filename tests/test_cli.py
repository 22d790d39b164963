"""The CLI: a thin shell with exit codes 0 / 2 / 1, messages not tracebacks, atomic outputs."""

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from tests.support import column_of

from docgen.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_build_writes_the_docx_and_prints_its_path(edit_workbook, tmp_path):
    result = run("build", edit_workbook(), "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "case.docx").is_file()
    assert f"Wrote {tmp_path / 'out' / 'case.docx'}" in result.output


def test_one_build_runs_without_the_cyclic_collector_and_puts_it_back(edit_workbook, tmp_path,
                                                                      monkeypatch):
    """A cold command saves the collector's full passes over what its imports made; a
    caller running the CLI in its own process gets the collector back afterwards."""
    import gc

    from docgen import api

    seen = []
    real_build = api.build
    monkeypatch.setattr(api, "build", lambda *a, **k: (seen.append(gc.isenabled()),
                                                       real_build(*a, **k))[1])
    assert gc.isenabled()
    result = run("build", edit_workbook(), "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert seen == [False] and gc.isenabled()


def break_current(wb):
    ws = wb["Measures"]
    ws.cell(row=3, column=column_of(ws, "Current")).value = "n/a"


def test_bad_input_exits_2_naming_the_cell(edit_workbook, tmp_path):
    result = run("build", edit_workbook(break_current), "-o", tmp_path)
    assert result.exit_code == 2
    assert 'error: Measures!E3: expected a number, found "n/a"' in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("*.docx"))


def test_not_a_workbook_is_one_sentence_and_exit_2(tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_text("a,b\n1,2\n")
    result = run("build", path, "-o", tmp_path)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "docgen: 'data.xlsx' is a text or CSV file: save it from Excel as an Excel Workbook "
        "(.xlsx)"]


def test_check_lists_problems_or_says_ready(edit_workbook):
    ok = run("check", edit_workbook())
    assert ok.exit_code == 0 and "ready to build" in ok.output
    bad = run("check", edit_workbook(break_current, name="bad.xlsx"))
    assert bad.exit_code == 2
    assert "Measures!E3" in bad.output


def test_strict_turns_warnings_into_errors(edit_workbook, tmp_path):
    def hide(wb):
        wb["Measures"].sheet_state = "hidden"

    path = edit_workbook(hide)
    assert run("build", path, "-o", tmp_path).exit_code == 0
    strict = run("build", path, "-o", tmp_path / "strict", "--strict")
    assert strict.exit_code == 2
    assert "Measures: this sheet is hidden" in strict.output


def test_a_failed_run_keeps_the_previous_good_output(edit_workbook, tmp_path):
    good = edit_workbook()
    assert run("build", good, "-o", tmp_path).exit_code == 0
    before = (tmp_path / "case.docx").read_bytes()
    edit_workbook(break_current)  # same name: case.xlsx
    assert run("build", good, "-o", tmp_path).exit_code == 2
    bad_template = tmp_path / "t.docx"
    bad_template.write_text("nope")
    assert run("build", edit_workbook(), "-o", tmp_path, "-t", bad_template).exit_code == 2
    assert (tmp_path / "case.docx").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.docx", "case.xlsx", "t.docx"]


def test_output_path_problems_are_clear(edit_workbook, tmp_path):
    (tmp_path / "out" / "case.docx").mkdir(parents=True)
    result = run("build", edit_workbook(), "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "is a folder" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_output_folder(edit_workbook, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    result = run("build", edit_workbook(), "-o", locked)
    assert result.exit_code == 1
    assert "cannot write" in result.output


def test_internal_errors_exit_1_without_traceback(monkeypatch, edit_workbook, tmp_path):
    import docgen.api

    def boom(*args, **kwargs):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(docgen.api, "build", boom)
    result = run("build", edit_workbook(), "-o", tmp_path)
    assert result.exit_code == 1
    assert "internal error: RuntimeError: unexpected" in result.output
    assert "Traceback" not in result.output
    verbose = run("--verbose", "build", edit_workbook(), "-o", tmp_path)
    assert "Traceback" in verbose.output


def test_init_writes_a_blank_workbook_that_checks_to_what_is_left_to_fill(tmp_path):
    path = tmp_path / "new.xlsx"
    assert run("init", path).exit_code == 0
    result = run("check", path)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert lines == ["error: Settings!B2: enter the report to",
                     "error: Settings!B3: enter the meeting date",
                     "error: Settings!B4: enter the title"]
    again = run("init", path)
    assert again.exit_code == 2 and f"'{path}' exists already; name a new file" in again.output


def test_python_m_docgen_help_is_quick_to_start():
    result = subprocess.run([sys.executable, "-m", "docgen", "--help"], capture_output=True,
                            text=True, check=True)
    assert "build" in result.stdout and "check" in result.stdout
    imported = subprocess.run(
        [sys.executable, "-c", "import sys, docgen.cli; print(sorted(m for m in sys.modules "
         "if m.split('.')[0] in ('openpyxl','docx','docxtpl','reportlab','pptx','lxml')))"],
        capture_output=True, text=True, check=True)
    assert imported.stdout.strip() == "[]"


def test_the_program_ends_with_the_commands_code_and_all_its_output(edit_workbook, tmp_path):
    """`docgen` as a process skips the interpreter's teardown once a command is done; what it
    printed (through pipes, so buffered) and its exit code must all still arrive."""
    def docgen(*args):
        return subprocess.run([sys.executable, "-m", "docgen", *map(str, args)],
                              capture_output=True, text=True)

    good = docgen("build", edit_workbook(), "--pdf", "-o", tmp_path / "out")
    assert good.returncode == 0, good.stderr
    assert good.stdout.splitlines() == [f"Wrote {tmp_path / 'out' / 'case.docx'}",
                                        f"Wrote {tmp_path / 'out' / 'case.pdf'}"]
    assert (tmp_path / "out" / "case.pdf").stat().st_size > 1000
    bad = docgen("build", edit_workbook(break_current), "-o", tmp_path / "bad")
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: Measures!") and "expected a number" in bad.stderr
    assert not (tmp_path / "bad").exists()
    usage = docgen("no-such-command")
    assert usage.returncode == 2 and "No such command" in usage.stderr
