"""Jobs for worker processes that misbehave in each way a hostile build can: imported by the
workers themselves (by pickle, or as a warm module), so keep this free of test fixtures."""

from __future__ import annotations

import os
import time
from pathlib import Path


def sleep(seconds: float = 600) -> None:
    """A job that takes far too long without using the processor."""
    time.sleep(seconds)


def spin() -> None:
    """A job that uses the processor for ever."""
    while True:
        pass


def hog() -> None:
    """A job that asks for ever more memory."""
    hoard = []
    while True:
        hoard.append(bytearray(64 * 1024 * 1024))


def crash() -> None:
    """A job whose process dies (as a C library's fault would end it)."""
    os.abort()


def bug() -> None:
    """A job with a bug in it."""
    raise TypeError("no loader for this kind of thing")


def workbook_error() -> None:
    """A job that finds a problem in the workbook, as a build does."""
    from docgen.exceptions import Problem, WorkbookError

    raise WorkbookError("the workbook has errors", [Problem("error", "enter a number",
                                                            "Measures", "C3")])


def echo(value: object) -> object:
    """A job that returns what it was given."""
    return value


def pid() -> int:
    """The worker's process id."""
    return os.getpid()


def sleep_span(seconds: float) -> tuple[float, float]:
    """Sleep `seconds`; when the sleep began and ended (the monotonic clock is the machine's)."""
    started = time.monotonic()
    time.sleep(seconds)
    return started, time.monotonic()


def sleep_in(module: str, seconds: float = 600) -> None:
    """Sleep inside a function that belongs to `module`, as a stage of a build would."""
    namespace = {"__name__": module, "time": time}
    exec("def work(seconds):\n    time.sleep(seconds)\n", namespace)
    namespace["work"](seconds)


def touch(path: str) -> str:
    """Create `path` in the worker; returns it."""
    Path(path).touch()
    return path
