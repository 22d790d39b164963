"""Writing outputs atomically: a failed run never leaves a partial file or clobbers a good one.

Where the system allows (Linux), the output is first written to an *anonymous* file in the
target folder (O_TMPFILE): if the process dies, even by SIGKILL, the file vanishes with it.
Only once complete is it given a name and renamed over the target in one step. Elsewhere a
hidden temporary file beside the target is used and removed on any error.
"""

from __future__ import annotations

import contextlib
import contextvars
import ctypes
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .exceptions import ExportError

# mkstemp makes files readable by their owner only; outputs get the usual permissions.
_UMASK = os.umask(0)
os.umask(_UMASK)
_MODE = 0o666 & ~_UMASK
_AT_FDCWD = -100
_AT_SYMLINK_FOLLOW = 0x400
# Failures of the disk itself: whoever was writing, it was the output that could not be written.
_STORAGE_ERRNOS = frozenset(getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO",
                                                              "EROFS") if hasattr(errno, name))
_DURABLE = contextvars.ContextVar("docgen_durable_outputs", default=True)


@contextlib.contextmanager
def scratch_outputs() -> Iterator[None]:
    """Outputs written inside are scratch files (a staging folder's, copied or thrown away
    after): still written atomically, but not flushed to the disk before they are named,
    which costs a few milliseconds an output and buys nothing for a file about to be copied."""
    token = _DURABLE.set(False)
    try:
        yield
    finally:
        _DURABLE.reset(token)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a path to write the output to; on success it replaces `path` in one step.

    On any exception nothing is left behind and `path` is as it was. Raises `ExportError`
    naming `path` for an output that cannot be written (a folder, a path under a file, a
    read-only or full disk). Any other exception raised by the code producing the output
    (a template error, say) passes through unchanged.
    """
    target = Path(path)
    if target.is_dir():
        raise ExportError(f"cannot write '{target}': it is a folder")
    _make_folder(target)
    anonymous = _open_anonymous(target.parent)
    try:
        if anonymous is not None:
            tmp = Path(f"/proc/self/fd/{anonymous}")
            with _write_failures(target, tmp):
                yield tmp
            with _write_failures(target):
                _publish_anonymous(anonymous, target)
        else:
            with _named_temporary(target) as tmp, _write_failures(target, tmp):
                yield tmp
    finally:
        if anonymous is not None:
            os.close(anonymous)


def blocking_file(path: str | os.PathLike[str]) -> Path | None:
    """The existing file (not a folder) that `path` would have to be inside, or None.

    `out.docx/report.pdf` cannot be written while `out.docx` is a file: this returns
    `out.docx`. Only the folders above `path` are looked at, not `path` itself.
    """
    for parent in Path(path).parents:
        if parent.exists():
            return None if parent.is_dir() else parent
    return None


def _make_folder(target: Path) -> None:
    """Make the folder `target` goes in, or raise `ExportError` naming the path."""
    folder = target.parent
    blocker = blocking_file(target)
    if blocker is not None:
        raise ExportError(f"cannot write '{target}': '{blocker}' is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot write to folder '{folder}': {_reason(exc)}") from exc


@contextlib.contextmanager
def _write_failures(target: Path, tmp: Path | None = None) -> Iterator[None]:
    """Turn a failure to write the output into `ExportError` naming `target`.

    Without `tmp`, the block is docgen's own publishing step: every `OSError` is such a
    failure. With `tmp`, the block is the caller producing the output, whose other errors
    (template code touching another file, say) are theirs and pass through unchanged.
    """
    try:
        yield
    except OSError as exc:
        if tmp is not None and not _is_output_failure(exc, tmp):
            raise
        raise ExportError(f"cannot write '{target}': {_reason(exc)}") from exc


def _is_output_failure(exc: OSError, tmp: Path) -> bool:
    """True when `exc` is about writing `tmp`: raised for that file, or by a full or failing
    disk (which names no file when it fails a write to an open one)."""
    if exc.filename is not None:
        return os.fsdecode(exc.filename) == str(tmp)
    return exc.errno in _STORAGE_ERRNOS


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _open_anonymous(folder: Path) -> int | None:
    """An unnamed file in `folder` (Linux O_TMPFILE), or None where that is not possible."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not Path("/proc/self/fd").is_dir() or _libc() is None:
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, _MODE)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return None  # the file system has no anonymous files: use a named one
        raise ExportError(f"cannot write to folder '{folder}': {_reason(exc)}") from exc


def _publish_anonymous(fd: int, target: Path) -> None:
    """Give the finished anonymous file a name beside `target`, then rename it over `target`."""
    if _DURABLE.get():
        os.fsync(fd)
    name = target.with_name(f".{target.name}.{os.getpid()}.{fd}.tmp")
    result = _libc().linkat(_AT_FDCWD, f"/proc/self/fd/{fd}".encode(), _AT_FDCWD,
                            os.fsencode(name), _AT_SYMLINK_FOLLOW)
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))
    try:
        os.replace(name, target)
    except OSError:
        name.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _named_temporary(target: Path) -> Iterator[Path]:
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                        dir=target.parent)
    except OSError as exc:
        raise ExportError(f"cannot write to folder '{target.parent}': {_reason(exc)}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with _write_failures(target):
            os.chmod(tmp, _MODE)
        yield tmp
        with _write_failures(target):
            if _DURABLE.get():
                with open(tmp, "rb") as handle:
                    os.fsync(handle.fileno())
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


_LIBC: list = []


def _libc():
    """The C library, for linkat(); None where it cannot be loaded."""
    if not _LIBC:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            _LIBC.append(libc if hasattr(libc, "linkat") else None)
        except OSError:
            _LIBC.append(None)
    return _LIBC[0]
