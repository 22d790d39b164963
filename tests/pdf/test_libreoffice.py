"""`docgen.pdf.libreoffice`: the PDF made by LibreOffice from a cleaned copy, offline, with
every failure an `ExportError` naming the file. `soffice` itself is mocked here."""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import SimpleNamespace

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from docgen.exceptions import ExportError
from docgen.pdf import libreoffice
from docgen.pdf.libreoffice import TIMEOUT_SECONDS, convert_with_libreoffice


@pytest.fixture
def source(tmp_path) -> Path:
    document = docx.Document()
    document.add_paragraph("Quarterly report")
    path = tmp_path / "report.docx"
    document.save(path)
    return path


@pytest.fixture
def soffice(monkeypatch):
    """A fake `soffice` on the PATH and no `unshare`; `calls` holds the commands run, and
    `behaviour` decides what each run does (by default: write the PDF and succeed)."""
    calls: list[list[str]] = []
    seen: dict[str, bytes] = {}

    def write_pdf(command):
        copy = Path(command[-1])
        seen["copy"] = copy.read_bytes()
        outdir = Path(command[command.index("--outdir") + 1])
        (outdir / (copy.stem + ".pdf")).write_bytes(b"%PDF-1.4 made by the fake")
        return SimpleNamespace(returncode=0, stderr=b"")

    fake = SimpleNamespace(calls=calls, seen=seen, behaviour=write_pdf)

    def run(command, **kwargs):
        calls.append(command)
        assert kwargs["timeout"] == TIMEOUT_SECONDS
        return fake.behaviour(command)

    monkeypatch.setattr(libreoffice.shutil, "which",
                        lambda name: "/usr/bin/soffice" if name == "soffice" else None)
    monkeypatch.setattr(libreoffice.subprocess, "run", run)
    return fake


def test_the_pdf_is_written_to_the_target(source, soffice, tmp_path):
    target = tmp_path / "out" / "report.pdf"
    assert convert_with_libreoffice(str(source), str(target)) == []
    assert target.read_bytes() == b"%PDF-1.4 made by the fake"


def test_soffice_runs_headless_with_a_private_profile(source, soffice, tmp_path):
    convert_with_libreoffice(str(source), str(tmp_path / "report.pdf"))
    (command,) = soffice.calls
    assert command[0] == "/usr/bin/soffice"
    assert command[1].startswith("-env:UserInstallation=file://")
    assert command[1].endswith("/profile")
    assert command[2:7] == ["--headless", "--norestore", "--convert-to", "pdf", "--outdir"]
    assert Path(command[-1]).name == "report.docx"
    assert Path(command[-1]).parent != source.parent  # a copy, in a folder of its own


def test_soffice_is_given_a_cleaned_copy_and_what_was_removed_is_a_warning(
        source, soffice, tmp_path):
    document = docx.Document(source)
    document.element.body.insert(0, parse_xml(
        f'<w:p {nsdecls("w")}><w:fldSimple w:instr="INCLUDEPICTURE &quot;http://x/a.png&quot;">'
        '<w:r><w:t>shown</w:t></w:r></w:fldSimple></w:p>'))
    document.save(source)
    warnings = convert_with_libreoffice(str(source), str(tmp_path / "report.pdf"))
    assert [str(p) for p in warnings] == [
        "report.docx: removed a INCLUDEPICTURE field: a committee report never needs it"]
    assert b"INCLUDEPICTURE" not in soffice.seen["copy"]


def test_without_libreoffice_the_docgen_engine_is_suggested(source, monkeypatch, tmp_path):
    monkeypatch.setattr(libreoffice.shutil, "which", lambda name: None)
    with pytest.raises(ExportError, match="LibreOffice \\(soffice\\) is not installed; use the "
                                          "'docgen' PDF engine"):
        convert_with_libreoffice(str(source), str(tmp_path / "report.pdf"))


