"""Keeping finished reports (and a failed attempt's uploads) under random tokens, for a while.

A result is found only by looking its token up in a dict, and a file only by looking its
name up in that result's own dict, so no request data ever becomes part of a filesystem path.
Everything lives under one temporary root with an `owner` file naming the server's process, so
that a later server can tell a killed server's leftovers from a running server's files.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from ..exceptions import Problem

log = logging.getLogger(__name__)

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{22}")
ROOT_PREFIX = "docgen-web-"
OWNER_FILE = "owner"


@dataclass
class StoredResult:
    """A finished report: its files by served name, and what the page shows about it."""

    token: str
    folder: Path
    files: dict[str, Path]
    title: str
    warnings: list[Problem] = field(default_factory=list)
    previews: list[str] = field(default_factory=list)
    page_count: int = 0
    download_name: str = "report"
    client: str = ""
    created: float = field(default_factory=time.monotonic)

    def path(self, name: str) -> Path | None:
        """The file served as `name`, or None when the result has no such file."""
        return self.files.get(name)


@dataclass
class KeptUploads:
    """The files of an attempt that failed, kept so that the author need not choose them again.

    `files` maps a form field ('workbook', 'template') to the kept file, `names` to the name
    the author's file had.
    """

    token: str
    folder: Path
    files: dict[str, Path]
    names: dict[str, str]
    client: str = ""
    created: float = field(default_factory=time.monotonic)


class _Kept(Protocol):
    token: str
    folder: Path
    client: str
    created: float


Item = TypeVar("Item", bound=_Kept)


class FolderTable(Generic[Item]):
    """Items, each with its own folder under `root`, found by token; thread-safe.

    An item is removed after `lifetime` seconds; past `per_client` items for one client the
    client's oldest goes; past `max_items` in all, the oldest item of the client holding the
    most goes, so that one busy client cannot push out everyone else's.
    """

    def __init__(self, root: Path, *, lifetime: float, max_items: int, per_client: int):
        self.root = root
        self.lifetime = lifetime
        self.max_items = max_items
        self.per_client = per_client
        self._items: dict[str, Item] = {}
        self._lock = threading.Lock()
        root.mkdir(parents=True, exist_ok=True)

    def new_folder(self) -> tuple[str, Path]:
        """A fresh random token and its (new, empty) folder."""
        token = secrets.token_urlsafe(16)
        folder = self.root / token
        folder.mkdir()
        return token, folder

    def add(self, item: Item) -> Item:
        """Keep `item`, then apply the limits."""
        with self._lock:
            self._items[item.token] = item
        self.purge()
        return item

    def get(self, token: str, client: str | None = None) -> Item | None:
        """The item for `token` (and `client`, if given); None if malformed, unknown, expired."""
        self.purge()
        if not TOKEN_PATTERN.fullmatch(token):
            return None
        with self._lock:
            item = self._items.get(token)
        if item is None or (client is not None and item.client != client):
            return None
        return item

    def remove(self, token: str) -> None:
        """Forget the item for `token` and delete its folder."""
        with self._lock:
            item = self._items.pop(token, None)
        if item is not None:
            shutil.rmtree(item.folder, ignore_errors=True)

    def purge(self) -> None:
        """Delete expired items, then items past the per-client and overall limits."""
        with self._lock:
            doomed = self._doomed()
            for item in doomed:
                del self._items[item.token]
        for item in doomed:
            log.debug("removing %s", item.folder)
            shutil.rmtree(item.folder, ignore_errors=True)

    def _doomed(self) -> list[Item]:
        """The items to remove now (the lock is held)."""
        deadline = time.monotonic() - self.lifetime
        kept = sorted(self._items.values(), key=lambda item: item.created)
        doomed = [item for item in kept if item.created <= deadline]
        kept = [item for item in kept if item.created > deadline]
        counts = Counter(item.client for item in kept)
        for item in list(kept):  # oldest first
            if counts[item.client] > self.per_client:
                counts[item.client] -= 1
                kept.remove(item)
                doomed.append(item)
        while len(kept) > self.max_items:
            busiest = max(counts, key=lambda client: counts[client])
            oldest = next(item for item in kept if item.client == busiest)
            counts[busiest] -= 1
            kept.remove(oldest)
            doomed.append(oldest)
        return doomed

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def clear(self) -> None:
        """Forget every item (their folders go with the root)."""
        with self._lock:
            self._items.clear()


class ResultStore:
    """Per-request working folders, kept results and kept uploads, under one temporary root.

    At most `max_results` results are kept, `per_client` of them for one client, each for at
    most `lifetime` seconds. A failed attempt's uploads are kept `kept_lifetime` seconds.
    """

    def __init__(self, root: Path, *, max_results: int = 50, lifetime: float = 3600.0,
                 per_client: int = 10, kept_lifetime: float = 900.0):
        self.root = root
        self.work_root = root / "work"
        self.results_root = root / "results"
        self.work_root.mkdir(parents=True, exist_ok=True)
        _write_owner(root)
        self.results: FolderTable[StoredResult] = FolderTable(
            self.results_root, lifetime=lifetime, max_items=max_results, per_client=per_client)
        self.uploads: FolderTable[KeptUploads] = FolderTable(
            root / "kept", lifetime=kept_lifetime, max_items=max_results,
            per_client=min(per_client, 2))

    @property
    def lifetime(self) -> float:
        """Seconds a result is kept."""
        return self.results.lifetime

    def keep(self, files: dict[str, Path], *, title: str, warnings: list[Problem],
             previews: list[str], page_count: int, download_name: str = "report",
             client: str = "") -> StoredResult:
        """Move `files` (served name -> path under the root) into a new result folder."""
        token, folder = self.results.new_folder()
        kept = _move_into(folder, files)
        return self.results.add(StoredResult(
            token, folder, kept, title, list(warnings), previews, page_count,
            download_name=download_name, client=client))

    def get(self, token: str) -> StoredResult | None:
        """The result for `token`, or None when it is malformed, unknown or expired."""
        return self.results.get(token)

    def keep_uploads(self, files: dict[str, Path], names: dict[str, str],
                     client: str) -> KeptUploads:
        """Move a failed attempt's saved uploads (field -> path) into a new kept folder."""
        token, folder = self.uploads.new_folder()
        kept = _move_into(folder, {path.name: path for path in files.values()})
        by_field = {name: kept[path.name] for name, path in files.items()}
        return self.uploads.add(KeptUploads(token, folder, by_field, dict(names), client))

    def kept_uploads(self, token: str, client: str) -> KeptUploads | None:
        """The uploads kept under `token` for `client`; None for anyone else's, or none."""
        return self.uploads.get(token, client) if token else None

    def purge(self) -> None:
        """Delete expired results and kept uploads."""
        self.results.purge()
        self.uploads.purge()

    def __len__(self) -> int:
        return len(self.results)

    def close(self) -> None:
        """Delete every result and the root folder itself."""
        self.results.clear()
        self.uploads.clear()
        shutil.rmtree(self.root, ignore_errors=True)


