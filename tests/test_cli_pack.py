"""`docgen pack` and `docgen init --agenda`: the shell over `docgen.api.pack`."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner
from tests.support.pack_fixtures import pdf_paper, write_agenda

from docgen.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_init_agenda_writes_a_blank_agenda_workbook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init", "--agenda")
    assert result.exit_code == 0, result.output
    assert result.output == "Wrote agenda.xlsx\n"
    assert openpyxl.load_workbook(tmp_path / "agenda.xlsx").sheetnames == [
        "Instructions", "Meeting", "Items"]
    result = run("init", "--agenda", "meeting.xlsx")
    assert result.exit_code == 0 and (tmp_path / "meeting.xlsx").exists()
    assert not (tmp_path / "report.xlsx").exists()


def test_init_agenda_refuses_an_existing_file_and_report_options(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agenda.xlsx").write_bytes(b"keep")
    result = run("init", "--agenda")
    assert result.exit_code == 2 and "'agenda.xlsx' exists already" in result.output
    assert (tmp_path / "agenda.xlsx").read_bytes() == b"keep"
    result = run("init", "--agenda", "new.xlsx", "--from", "agenda.xlsx")
    assert result.exit_code == 2 and "takes no -t/--template or --from" in result.output


def test_pack_writes_the_pack_and_lists_its_files(tmp_path):
    pdf_paper(tmp_path / "paper.pdf", pages=2)
    agenda = write_agenda(tmp_path / "agenda.xlsx", [(1, "Test item", "", "paper.pdf")])
    result = run("pack", agenda, "-o", tmp_path / "out", "-j", 1)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line for line in lines if line.startswith("Wrote")] == [
        f"Wrote {tmp_path / 'out' / name}" for name in ("agenda.pdf", "agenda-manifest.json")]
    assert lines[0].startswith("warning: Items!D2: item 1, paper.pdf: the PDF is not tagged")


def test_pack_exits_2_listing_every_problem_by_cell(tmp_path):
    agenda = write_agenda(tmp_path / "agenda.xlsx", [(1, "A", "", "gone.pdf"),
                                                     (2, "B", "", "", 12)])
    result = run("pack", agenda, "-o", tmp_path / "out")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0].startswith("error: Items!D2: item 1, gone.pdf: the file was not found")
    assert lines[1].startswith('error: Items!E3: "12" is not a paragraph of Part 1')
    assert lines[-1] == "docgen: the agenda pack cannot be made: 2 problem(s)"
    assert not (tmp_path / "out").exists()
