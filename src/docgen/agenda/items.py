"""Make each paper a PDF for the pack, in parallel: workbooks built by docgen (.docx and PDF),
Word documents rendered by docgen's PDF engine, PDFs taken as they are.

Everything is written to a staging folder; the pack publishes from it only when every paper
was made. A paper that fails gives located problems (prefixed with its item), never an
exception, so that every failure is listed at once.
"""

from __future__ import annotations

import logging
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import DocgenError, Problem, WorkbookError
from .model import Item, Paper

logger = logging.getLogger(__name__)


@dataclass
class Made:
    """What one paper became: its PDF (and .docx for a workbook), or its problems."""

    pdf: Path | None = None
    docx: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    failed: bool = False


def make_papers(items: list[Item], staging: Path, jobs: int = 1, meanwhile=None,
                workers: Workers | None = None) -> dict[tuple[int, int], Made]:
    """Each paper of `items` made ready, keyed by (item index, paper index).

    `jobs` > 1 makes them in that many processes at once (`workers`, if started beforehand:
    see `Workers`; they are closed once the papers are made); PDFs need no work and are
    never sent to a process. `meanwhile` (no
    arguments), if given, is called once the papers are under way (while the processes
    work, when there are any) and before they are collected.
    """
    tasks = [((i, p), paper, staging / f"{i:03d}-{p:02d}")
             for i, item in enumerate(items) for p, paper in enumerate(item.papers)]
    work = [task for task in tasks if task[1].kind != "pdf"]
    results = {key: Made(pdf=paper.path) for key, paper, _ in tasks if paper.kind == "pdf"}
    if workers is None and min(jobs, len(work)) > 1:
        workers = Workers(min(jobs, len(work)))
    if workers is None or not work:
        if meanwhile is not None:
            meanwhile()
        raw = {key: make_paper(paper.kind, paper.path, folder) for key, paper, folder in work}
    else:
        with workers:
            raw = workers.run([(key, paper.kind, paper.path, folder)
                               for key, paper, folder in work], meanwhile)
    for key, paper, folder in work:
        results[key] = _located(items[key[0]], paper, raw[key], folder)
    return results


