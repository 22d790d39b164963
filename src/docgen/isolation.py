"""Run builds in worker processes with a memory limit, a processor-time limit and a deadline.

A workbook or template uploaded to the Generate page comes from someone docgen does not know.
The sandbox and the workbook limits stop what they can see; a worker process stops the rest
without taking the server down with it:

- memory: the worker's address space is capped (`RLIMIT_AS`), so an allocation past it fails;
- processor time: each job may use at most so many CPU seconds (`RLIMIT_CPU`);
- wall time: the parent kills a worker whose job runs past its deadline.

While a job runs, a thread in the worker notes every few hundredths of a second what the job is
doing (reading the workbook, working out a formula, filling in the template, making the PDF …)
and how much memory the worker has mapped, in memory shared with the parent. So when a worker
has to be stopped, or dies, the parent can say why — a deadline, the memory limit, or a crash —
and what was running, instead of blaming the template for everything.

`Worker` is one such process, reused job after job; `run_isolated` runs one build in a fresh
one (the command line's `build(isolate=True)`); the Generate page keeps a pool of them
(`docgen.web.pool`).
"""

from __future__ import annotations

import importlib
import logging
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from types import FrameType
from typing import Any

from .exceptions import DocgenError, TemplateError

logger = logging.getLogger(__name__)

TIME_LIMIT_SECONDS = 60.0
"""How long an isolated build may run (wall-clock time)."""

MEMORY_LIMIT_BYTES = 2 * 1024**3
"""The address space an isolated build may use."""

START_SECONDS = 60.0
"""How long a new worker may take to start (importing docgen) before it is given up."""

SAMPLE_SECONDS = 0.05
"""How often a worker notes what its job is doing and how much memory it has mapped."""

MEMORY_NEAR_LIMIT = 0.8
"""A worker that dies having mapped this share of its memory limit is taken to have hit it."""

PRELOAD = ("docgen.api", "docgen.render", "docgen.report", "docgen.workbook", "docgen.charts",
           "docgen.sandbox", "docgen.accessibility", "docgen.pdf", "docgen.pdf.document",
           "docgen.pdf.render", "docxtpl", "jinja2", "reportlab.pdfgen.canvas")
"""What a worker imports before its first job (docgen imports these lazily, on first use), so
that its first build is as quick as the next; a name that cannot be imported is skipped."""

# What a job is doing, judged from the module of the innermost frame that names one. Only
# docgen's own modules and libraries used by one stage alone are listed: a frame in a library
# used everywhere (lxml, python-docx, re) says nothing, so the next frame out decides.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("working out a formula in the workbook", ("docgen.formulas",)),
    ("filling in the Word template", ("docgen.render", "docgen.sandbox", "docxtpl")),
    ("checking the Word template", ("docgen.template_check",)),
    ("checking the report's accessibility", ("docgen.accessibility",)),
    ("making the PDF", ("docgen.pdf", "reportlab")),
    ("drawing the preview pictures", ("docgen.web.preview", "pypdfium2")),
    ("reading the workbook", ("docgen.workbook", "docgen.report", "docgen.sheets",
                              "docgen.tables", "docgen.measures", "docgen.figures",
                              "docgen.charts", "docgen.text", "docgen.numfmt", "openpyxl")),
)
TEMPLATE_STAGES = frozenset({"filling in the Word template", "checking the Word template"})


class BuildStopped(DocgenError):
    """A build was stopped by a limit, or its worker died; `stage` says what it was doing."""

    exit_code = 2

    def __init__(self, message: str, stage: str = ""):
        super().__init__(message)
        self.stage = stage


class BuildTimedOut(BuildStopped):
    """A build ran past its deadline or its processor-time limit."""


class BuildOutOfMemory(BuildStopped):
    """A build needed more memory than its worker may use."""


class BuildCrashed(BuildStopped):
    """A build's worker died for a reason that is neither a limit nor a reported error."""

    exit_code = 1


class TemplateTimedOut(BuildTimedOut, TemplateError):
    """A build ran past its deadline while it was filling in the Word template."""


