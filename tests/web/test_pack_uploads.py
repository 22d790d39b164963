"""Saving a pack's uploads: safe names, bounded .zip files, the agenda found in a .zip."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from starlette.datastructures import UploadFile
from tests.support.pack_fixtures import pdf_paper, write_agenda

from docgen.web.pack_uploads import (
    PackUploads,
    find_agenda,
    safe_name,
    save_pack_uploads,
)
from docgen.web.uploads import UploadRefused


def _upload(name: str, data: bytes) -> UploadFile:
    return UploadFile(io.BytesIO(data), filename=name)


def _zip(members: dict[str, bytes], compress=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compress) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_safe_names_never_leave_the_folder():
    assert safe_name("../../etc/passwd", "x") == "passwd"
    assert safe_name("C:\\Users\\clerk\\Item 2 (final).pdf", "x") == "Item 2 (final).pdf"
    assert safe_name("..", "paper") == "paper"
    assert safe_name("a<b>|c.pdf", "x") == "a_b__c.pdf"


def test_papers_are_saved_under_their_names_and_a_zip_keeps_its_folders(tmp_path):
    agenda = write_agenda(tmp_path / "agenda.xlsx", [(1, "A")])
    pdf = pdf_paper(tmp_path / "p.pdf").read_bytes()
    folder = tmp_path / "files"
    folder.mkdir()
    saved = save_pack_uploads(PackUploads(
        _upload("agenda.xlsx", agenda.read_bytes()),
        [_upload("p.pdf", pdf), _upload("more.zip", _zip({"meeting/sub/q.pdf": pdf}))]),
        folder, max_mb=5)
    assert saved == folder / "agenda.xlsx"
    assert (folder / "p.pdf").read_bytes() == pdf
    assert (folder / "sub" / "q.pdf").read_bytes() == pdf  # the zip's one top folder dropped


def test_the_agenda_is_found_in_a_zip(tmp_path):
    agenda = write_agenda(tmp_path / "agenda.xlsx", [(1, "A")])
    folder = tmp_path / "files"
    folder.mkdir()
    data = _zip({"m/agenda.xlsx": agenda.read_bytes(), "m/report.pdf": b"%PDF-1.4"})
    assert save_pack_uploads(PackUploads(None, [_upload("m.zip", data)]), folder, 5) == (
        folder / "m" / "agenda.xlsx")
    assert find_agenda(tmp_path / "nothing") is None


@pytest.mark.parametrize(("members", "words"), [
    ({"../x.pdf": b"a"}, "outside its own folder"),
    ({"/abs.pdf": b"a"}, "outside its own folder"),
    ({"bomb.pdf": b"\0" * 2_000_000}, "unpacks to more than docgen accepts"),
])
def test_a_hostile_zip_is_refused(tmp_path, members, words):
    data = _zip(members, zipfile.ZIP_DEFLATED)
    with pytest.raises(UploadRefused) as caught:
        save_pack_uploads(PackUploads(None, [_upload("x.zip", data)]), tmp_path, 5)
    assert words in caught.value.message and caught.value.field == "papers"
    assert list(Path(tmp_path).iterdir()) == []


def test_two_files_of_one_name_are_refused(tmp_path):
    with pytest.raises(UploadRefused) as caught:
        save_pack_uploads(PackUploads(None, [_upload("a.pdf", b"1"), _upload("A.pdf", b"2")]),
                          tmp_path, 5)
    assert "Two of the selected files are called ‘A.pdf’" in caught.value.message