def test_libreoffice_is_found_by_either_name(monkeypatch):
    monkeypatch.setattr(libreoffice.shutil, "which",
                        lambda name: "/opt/lo/libreoffice" if name == "libreoffice" else None)
    assert libreoffice.find_soffice() == "/opt/lo/libreoffice"


def test_a_missing_source_is_named(soffice, tmp_path):
    missing = tmp_path / "gone.docx"
    with pytest.raises(ExportError, match=f"cannot read '{missing}': no such file"):
        convert_with_libreoffice(str(missing), str(tmp_path / "gone.pdf"))
    assert soffice.calls == []


def test_a_source_that_is_not_word_is_an_export_error(soffice, tmp_path):
    text = tmp_path / "notes.docx"
    text.write_text("just text")
    with pytest.raises(ExportError, match="'notes.docx' is not a readable Word document"):
        convert_with_libreoffice(str(text), str(tmp_path / "notes.pdf"))
    assert soffice.calls == []


def test_a_failed_conversion_names_the_file_and_writes_nothing(source, soffice, tmp_path):
    soffice.behaviour = lambda command: SimpleNamespace(returncode=1, stderr=b"Error: source")
    target = tmp_path / "report.pdf"
    with pytest.raises(ExportError, match=f"LibreOffice could not convert '{source}' to PDF"):
        convert_with_libreoffice(str(source), str(target))
    assert not target.exists()


def test_success_without_a_pdf_is_a_failure(source, soffice, tmp_path):
    soffice.behaviour = lambda command: SimpleNamespace(returncode=0, stderr=b"")
    with pytest.raises(ExportError, match="could not convert"):
        convert_with_libreoffice(str(source), str(tmp_path / "report.pdf"))


def test_a_conversion_past_the_time_limit(source, soffice, tmp_path):
    def hang(command):
        raise subprocess.TimeoutExpired(command, TIMEOUT_SECONDS)

    soffice.behaviour = hang
    with pytest.raises(ExportError, match=f"LibreOffice took longer than {TIMEOUT_SECONDS} s "
                                          f"to convert '{source}'"):
        convert_with_libreoffice(str(source), str(tmp_path / "report.pdf"))


def test_soffice_that_cannot_start(source, soffice, tmp_path):
    def broken(command):
        raise PermissionError(13, "Permission denied")

    soffice.behaviour = broken
    with pytest.raises(ExportError, match="LibreOffice could not be started: .*Permission"):
        convert_with_libreoffice(str(source), str(tmp_path / "report.pdf"))


def test_offline_prefix_when_unshare_works(monkeypatch):
    monkeypatch.setattr(libreoffice.shutil, "which", lambda name: "/usr/bin/unshare")
    probes = []

    def run(command, **kwargs):
        probes.append(command)
        return SimpleNamespace(returncode=0)

    monkeypatch.setattr(libreoffice.subprocess, "run", run)
    assert libreoffice._offline() == ["/usr/bin/unshare", "-rn"]
    assert probes == [["/usr/bin/unshare", "-rn", "true"]]


def test_no_offline_prefix_when_unshare_is_refused_or_missing(monkeypatch):
    monkeypatch.setattr(libreoffice.shutil, "which", lambda name: "/usr/bin/unshare")
    monkeypatch.setattr(libreoffice.subprocess, "run",
                        lambda command, **kwargs: SimpleNamespace(returncode=1))
    assert libreoffice._offline() == []
    monkeypatch.setattr(libreoffice.shutil, "which", lambda name: None)
    assert libreoffice._offline() == []


def test_the_offline_prefix_comes_before_soffice(source, soffice, monkeypatch, tmp_path):
    monkeypatch.setattr(libreoffice, "_offline", lambda: ["/usr/bin/unshare", "-rn"])
    convert_with_libreoffice(str(source), str(tmp_path / "report.pdf"))
    assert soffice.calls[0][:3] == ["/usr/bin/unshare", "-rn", "/usr/bin/soffice"]