class TemplateOutOfMemory(BuildOutOfMemory, TemplateError):
    """A build needed more memory than allowed while it was filling in the Word template."""


class WorkerFault(DocgenError):
    """A build failed on an error docgen did not expect (a bug); `details` is the traceback."""

    def __init__(self, message: str, details: str = ""):
        super().__init__(message)
        self.details = details


class WorkerStartError(WorkerFault):
    """A worker process could not be started."""


_BLAMING_THE_TEMPLATE = {BuildTimedOut: TemplateTimedOut, BuildOutOfMemory: TemplateOutOfMemory}


def start_context() -> multiprocessing.context.BaseContext:
    """How workers are started: from a fork server where there is one, else a fresh Python.

    Never plain `fork`: the server has threads, and a forked copy of them can deadlock.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def preload(modules: Sequence[str] = PRELOAD) -> None:
    """Have the fork server import `modules` once, so that each worker forked from it starts
    warm; without effect once the fork server runs, or where there is none."""
    context = start_context()
    if context.get_start_method() == "forkserver":
        # '__main__' too: else each worker would import the program's main module again.
        context.set_forkserver_preload(["__main__", *modules])


def memory_words(size: int) -> str:
    """'2 GB', '512 MB': a memory size as an author would write it."""
    if size >= 1024**3 and size % 1024**3 == 0:
        return f"{size // 1024**3} GB"
    return f"{size / 1024**2:.0f} MB"


def run_isolated(kwargs: dict[str, Any], *, seconds: float = TIME_LIMIT_SECONDS,
                 memory: int = MEMORY_LIMIT_BYTES):
    """`pipeline.build(**kwargs)` in a fresh worker; its result, or its `DocgenError` re-raised.

    The deadline counts from when the worker is ready, not from when Python starts. Raises a
    `BuildStopped` subclass when the build is stopped by a limit or its worker dies, and
    `WorkerFault` for an error docgen did not expect.
    """
    worker = Worker(memory=memory)
    try:
        worker.wait_ready()
        return worker.run(build_in_worker, (kwargs,), seconds=seconds)
    finally:
        worker.close()


def build_in_worker(kwargs: dict[str, Any]):
    """In a worker: `pipeline.build(**kwargs)`, the build itself."""
    from . import pipeline

    return pipeline.build(**kwargs)


class Worker:
    """A worker process that runs one job at a time; used by one thread at a time.

    `memory` caps the worker's address space for its whole life; each job has its own wall
    and processor-time limits. A worker stopped by a limit is dead: start another.
    """

    def __init__(self, *, memory: int = MEMORY_LIMIT_BYTES, warm: Sequence[str] = PRELOAD):
        context = start_context()
        self.memory = memory
        self.jobs = 0
        self.retired = False
        self.killed = False  # by `kill`, on purpose
        # [what the job is doing (index into STAGES, 0: unknown), most memory mapped (bytes)]
        self._shared = context.RawArray("q", 2)
        self._conn, child_end = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(child_end, self._shared, memory, tuple(warm)),
            name="docgen-worker", daemon=True)
        self.process.start()
        child_end.close()

    @property
    def usable(self) -> bool:
        """Whether the worker can take another job."""
        return not self.retired and self.process.is_alive()

    def wait_ready(self, seconds: float = START_SECONDS) -> None:
        """Wait until the worker has imported docgen; `WorkerStartError` if it cannot."""
        if self._conn in wait([self._conn, self.process.sentinel], seconds):
            try:
                if self._conn.recv() == "ready":
                    return
            except (EOFError, OSError):
                pass
        self.close()
        raise WorkerStartError(f"a worker process could not start (exit code "
                               f"{self.process.exitcode})")

    def run(self, func: Callable[..., Any], args: tuple = (), *, seconds: float,
            cpu_seconds: float | None = None) -> Any:
        """`func(*args)` in the worker, within `seconds` of wall time and `cpu_seconds` (default
        `seconds`) of processor time. Returns its result or re-raises its `DocgenError`."""
        self.jobs += 1
        self._shared[0] = self._shared[1] = 0
        try:
            self._conn.send((func, args, math.ceil(cpu_seconds or seconds)))
        except (OSError, ValueError):
            return self._died()
        ready = wait([self._conn, self.process.sentinel], seconds)
        if self._conn in ready:
            try:
                reply = self._conn.recv()
            except (EOFError, OSError):
                return self._died()
            except Exception as exc:  # a result that cannot be unpickled: a bug
                raise WorkerFault(f"the build's result could not be read ({exc})") from None
            return self._answer(*reply)
        if ready:
            return self._died()
        stage = self.stage
        self._discard()
        limit = _seconds(seconds)
        raise self._stopped(BuildTimedOut, f"the build was stopped after {limit}{_while(stage)}:"
                            f" it took longer than the {limit} a build may take", stage)

    @property
    def stage(self) -> str:
        """What the current (or last) job was doing when last looked at; '' if unknown."""
        index = self._shared[0]
        return STAGES[index - 1][0] if 0 < index <= len(STAGES) else ""

    @property
    def peak_memory(self) -> int:
        """The most memory the worker was seen to map during the current (or last) job."""
        return self._shared[1]

    def close(self) -> None:
        """Stop the worker: ask it to finish, then kill it if it does not."""
        self.retired = True
        if self.process.is_alive():
            try:
                self._conn.send(None)
            except (OSError, ValueError):
                pass
            self.process.join(0.5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self._conn.close()

    def kill(self) -> None:
        """Kill the worker at once (from any thread): its job, if any, is stopped."""
        self.retired = self.killed = True
        if self.process.is_alive():
            self.process.kill()

    def _discard(self) -> None:
        """Kill the worker and wait for it: it is stopped mid-job or already dead."""
        self.retired = True
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self._conn.close()

    def _answer(self, kind: str, value: Any = None, details: str = "") -> Any:
        """The result of a job from the worker's reply, or the error it stands for."""
        if kind == "ok":
            return value
        if kind == "error":
            raise value
        stage = self.stage
        if kind == "memory" or self.peak_memory >= MEMORY_NEAR_LIMIT * self.memory:
            # A worker that ran out of memory may be fragmented or half-broken: replace it,
            # at once rather than wait for it to give its memory back.
            self._discard()
            raise self._out_of_memory(stage)
        logger.error("unexpected error in a build%s:\n%s", _while(stage), details)
        raise WorkerFault(f"the build stopped on an unexpected error{_while(stage)} ({value})",
                          details)

    def _died(self) -> Any:
        """Raise why the worker died during a job: processor time, memory, or a crash."""
        self.process.join(5)
        code = self.process.exitcode
        stage = self.stage
        killed = self.killed
        self._discard()
        if killed:
            raise BuildStopped("the build was stopped: the server is stopping", stage)
        if code == -signal.SIGXCPU:
            raise self._stopped(BuildTimedOut, f"the build was stopped{_while(stage)}: it used "
                                "more processor time than a build may", stage)
        if self.peak_memory >= MEMORY_NEAR_LIMIT * self.memory:
            raise self._out_of_memory(stage)
        logger.error("a build's worker died%s (exit code %s)", _while(stage), code)
        raise BuildCrashed(f"the build stopped unexpectedly{_while(stage)}: its worker process "
                           f"ended ({_exit_words(code)})", stage)

    def _out_of_memory(self, stage: str) -> BuildStopped:
        """The error for a job that needed more memory than the worker may use."""
        return self._stopped(BuildOutOfMemory, f"the build was stopped{_while(stage)}: it "
                             f"needed more memory than the {memory_words(self.memory)} a build "
                             "may use", stage)

    @staticmethod
    def _stopped(kind: type[BuildStopped], message: str, stage: str) -> BuildStopped:
        """`kind(message)`, as its template variant when the template was being filled in."""
        if stage in TEMPLATE_STAGES:
            kind = _BLAMING_THE_TEMPLATE.get(kind, kind)
        return kind(message, stage)


