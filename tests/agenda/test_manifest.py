"""The manifest: plain JSON naming every output with its SHA-256."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from docgen.agenda.manifest import describe_output, manifest, sha256, write_manifest
from docgen.agenda.model import Agenda, Item, Meeting


def test_sha256_of_a_file_larger_than_one_block(tmp_path):
    path = tmp_path / "big.bin"
    data = bytes(range(256)) * 9000
    path.write_bytes(data)
    assert sha256(path) == hashlib.sha256(data).hexdigest()


def test_outputs_are_named_relative_to_the_folder(tmp_path):
    (tmp_path / "part-b").mkdir()
    path = tmp_path / "part-b" / "report.docx"
    path.write_bytes(b"abc")
    assert describe_output(path, tmp_path, "report") == {
        "file": "part-b/report.docx", "role": "report", "bytes": 3,
        "sha256": hashlib.sha256(b"abc").hexdigest()}
    assert describe_output(path, tmp_path, "pack", pages=4)["pages"] == 4


def test_the_manifest_round_trips_as_json(tmp_path):
    agenda_path = tmp_path / "agenda.xlsx"
    agenda_path.write_bytes(b"test agenda bytes")
    agenda = Agenda(agenda_path, Meeting("Test Committee", dt.date(2019, 11, 21),
                                         clerk="Test Clerk"), (Item("1", "Minutes", 2),))
    data = manifest(agenda, [{"number": "1"}], [])
    target = tmp_path / "m.json"
    write_manifest(data, target)
    read = json.loads(Path(target).read_text(encoding="utf-8"))
    assert read["meeting"]["title"] == "Test Committee, 21 November 2019"
    assert read["meeting"]["date"] == "2019-11-21" and read["meeting"]["clerk"] == "Test Clerk"
    assert read["agenda"] == {"file": "agenda.xlsx",
                              "sha256": hashlib.sha256(b"test agenda bytes").hexdigest()}
    assert read["schema"] == "docgen-agenda-pack/1" and read["items"] == [{"number": "1"}]