def _move_into(folder: Path, files: dict[str, Path]) -> dict[str, Path]:
    """Move each file into `folder` under its key; the new paths by key."""
    moved = {}
    for name, source in files.items():
        moved[name] = folder / name
        os.replace(source, moved[name])
    return moved


# -- a killed server's leftovers ---------------------------------------------------------------


def _write_owner(root: Path) -> None:
    """Record which process owns `root`: its pid and start time (pids are reused)."""
    (root / OWNER_FILE).write_text(f"{os.getpid()} {_start_time(os.getpid())}\n")


def _start_time(pid: int) -> str:
    """When process `pid` started, in clock ticks since boot; '' where that is unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def _owner_alive(root: Path) -> bool | None:
    """Whether the process that owns `root` still runs; None when no owner is recorded."""
    try:
        pid_text, _, started = (root / OWNER_FILE).read_text().strip().partition(" ")
        pid = int(pid_text)
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: the pid was reused
        return False
    return not started or _start_time(pid) in ("", started)


def _newest_change(root: Path, depth: int = 3) -> float:
    """The latest modification time of `root` and what lies up to `depth` levels below it."""
    newest = root.lstat().st_mtime
    if depth:
        with os.scandir(root) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    newest = max(newest, _newest_change(Path(entry.path), depth - 1))
                else:
                    newest = max(newest, entry.stat(follow_symlinks=False).st_mtime)
    return newest


def remove_stale_roots(parent: Path, lifetime: float) -> list[Path]:
    """Delete folders `docgen-web-*` in `parent` that a server left behind; the ones deleted.

    A folder goes only when it is this user's own real folder (not a link), untouched for
    `lifetime`, and its owner process is gone — or, for a folder without an owner record (an
    older docgen), when nothing in it changed for `lifetime`.
    """
    removed = []
    cutoff = time.time() - lifetime
    for entry in os.scandir(parent):
        if not entry.name.startswith(ROOT_PREFIX) or not entry.is_dir(follow_symlinks=False):
            continue
        root = Path(entry.path)
        try:
            if root.lstat().st_uid != os.getuid() or root.lstat().st_mtime > cutoff:
                continue
            alive = _owner_alive(root)
            if alive or (alive is None and _newest_change(root) > cutoff):
                continue
        except OSError:
            continue
        log.info("removing %s, left behind by a docgen server that stopped", root)
        shutil.rmtree(root, ignore_errors=True)
        removed.append(root)
    return removed
