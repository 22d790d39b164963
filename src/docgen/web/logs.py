"""The server's log: a message repeated many times is written once, then counted.

When a server runs out of file descriptors, asyncio reports the failed accept() once for each
connection waiting, and schedules as many retries, each of which fails again: written out in
full with tracebacks this once filled 240 MB in 25 seconds. `RepeatFilter` lets the
first of identical records through, drops the repeats for `window` seconds, then lets the next
one through with "(repeated N times)".
"""

from __future__ import annotations

import logging
import re
import threading
import time

_NUMBERS = re.compile(r"0x[0-9a-fA-F]+|\d+(?:\.\d+)?")

REPEAT_WINDOW_SECONDS = 60.0
MAX_REMEMBERED = 1000


class RepeatFilter(logging.Filter):
    """Drops a record identical to one let through less than `window` seconds before."""

    def __init__(self, window: float = REPEAT_WINDOW_SECONDS):
        super().__init__()
        self.window = window
        self._seen: dict[tuple, list] = {}  # key -> [when let through, repeats dropped since]
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        key = _identity(record)
        now = time.monotonic()
        with self._lock:
            seen = self._seen.get(key)
            if seen is not None and now - seen[0] < self.window:
                seen[1] += 1
                return False
            if len(self._seen) >= MAX_REMEMBERED:
                self._seen.clear()
            self._seen[key] = [now, 0]
        if seen is not None and seen[1]:
            record.msg = f"{record.getMessage()} (repeated {seen[1]} times since last written)"
            record.args = None
        return True


def _identity(record: logging.LogRecord) -> tuple:
    """What makes two records the same message: where, how bad, what, and which error, with
    numbers left out (asyncio's repeats differ only in a timer's time or an address)."""
    error = record.exc_info[1] if record.exc_info else None
    return (record.name, record.levelno, _NUMBERS.sub("#", record.getMessage()),
            type(error).__name__, _NUMBERS.sub("#", str(error)))


def install_repeat_filter(*logger_names: str, window: float = REPEAT_WINDOW_SECONDS) -> None:
    """Give every handler of the root logger and of `logger_names` its own `RepeatFilter`.

    The root logger gets a handler to stderr if it has none, so that what asyncio and docgen
    log goes through a filter too (Python's last-resort handler has none).
    """
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(name)s: %(message)s"))
        root.addHandler(handler)
    for logger in (root, *map(logging.getLogger, logger_names)):
        for handler in logger.handlers:
            if not any(isinstance(f, RepeatFilter) for f in handler.filters):
                handler.addFilter(RepeatFilter(window))
