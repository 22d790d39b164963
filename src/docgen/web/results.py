"""Keeping finished reports for download: one random-token folder each, removed after a while.

A result is found only by looking its token up in a dict, and a file only by looking its
name up in that result's own dict, so no request data ever becomes part of a filesystem path.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import Problem

log = logging.getLogger(__name__)

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{22}")


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
    created: float = field(default_factory=time.monotonic)

    def path(self, name: str) -> Path | None:
        """The file served as `name`, or None when the result has no such file."""
        return self.files.get(name)


class ResultStore:
    """Per-request working folders and kept results, all under one temporary root.

    At most `max_results` results are kept, each for at most `lifetime` seconds; older ones
    are deleted whenever a result is added or looked up.
    """

    def __init__(self, root: Path, *, max_results: int = 50, lifetime: float = 3600.0):
        self.root = root
        self.work_root = root / "work"
        self.results_root = root / "results"
        self.max_results = max_results
        self.lifetime = lifetime
        self._results: dict[str, StoredResult] = {}
        self._lock = threading.Lock()
        self.work_root.mkdir(parents=True, exist_ok=True)
        self.results_root.mkdir(parents=True, exist_ok=True)

    def keep(
        self,
        files: dict[str, Path],
        *,
        title: str,
        warnings: list[Problem],
        previews: list[str],
        page_count: int,
    ) -> StoredResult:
        """Move `files` (served name -> path under the root) into a new result folder."""
        token = secrets.token_urlsafe(16)
        folder = self.results_root / token
        folder.mkdir()
        kept = {}
        for name, source in files.items():
            kept[name] = folder / name
            os.replace(source, kept[name])
        result = StoredResult(token, folder, kept, title, list(warnings), previews, page_count)
        with self._lock:
            self._results[token] = result
        self.purge()
        return result

    def get(self, token: str) -> StoredResult | None:
        """The result for `token`, or None when it is malformed, unknown or expired."""
        self.purge()
        if not TOKEN_PATTERN.fullmatch(token):
            return None
        with self._lock:
            return self._results.get(token)

    def purge(self) -> None:
        """Delete results past their lifetime, then the oldest beyond `max_results`."""
        deadline = time.monotonic() - self.lifetime
        with self._lock:
            by_age = sorted(self._results.values(), key=lambda r: r.created)
            surplus = len(by_age) - self.max_results
            expired = [r for i, r in enumerate(by_age) if i < surplus or r.created <= deadline]
            for result in expired:
                del self._results[result.token]
        for result in expired:
            log.debug("removing result %s", result.token)
            shutil.rmtree(result.folder, ignore_errors=True)

    def __len__(self) -> int:
        with self._lock:
            return len(self._results)

    def close(self) -> None:
        """Delete every result and the root folder itself."""
        with self._lock:
            self._results.clear()
        shutil.rmtree(self.root, ignore_errors=True)
