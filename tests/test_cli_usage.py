"""The command line as a new user meets it: one rule for every command.

Bad input or usage exits 2 with one sentence naming the whole path, as typed; -v/--verbose is
accepted before or after the command; an error is printed once; an error from the code making
an output is reported as itself, not as a failure to write the output.
"""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from tests.support import MINIMAL

from docgen.api import default_template
from docgen.cli import cli

COMMANDS = ["build", "check", "pdf", "init", "serve"]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(autouse=True)
def no_server(monkeypatch):
    """`docgen serve` with a usage slip must stop before serving: here it fails instead of
    serving for ever."""
    import docgen.web

    def serve(**kwargs):
        raise AssertionError(f"the server was started with {kwargs}")

    monkeypatch.setattr(docgen.web, "serve", serve, raising=False)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run in an empty folder, so relative paths are as a user types them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def word_file(tmp_path) -> Path:
    """A small Word document (not a docgen report: enough for usage checks)."""
    path = tmp_path / "report.docx"
    Document().save(path)
    return path


def _usage_error(result, *phrases: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    for phrase in phrases:
        assert phrase in result.output, result.output


@pytest.mark.parametrize("args", [
    ["build", "no/such/file.xlsx"],
    ["check", "no/such/file.xlsx"],
    ["pdf", "no/such/file.docx"],
    ["init", "--from", "no/such/file.xlsx", "new.xlsx"],
    ["check", "-t", "no/such/file.docx"],
])
def test_a_missing_input_exits_2_naming_the_whole_path(in_tmp, args):
    _usage_error(run(*args), "'no/such/file.")


def test_a_missing_workbook_among_several_stops_the_batch_before_it_starts(in_tmp):
    shutil.copy(MINIMAL, "north.xlsx")
    result = run("build", "north.xlsx", "no/such/south.xlsx")
    _usage_error(result, "'no/such/south.xlsx' does not exist")
    assert not Path("out").exists()


def test_check_with_nothing_to_check_is_a_usage_error(in_tmp):
    _usage_error(run("check"), "Usage: ", "name a workbook, a report (.docx) or a template")


@pytest.mark.parametrize("args", [
    ["build", MINIMAL, "-o", "taken/sub"],
    ["pdf", "report.docx", "-o", "taken/report.pdf"],
    ["init", "taken/new.xlsx"],
])
def test_an_output_under_a_file_exits_2_naming_both(in_tmp, word_file, args):
    Path("taken").write_text("a file, not a folder")
    result = run(*args)
    _usage_error(result, f"'{args[-1]}' is inside 'taken', which is a file, not a folder")
    assert "File exists" not in result.output
    assert Path("taken").read_text() == "a file, not a folder"


@pytest.mark.parametrize("command", COMMANDS)
def test_verbose_is_accepted_after_every_command(command):
    for flag in ("--verbose", "-v"):
        result = run(command, flag, "--help")
        assert result.exit_code == 0, result.output
        assert "No such option" not in result.output
    assert "-v, --verbose" in run(command, "--help").output


def test_verbose_after_the_command_shows_the_traceback(monkeypatch, in_tmp):
    import docgen.api

    def boom(*args, **kwargs):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(docgen.api, "build", boom)
    quiet = run("build", MINIMAL)
    assert quiet.exit_code == 1 and "Traceback" not in quiet.output
    for args in (["build", MINIMAL, "--verbose"], ["build", "-v", MINIMAL],
                 ["--verbose", "build", MINIMAL]):
        result = run(*args)
        assert result.exit_code == 1
        assert "Traceback" in result.output and "--verbose to see" not in result.output


def test_a_whole_file_error_is_printed_once(in_tmp):
    Path("data.xlsx").write_text("a,b\n1,2\n")
    result = run("build", "data.xlsx")
    assert result.exit_code == 2
    sentence = "'data.xlsx' is a text or CSV file"
    assert result.output.count(sentence) == 1, result.output
    assert result.output.startswith(f"docgen: {sentence}")


def test_located_problems_are_still_listed_before_the_summary(edit_workbook, tmp_path):
    def two_problems(wb):
        ws = wb["Measures"]
        ws["E3"] = "n/a"
        ws["E4"] = "n/a"

    result = run("build", edit_workbook(two_problems), "-o", tmp_path)
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert [line for line in lines if line.startswith("error: Measures!")] == [
        'error: Measures!E3: expected a number, found "n/a"',
        'error: Measures!E4: expected a number, found "n/a"']
    assert lines[-1].startswith("docgen: ")


def test_pdf_of_a_workbook_says_what_to_run_instead(in_tmp):
    shutil.copy(MINIMAL, "minimal.xlsx")
    _usage_error(run("pdf", "minimal.xlsx"), "'minimal.xlsx' is an Excel workbook",
                 "docgen build minimal.xlsx --pdf")
    Path("notes.docx").write_text("not really Word")
    _usage_error(run("pdf", "notes.docx"), "'notes.docx' is not a Word .docx file")


def test_pdf_never_writes_over_its_own_input(in_tmp, word_file):
    before = word_file.read_bytes()
    _usage_error(run("pdf", "report.docx", "-o", "report.docx"), "does not end in .pdf")
    misnamed = Path("misnamed.pdf")
    shutil.copy(word_file, misnamed)
    _usage_error(run("pdf", misnamed), "the PDF would replace 'misnamed.pdf' itself")
    assert word_file.read_bytes() == before
    assert misnamed.read_bytes() == before


def test_init_refuses_an_existing_file_and_a_name_that_is_not_xlsx(in_tmp):
    Path("report.xlsx").write_bytes(b"last quarter's work")
    _usage_error(run("init"), "'report.xlsx' exists already; name a new file")
    _usage_error(run("init", "report.docx"), "'report.docx' does not end in .xlsx")
    assert Path("report.xlsx").read_bytes() == b"last quarter's work"
    assert not Path("report.docx").exists()


def test_build_outdir_that_looks_like_a_file_name_is_a_usage_error(in_tmp):
    _usage_error(run("build", MINIMAL, "-o", "report.docx"),
                 "'report.docx' looks like a file's name, but -o names the folder")
    assert not Path("report.docx").exists()


def test_check_of_a_built_report_with_a_template_is_a_usage_error(word_file):
    _usage_error(run("check", word_file, "-t", word_file), "is a Word document")


@pytest.mark.parametrize("args, phrase", [
    (["build", MINIMAL, "-j", "0"], "0 is not in the range x>=1"),
    (["serve", "--port", "99999"], "99999 is not in the range 1<=x<=65535"),
    (["serve", "--max-upload-mb", "0"], "--max-upload-mb"),
    (["check", "."], "is a directory"),
])
def test_numbers_and_kinds_out_of_range_exit_2(in_tmp, args, phrase):
    _usage_error(run(*args), phrase)


def test_an_error_from_making_the_report_is_not_reported_as_a_write_failure(monkeypatch,
                                                                             tmp_path):
    """Code run while the .docx is made (template code, say) that fails on another file: the
    error is its own, never "cannot write 'out/….docx'"."""
    import docgen.render

    def touches_another_file(*args, **kwargs):
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", "/elsewhere/x.docx")

    monkeypatch.setattr(docgen.render, "render_docx", touches_another_file)
    result = run("build", MINIMAL, "-o", tmp_path / "out")
    assert "cannot write" not in result.output, result.output
    assert "FileNotFoundError" in result.output and "/elsewhere/x.docx" in result.output
    assert list((tmp_path / "out").iterdir()) == []


def test_template_code_reaching_the_file_system_is_a_template_error(tmp_path):
    """As the issue found it: a template calling save() on an object it was handed."""
    template = tmp_path / "template.docx"
    document = Document(str(default_template()))
    document.add_paragraph(f"{{{{ body.document.save('{tmp_path / 'nowhere' / 'x.docx'}') }}}}")
    document.save(template)
    result = run("build", MINIMAL, "-t", template, "-o", tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert "cannot write" not in result.output and "internal error" not in result.output
    assert "'template.docx'" in result.output
    assert not (tmp_path / "nowhere").exists()


def test_the_docgen_program_follows_the_rule(tmp_path):
    """Through the installed `docgen` script: exit codes and messages as a shell sees them."""
    program = Path(sys.executable).with_name("docgen")
    if not program.exists():
        pytest.skip("the docgen script is not installed beside this Python")

    def docgen(*args):
        return subprocess.run([str(program), *map(str, args)], capture_output=True, text=True,
                              cwd=tmp_path)

    (tmp_path / "taken").write_text("")
    (tmp_path / "data.xlsx").write_text("a,b\n")
    missing = docgen("pdf", "no/such/file.docx")
    assert missing.returncode == 2 and "'no/such/file.docx'" in missing.stderr
    assert docgen("check").returncode == 2
    under = docgen("build", MINIMAL, "-o", "taken/sub")
    assert under.returncode == 2 and "'taken/sub' is inside 'taken'" in under.stderr
    verbose = docgen("build", "data.xlsx", "--verbose")
    assert verbose.returncode == 2 and "Traceback" in verbose.stderr
    assert verbose.stderr.splitlines()[0] == (
        "docgen: 'data.xlsx' is a text or CSV file: save it from Excel as an Excel Workbook "
        "(.xlsx)")
