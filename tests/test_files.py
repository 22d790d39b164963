"""`docgen.files`: outputs written atomically, and every failure to write one an `ExportError`
naming it; the producer's own errors pass through unchanged."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from docgen import files
from docgen.exceptions import ExportError
from docgen.files import atomic_output, blocking_file


@pytest.fixture(params=["anonymous", "named"])
def way(request, monkeypatch):
    """Each test runs with Linux's anonymous files and with the named temporary file used
    elsewhere."""
    if request.param == "named":
        monkeypatch.setattr(files, "_open_anonymous", lambda folder: None)
    elif not hasattr(os, "O_TMPFILE") or not os.path.isdir("/proc/self/fd"):
        pytest.skip("no anonymous files here")
    return request.param


def test_the_output_appears_only_when_complete(tmp_path, way):
    target = tmp_path / "out" / "report.docx"
    with atomic_output(target) as tmp:
        tmp.write_bytes(b"first half ")
        assert not target.exists()
        with open(tmp, "ab") as handle:
            handle.write(b"second half")
    assert target.read_bytes() == b"first half second half"
    assert [p.name for p in target.parent.iterdir()] == ["report.docx"]


def test_a_good_file_is_replaced_whole_or_not_at_all(tmp_path, way):
    target = tmp_path / "report.docx"
    target.write_bytes(b"good")
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("the template failed")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]
    with atomic_output(target) as tmp:
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new"


def test_outputs_get_the_usual_permissions(tmp_path, way):
    target = tmp_path / "report.pdf"
    with atomic_output(target) as tmp:
        tmp.write_bytes(b"%PDF")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_a_folder_in_the_way_is_named(tmp_path):
    (tmp_path / "report.docx").mkdir()
    with pytest.raises(ExportError) as raised, atomic_output(tmp_path / "report.docx"):
        pass
    assert str(raised.value) == f"cannot write '{tmp_path / 'report.docx'}': it is a folder"


def test_missing_folders_are_made(tmp_path, way):
    target = tmp_path / "a" / "b" / "c" / "report.docx"
    with atomic_output(target) as tmp:
        tmp.write_bytes(b"x")
    assert target.read_bytes() == b"x"


def test_blocking_file_finds_the_file_a_path_would_be_inside(tmp_path):
    (tmp_path / "out.docx").write_text("")
    assert blocking_file(tmp_path / "out.docx" / "report.pdf") == tmp_path / "out.docx"
    assert blocking_file(tmp_path / "out.docx" / "a" / "b.pdf") == tmp_path / "out.docx"
    assert blocking_file(tmp_path / "new" / "report.pdf") is None
    assert blocking_file(tmp_path / "out.docx") is None  # the path itself is not looked at


@pytest.mark.parametrize(("exc", "failure"), [
    (OSError(errno.ENOSPC, "No space left on device"), True),
    (OSError(errno.EIO, "Input/output error"), True),
    (OSError(errno.EACCES, "Permission denied", "/tmp/x.tmp"), True),
    (OSError(errno.EACCES, "Permission denied", "/elsewhere"), False),
    (OSError(errno.ENOENT, "No such file"), False),
])
def test_what_counts_as_a_failure_to_write_the_output(exc, failure):
    from pathlib import Path

    assert files._is_output_failure(exc, Path("/tmp/x.tmp")) is failure


# -- moved from test_cli_usage.py -------------------------------------------------------------


def test_atomic_output_passes_the_producers_own_errors_through(tmp_path):
    target = tmp_path / "out" / "report.docx"
    error = FileNotFoundError(errno.ENOENT, "No such file or directory", "/elsewhere/x")
    with pytest.raises(FileNotFoundError) as raised, atomic_output(target):
        raise error
    assert raised.value is error
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("failure", [
    lambda tmp: OSError(errno.ENOSPC, "No space left on device"),
    lambda tmp: PermissionError(errno.EACCES, "Permission denied", str(tmp)),
])
def test_atomic_output_reports_failures_to_write_the_output_with_its_path(tmp_path, failure):
    target = tmp_path / "out" / "report.docx"
    with pytest.raises(ExportError, match=f"cannot write '{target}'"), \
            atomic_output(target) as tmp:
        raise failure(tmp)
    assert not target.exists()


def test_atomic_output_under_a_file_names_the_file(tmp_path):
    (tmp_path / "taken").write_text("")
    target = tmp_path / "taken" / "sub" / "report.docx"
    with pytest.raises(ExportError) as raised, atomic_output(target):
        pass
    assert str(raised.value) == (f"cannot write '{target}': '{tmp_path / 'taken'}' is a file, "
                                 "not a folder")


def test_a_failure_to_write_names_the_reason(tmp_path, way):
    target = tmp_path / "report.docx"
    with pytest.raises(ExportError) as raised, atomic_output(target):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert str(raised.value) == f"cannot write '{target}': No space left on device"
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_hold_an_anonymous_file_falls_back_to_a_named_one(
        tmp_path, monkeypatch):
    real_open = os.open

    def no_tmpfile(path, flags, *args, **kwargs):
        if flags & getattr(os, "O_TMPFILE", 0) == getattr(os, "O_TMPFILE", -1):
            raise OSError(errno.EOPNOTSUPP, "Operation not supported")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", no_tmpfile)
    target = tmp_path / "report.docx"
    with atomic_output(target) as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".report.docx.")
        tmp.write_bytes(b"named")
    assert target.read_bytes() == b"named"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_a_folder_that_refuses_files_is_named(tmp_path, monkeypatch):
    def refuse(path, flags, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.os, "open", refuse)
    monkeypatch.setattr(files.tempfile, "mkstemp", lambda **kwargs: refuse(None, 0))
    with pytest.raises(ExportError) as raised, atomic_output(tmp_path / "report.docx"):
        pass
    assert str(raised.value) == f"cannot write to folder '{tmp_path}': Permission denied"
    monkeypatch.setattr(files, "_open_anonymous", lambda folder: None)
    with pytest.raises(ExportError) as raised, atomic_output(tmp_path / "report.docx"):
        pass
    assert str(raised.value) == f"cannot write to folder '{tmp_path}': Permission denied"


def test_outputs_are_flushed_to_the_disk_unless_they_are_scratch(tmp_path, way, monkeypatch):
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    with atomic_output(tmp_path / "kept.pdf") as tmp:
        tmp.write_bytes(b"kept")
    assert len(synced) == 1
    with files.scratch_outputs():
        with atomic_output(tmp_path / "scratch.pdf") as tmp:
            tmp.write_bytes(b"scratch")
    assert len(synced) == 1 and (tmp_path / "scratch.pdf").read_bytes() == b"scratch"
    with atomic_output(tmp_path / "kept-again.pdf") as tmp:
        tmp.write_bytes(b"kept")
    assert len(synced) == 2  # scratch only inside the block