class Workers:
    """The processes that make the papers, started before they are known.

    One process is started at once; it imports docgen's build modules and reads the fonts
    most reports use (`_warm_up`) while the caller reads and checks the agenda and draws
    its first pass, then starts `jobs` processes of its own to make the papers: where
    processes are forked (Linux), each starts with all of that done, and the caller's own
    work before the papers is no longer on their way. (This module imports no more than it
    must, so that the process can start before the caller has imported openpyxl.)
    """

    def __init__(self, jobs: int):
        context = _forking()
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_serve, args=(theirs, self._connection, jobs),
                                        name="docgen pack papers")
        self._process.start()
        theirs.close()
        self._sent = False

    def run(self, work: list[tuple], meanwhile=None) -> dict[tuple[int, int], Made]:
        """Make each (key, kind, path, folder) of `work`; call `meanwhile` while they are
        made. A paper whose process died comes back failed, with an internal error."""
        raw: dict = {}
        try:
            self._connection.send(work)
            self._sent = True
            if meanwhile is not None:
                meanwhile()
            raw = self._receive()
        except (EOFError, OSError):  # the process died (killed, out of memory)
            logger.debug("the process making the papers stopped", exc_info=True)
        stopped = Made(problems=[Problem("error", "internal error: the process making the "
                                         "papers stopped")], failed=True)
        return {key: raw.get(key, stopped) for key, *_ in work}

    def _receive(self):
        """The results, or EOFError if the process died first (its processes may hold its
        end of the pipe open, so its death is not always an end of file here)."""
        while not self._connection.poll(0.05):
            if not self._process.is_alive():
                if self._connection.poll(0):  # it sent them just before it ended
                    break
                raise EOFError("the process making the papers stopped")
        return self._connection.recv()

    def close(self) -> None:
        """Stop the processes: at once if they were never given work (the process has
        started none of its own yet), else once they have finished it."""
        if not self._sent and self._process.is_alive():
            self._process.terminate()
        self._connection.close()
        self._process.join()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _forking():
    """Processes forked where the system can (they start with what this one loaded; Python
    3.14 no longer forks by default), else started the system's way."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _serve(connection, callers, jobs: int) -> None:
    """In the process `Workers` starts: warm up, wait for the work, make it in `jobs`
    processes and send back what each paper became. `callers` is the caller's end of the
    pipe, closed here so that the caller closing its own ends the wait."""
    import gc

    callers.close()
    _warm_up()
    # What was loaded is kept for good: the garbage collector no longer walks it, in this
    # process or the ones forked from it, where walking it would also copy every page of
    # memory it sits on (Python's advice for forking servers; 5-15% of a paper's time).
    gc.freeze()
    try:
        work = connection.recv()
    except (EOFError, OSError):  # the caller needs no papers after all
        return
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_forking()) as pool:
        futures = {key: pool.submit(make_paper, kind, path, folder)
                   for key, kind, path, folder in work}
        results = {key: _result(future) for key, future in futures.items()}
    try:
        connection.send(results)
    except OSError:  # the caller stopped waiting (interrupted)
        return


def _warm_up() -> None:
    """Import the build's modules and the libraries they import lazily here, once, before the
    workers start, and read the faces most reports use: where processes are forked (Linux)
    each starts with them loaded instead of importing and reading them again (about 0.6 s of
    CPU a worker, and as much again for the modules a report imports on first use: the
    report's settings, number formats, charts, the accessibility check). Not ssf: the formats
    reports use are shown without it (`numfmt`), and a paper that needs it imports it itself
    (each process at once, rather than all of them after this one)."""
    import docxtpl  # noqa: F401
    import openpyxl  # noqa: F401
    import xlsxwriter  # noqa: F401
    from reportlab.pdfgen import canvas  # noqa: F401

    from .. import (  # noqa: F401
        accessibility,
        numfmt,
        pipeline,
        render,
        report,
        template_check,
        workbook,
    )
    from ..pdf import chart_drawing, document  # noqa: F401
    from ..pdf.fonts import family_face

    for bold in (False, True):
        family_face("Arial", bold, False)


def _result(future) -> Made:
    try:
        return future.result()
    except Exception as exc:  # the worker process died (killed, out of memory)
        return Made(problems=[Problem("error", f"internal error: {exc!r}")], failed=True)


def make_paper(kind: str, path: Path, folder: Path) -> Made:
    """Make one workbook or Word paper a PDF in `folder` (a staging folder: its files are
    scratch, copied into the pack); never raises for a bad input."""
    from .. import pipeline
    from ..files import scratch_outputs

    try:
        with scratch_outputs():
            if kind == "workbook":
                result = pipeline.build(path, outdir=folder, pdf=True)
                return Made(pdf=result.pdf, docx=result.docx, problems=list(result.warnings))
            warnings: list[Problem] = []
            pdf = pipeline.export_pdf(path, folder / f"{path.stem}.pdf", warnings=warnings)
            return Made(pdf=pdf, problems=warnings)
    except WorkbookError as exc:
        return Made(problems=exc.problems, failed=True)
    except DocgenError as exc:
        return Made(problems=[Problem("error", str(exc))], failed=True)
    except Exception as exc:  # a bug: reported for this paper, the others go on
        logger.debug("making %s failed:\n%s", path, traceback.format_exc())
        return Made(problems=[Problem("error", f"internal error: {type(exc).__name__}: "
                                      f"{exc}")], failed=True)


def _located(item: Item, paper: Paper, made: Made, folder: Path) -> Made:
    """The paper's own problems (Measures!E14: ...) prefixed with the item, on its cell; the
    staging folder, which means nothing to the clerk, left out of their words."""
    from .papers import paper_problem

    made.problems = [paper_problem(item, paper, str(p).replace(f"{folder}/", ""), p.severity)
                     for p in made.problems]
    return made
