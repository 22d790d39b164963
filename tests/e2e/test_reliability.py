"""Hostile and broken input, and faults: nothing lost, nobody in (issue 7)."""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from tests.support import MINIMAL, column_of

import docgen
from docgen import limits
from docgen.exceptions import ExportError, TemplateError, WorkbookError


def rewrite(source: Path, target: Path, changes: dict[str, bytes | None]) -> Path:
    """Copy a workbook's zip, replacing (or adding) the named parts."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = changes.pop(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info.filename, data)
        for name, data in changes.items():
            dst.writestr(name, data)
    return target


def part(name: str) -> bytes:
    with zipfile.ZipFile(MINIMAL) as archive:
        return archive.read(name)


def sheet_part(title: str) -> str:
    workbook = openpyxl.load_workbook(MINIMAL)
    index = workbook.sheetnames.index(title) + 1
    return f"xl/worksheets/sheet{index}.xml"


def refused(path: Path) -> str:
    started = time.monotonic()
    with pytest.raises(WorkbookError) as info:
        docgen.api.read_report(path)
    assert time.monotonic() - started < 1.0, "a hostile file must be refused quickly"
    return str(info.value)


# Workbook bombs and shapes ----------------------------------------------------------------

def test_entity_expansion_is_refused(tmp_path):
    name = sheet_part("Narrative")
    doctype = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
               b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    xml = doctype + part(name).replace(b"Purpose", b"&lol2;", 1)
    path = rewrite(MINIMAL, tmp_path / "entities.xlsx", {name: xml})
    assert "contains XML entity declarations" in refused(path)


def test_a_sheet_declaring_a_huge_area_is_refused_before_parsing(tmp_path):
    name = sheet_part("Measures")
    xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', part(name))
    xml = xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v>'
                      b"</c></row></sheetData>")
    path = rewrite(MINIMAL, tmp_path / "huge.xlsx", {name: xml})
    assert "has a sheet spanning 1,048,576 rows by 16,384 columns" in refused(path)


def test_a_far_cell_without_a_dimension_stops_at_the_row_limit(tmp_path):
    name = sheet_part("Measures")
    xml = re.sub(rb"<dimension [^>]*/>", b"", part(name))
    xml = xml.replace(b"</sheetData>", b'<row r="900000"><c r="A900000" t="inlineStr"><is>'
                      b"<t>stray</t></is></c></row></sheetData>")
    path = rewrite(MINIMAL, tmp_path / "far.xlsx", {name: xml})
    assert "Measures: the sheet has 900,000 rows; docgen reads up to 5,000" in refused(path)


def test_a_huge_excel_table_is_refused(edit_workbook):
    def huge(wb):
        wb["Tables"].tables["IncidentsByType"].ref = "A1:B900000"

    message = refused(edit_workbook(huge))
    assert "the table 'IncidentsByType' spans A1:B900000" in message


def test_a_cell_over_excels_limit_names_the_cell(tmp_path):
    name = sheet_part("Narrative")
    big = b"x" * (limits.MAX_CELL_CHARS + 10)
    xml = part(name).replace(b"To report performance for the third quarter.", big, 1)
    path = rewrite(MINIMAL, tmp_path / "bigcell.xlsx", {name: xml})
    assert ("Narrative!C2: the text is 32,777 characters long; a cell may hold 32,767"
            in refused(path))


# Not a workbook --------------------------------------------------------------------------

def test_corrupt_compressed_stream(tmp_path):
    name = sheet_part("Narrative")
    data = bytearray(MINIMAL.read_bytes())
    with zipfile.ZipFile(MINIMAL) as archive:
        info = archive.getinfo(name)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 10, start + 40):
        data[i] ^= 0x5A
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(bytes(data))
    message = refused(path)
    assert "damaged" in message and "Traceback" not in message


def test_shared_string_index_out_of_range(tmp_path):
    name = sheet_part("Narrative")
    xml = re.sub(rb'<c r="C2"[^>]*t="inlineStr"><is><t>[^<]*</t></is></c>',
                 b'<c r="C2" t="s"><v>99999</v></c>', part(name))
    assert b"99999" in xml
    path = rewrite(MINIMAL, tmp_path / "index.xlsx", {name: xml})
    assert "is damaged and cannot be read" in refused(path)


# Odd values ------------------------------------------------------------------------------

def test_merged_cells_read_the_top_left_value(edit_workbook):
    def merge(wb):
        wb["Settings"].merge_cells("B4:C4")

    report, _ = docgen.api.read_report(edit_workbook(merge))
    assert report.settings.title == "Quarterly Performance"


def test_a_date_formatted_number_below_one(edit_workbook):
    def date_value(wb):
        ws = wb["Measures"]
        cell = ws.cell(row=2, column=column_of(ws, "Current"))
        cell.value, cell.number_format = 0.5, "d mmmm yyyy"
        settings = wb["Settings"]
        settings["B3"].value, settings["B3"].number_format = 0.25, "h:mm"

    with pytest.raises(WorkbookError) as info:
        docgen.api.read_report(edit_workbook(date_value))
    found = [str(p) for p in info.value.problems]
    assert any(p.startswith("Measures!E2: expected a number, found a date or time") for p in found)
    assert any(p.startswith("Settings!B3: expected a date such as 21/11/2019") for p in found)


def test_the_1904_date_system(edit_workbook):
    import datetime as dt

    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    def mac(wb):
        wb.epoch = CALENDAR_MAC_1904
        wb["Settings"]["B3"] = dt.datetime(2020, 2, 13)

    report, _ = docgen.api.read_report(edit_workbook(mac))
    assert report.settings.meeting_date == dt.date(2020, 2, 13)
    assert report.settings.meeting_date_text == "13th February 2020"


def test_lone_surrogates_and_control_characters_are_removed():
    from docgen.text import clean_text

    assert clean_text("a\ud800b\x1fc_x0001_d") == ("abcd", ["U+0001", "U+001F", "U+D800"])


# Templates -------------------------------------------------------------------------------

def template_with(tmp_path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    path = tmp_path / "hostile.docx"
    document.save(path)
    return path


@pytest.mark.parametrize("text", [
    "{{ self.__init__.__globals__.__builtins__.__import__('os').popen('id').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "{{ 'A' * 10**8 }}",
    "{{ 'a'|center(10**9) }}",
    "{{ '%0999999999d' % 1 }}",
])
def test_hostile_templates_fail_with_a_template_error_quickly(edit_workbook, tmp_path, text):
    started = time.monotonic()
    with pytest.raises(TemplateError, match="unsafe"):
        docgen.build(edit_workbook(), template=template_with(tmp_path, text),
                     outdir=tmp_path / "out")
    assert time.monotonic() - started < 5
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_isolated_builds_have_a_time_limit(edit_workbook, tmp_path):
    from docgen.isolation import run_isolated

    slow = template_with(tmp_path, "{% for i in range(900000) %}{{ i }}{% endfor %}")
    with pytest.raises(TemplateError, match="stopped after"):
        run_isolated({"workbook": edit_workbook(), "template": slow,
                      "outdir": tmp_path / "out"}, seconds=0.5)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_isolated_builds_pass_results_and_cell_errors_back(edit_workbook, tmp_path):
    result = docgen.build(edit_workbook(), outdir=tmp_path, isolate=True)
    assert result.docx.is_file()

    def broken(wb):
        wb["Measures"]["E2"] = "n/a"

    with pytest.raises(WorkbookError) as info:
        docgen.build(edit_workbook(broken, name="bad.xlsx"), outdir=tmp_path, isolate=True)
    assert [str(p) for p in info.value.problems] == [
        'Measures!E2: expected a number, found "n/a"']


# Faults ----------------------------------------------------------------------------------

def test_sigkill_while_writing_leaves_the_previous_output(edit_workbook, tmp_path):
    workbook = edit_workbook()
    outdir = tmp_path / "out"
    good = docgen.build(workbook, outdir=outdir).docx
    before = good.read_bytes()
    script = textwrap.dedent(f"""
        import time, docgen.render as render
        original = render.render_docx
        def slow(report, template, output, **kwargs):
            original(report, template, output, **kwargs)
            print("written", flush=True)
            time.sleep(60)
        render.render_docx = slow
        import docgen
        docgen.build({str(workbook)!r}, outdir={str(outdir)!r})
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "written"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    assert good.read_bytes() == before
    assert sorted(p.name for p in outdir.iterdir()) == ["case.docx"]