def _while(stage: str) -> str:
    """' while filling in the Word template', or '' when what was running is not known."""
    return f" while {stage}" if stage else ""


def _seconds(seconds: float) -> str:
    """'1 second', '60 seconds', '0.5 seconds'."""
    return "1 second" if seconds == 1 else f"{seconds:g} seconds"


def _exit_words(code: int | None) -> str:
    """How a process ended, in words: 'signal SIGSEGV', 'exit code 1'."""
    if code is not None and code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


# -- in the worker ---------------------------------------------------------------------------


def _worker_main(conn: Connection, shared, memory: int, warm: tuple[str, ...]) -> None:
    """The worker's life: import docgen, cap memory, then run jobs until told to stop."""
    # Ctrl+C in a terminal reaches the whole process group: the server decides when we stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _import(warm)
    monitor = _Monitor(shared)
    _limit_memory(memory)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the server is gone
            return
        if job is None:
            return
        func, args, cpu_seconds = job
        _limit_cpu(cpu_seconds)
        with monitor:
            reply = _call(func, args)
        _reply(conn, reply)


def _import(modules: Sequence[str]) -> None:
    """Import `modules` now rather than during the first job; a missing one is skipped."""
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            logger.debug("worker could not import %s", name, exc_info=True)


def _call(func: Callable[..., Any], args: tuple) -> tuple:
    """Run one job: ('ok', result), ('error', DocgenError), ('memory',) or ('fault', …)."""
    try:
        return ("ok", func(*args))
    except DocgenError as exc:
        return ("error", exc)
    except MemoryError:
        return ("memory",)
    except Exception as exc:  # a bug: send its words and traceback, not the exception itself
        return ("fault", f"{type(exc).__name__}: {exc}"[:300], traceback.format_exc())


