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
from .papers import paper_problem

logger = logging.getLogger(__name__)


@dataclass
class Made:
    """What one paper became: its PDF (and .docx for a workbook), or its problems."""

    pdf: Path | None = None
    docx: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    failed: bool = False


def make_papers(items: list[Item], staging: Path, jobs: int = 1,
                meanwhile=None) -> dict[tuple[int, int], Made]:
    """Each paper of `items` made ready, keyed by (item index, paper index).

    `jobs` > 1 makes them in that many processes at once; PDFs need no work and are never
    sent to a process. `meanwhile` (no arguments), if given, is called once the papers are
    under way (while the processes work, when there are any) and before they are collected.
    """
    tasks = [((i, p), paper, staging / f"{i:03d}-{p:02d}")
             for i, item in enumerate(items) for p, paper in enumerate(item.papers)]
    work = [task for task in tasks if task[1].kind != "pdf"]
    results = {key: Made(pdf=paper.path) for key, paper, _ in tasks if paper.kind == "pdf"}
    jobs = min(jobs, len(work))
    if jobs <= 1:
        if meanwhile is not None:
            meanwhile()
        raw = {key: make_paper(paper.kind, paper.path, folder) for key, paper, folder in work}
    else:
        _warm_up()
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {key: pool.submit(make_paper, paper.kind, paper.path, folder)
                       for key, paper, folder in work}
            if meanwhile is not None:
                meanwhile()
            raw = {key: _result(future) for key, future in futures.items()}
    for key, paper, folder in work:
        results[key] = _located(items[key[0]], paper, raw[key], folder)
    return results


def _warm_up() -> None:
    """Import the build's modules and the libraries they import lazily here, once, before the
    workers start, and read the faces most reports use: where processes are forked (Linux)
    each starts with them loaded instead of importing and reading them again (about 0.6 s of
    CPU a worker, and as much again for the modules a report imports on first use: the
    report's settings, number formats, charts, the accessibility check); the pack needs most
    of them afterwards all the same."""
    import docxtpl  # noqa: F401
    import openpyxl  # noqa: F401
    import xlsxwriter  # noqa: F401
    from reportlab.pdfgen import canvas  # noqa: F401
    from ssf import SSF  # noqa: F401

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
    """Make one workbook or Word paper a PDF in `folder`; never raises for a bad input."""
    from .. import pipeline

    try:
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
    made.problems = [paper_problem(item, paper, str(p).replace(f"{folder}/", ""), p.severity)
                     for p in made.problems]
    return made