def test_a_full_disk_is_a_clear_error_and_nothing_is_half_written(monkeypatch, edit_workbook,
                                                                  tmp_path):
    import docgen.render as render

    workbook = edit_workbook()
    good = docgen.build(workbook, outdir=tmp_path).docx
    before = good.read_bytes()

    def full_disk(report, template, output, **kwargs):
        Path(output).write_bytes(b"PK\x03\x04 half a file")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(render, "render_docx", full_disk)
    with pytest.raises(ExportError, match="No space left on device"):
        docgen.build(workbook, outdir=tmp_path)
    assert good.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.docx", "case.xlsx"]


def test_a_read_only_folder_is_a_clear_error(monkeypatch, edit_workbook, tmp_path):
    import docgen.files as files

    real_open = os.open

    def denied(path, flags, *args, **kwargs):
        if Path(path) == tmp_path / "locked":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return real_open(path, flags, *args, **kwargs)

    (tmp_path / "locked").mkdir()
    monkeypatch.setattr(files.os, "open", denied)
    monkeypatch.setattr(files.tempfile, "mkstemp", lambda **kw: (_ for _ in ()).throw(
        PermissionError(errno.EACCES, os.strerror(errno.EACCES))))
    with pytest.raises(ExportError, match="cannot write to folder .*Permission denied"):
        docgen.build(edit_workbook(), outdir=tmp_path / "locked")
    assert list((tmp_path / "locked").iterdir()) == []