def _reply(conn: Connection, reply: tuple) -> None:
    """Send a job's reply; a reply that cannot be pickled becomes a fault."""
    try:
        conn.send(reply)
    except (OSError, EOFError):
        pass
    except Exception as exc:
        conn.send(("fault", f"the result could not be sent back ({exc})"[:300],
                   traceback.format_exc()))


def _limit_memory(memory: int) -> None:
    """Cap the worker's address space at `memory` bytes (where the platform allows), and
    write no core file when it crashes: that would take seconds and fill the disk."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        logger.warning("cannot limit the memory of build workers on this platform")


def _limit_cpu(seconds: int) -> None:
    """Let the next job use `seconds` more processor time, then SIGXCPU ends the worker."""
    try:
        import resource

        usage = resource.getrusage(resource.RUSAGE_SELF)
        soft = math.ceil(usage.ru_utime + usage.ru_stime) + seconds
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ImportError, ValueError, OSError):
        pass


class _Monitor:
    """In a worker, while a job runs: what it is doing and the most memory mapped, noted in
    `shared` where the parent can read them even after the worker is gone."""

    def __init__(self, shared):
        self.shared = shared
        self.active = threading.Event()
        self.main = threading.get_ident()
        threading.Thread(target=self._watch, name="docgen-monitor", daemon=True).start()

    def __enter__(self) -> _Monitor:
        self.shared[0], self.shared[1] = 0, _mapped_bytes()
        self.active.set()
        return self

    def __exit__(self, *exc_info) -> None:
        self.active.clear()

    def _watch(self) -> None:
        """Sample the main thread's stack and the memory mapped while a job is active."""
        while True:
            self.active.wait()
            frame = sys._current_frames().get(self.main)
            stage = stage_of(frame)
            del frame  # a frame keeps its locals alive
            if self.active.is_set():
                if stage:
                    self.shared[0] = stage
                self.shared[1] = max(self.shared[1], _mapped_bytes())
            time.sleep(SAMPLE_SECONDS)


def stage_of(frame: FrameType | None) -> int:
    """What the stack from `frame` outwards is doing: 1 + an index into `STAGES`, 0 unknown."""
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        for index, (_, prefixes) in enumerate(STAGES, 1):
            if any(module == p or module.startswith(p + ".") for p in prefixes):
                return index
        frame = frame.f_back
    return 0


def _mapped_bytes() -> int:
    """The worker's address space now (what `RLIMIT_AS` counts); 0 where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
