"""Build many workbooks at once, in parallel processes.

`build_many` builds each workbook exactly as `docgen.build` does and never lets one bad
workbook stop the others: each gives a `BatchItem` holding its `BuildResult`, or its error
and every problem found (with sheet and cell). Outputs all go to one folder, so two workbooks
with the same name would write the same report: the first is built and each later one is an
error naming the first, rather than silently replacing its report.
"""

from __future__ import annotations

import logging
import os
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import pipeline
from .exceptions import DocgenError, Problem, WorkbookError, warnings_in
from .pipeline import DEFAULT_OUTDIR, BuildResult, PathLike

logger = logging.getLogger(__name__)

WORKBOOK_SUFFIX = ".xlsx"
EXCEL_LOCK_PREFIX = "~$"  # Excel's lock file beside an open workbook, not a workbook
BAD_INPUT = 2


@dataclass
class BatchItem:
    """One workbook of a batch: what was built, or why it was not."""

    workbook: Path
    result: BuildResult | None = None
    error: str = ""
    problems: list[Problem] = field(default_factory=list)
    exit_code: int = 0
    details: str = ""  # the traceback of an internal error, for --verbose

    @property
    def ok(self) -> bool:
        """True when the workbook was built."""
        return self.result is not None

    @property
    def warnings(self) -> list[Problem]:
        """The warnings of a built workbook, or the problems of a failed one that are not errors."""
        if self.result is not None:
            return self.result.warnings
        return warnings_in(self.problems)


def find_workbooks(paths: Iterable[PathLike]) -> list[Path]:
    """The workbooks named: files as given, folders as every .xlsx in them (sorted by name).

    Excel's `~$` lock files are left out. The same file named twice is kept once.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file()
                            and p.suffix.lower() == WORKBOOK_SUFFIX
                            and not p.name.startswith(EXCEL_LOCK_PREFIX))
        else:
            inside = [path]
        for workbook in inside:
            key = workbook.resolve()
            if key not in seen:
                seen.add(key)
                found.append(workbook)
    return found


def build_many(
    workbooks: Iterable[PathLike],
    *,
    template: PathLike | None = None,
    outdir: PathLike = DEFAULT_OUTDIR,
    pdf: bool = False,
    jobs: int | None = None,
    pdf_engine: str = "docgen",
    strict: bool = False,
    on_done: Callable[[BatchItem], None] | None = None,
) -> list[BatchItem]:
    """Build `OUTDIR/<stem>.docx` (and .pdf) from each workbook; one `BatchItem` each, in order.

    `workbooks` may name folders (every .xlsx in them). `jobs` processes build at once (default:
    the number of cores). A workbook whose name another one before it already took is not built
    but reported, as is a folder with no workbooks. `on_done(item)` is called in this process
    as each workbook finishes. `strict` treats warnings as errors, as `docgen build --strict`.
    """
    items, todo = _plan(workbooks, outdir)
    for item in items:
        if item is not None and on_done is not None:
            on_done(item)
    options = {"template": template, "outdir": outdir, "pdf": pdf, "pdf_engine": pdf_engine,
               "strict": strict}
    for index, item in _run(todo, options, jobs):
        items[index] = item
        if on_done is not None:
            on_done(item)
    return [item for item in items if item is not None]


def _plan(workbooks: Iterable[PathLike], outdir: PathLike
          ) -> tuple[list[BatchItem | None], list[tuple[int, Path]]]:
    """The items known before building (failures) and the (index, workbook) pairs to build."""
    items: list[BatchItem | None] = []
    todo: list[tuple[int, Path]] = []
    owners: dict[str, Path] = {}
    seen: set[Path] = set()
    for path in map(Path, workbooks):
        if not path.exists():  # named here as given: the build itself would drop the folder
            items.append(_failure(path, f"'{path}' was not found"))
            continue
        found = find_workbooks([path])
        if path.is_dir() and not found:
            items.append(_failure(path, f"the folder '{path}' has no .xlsx workbooks"))
        for workbook in found:
            if workbook.resolve() in seen:
                continue
            seen.add(workbook.resolve())
            # Case-insensitive, as on Windows and macOS, where both would be one file.
            first = owners.setdefault(workbook.stem.casefold(), workbook)
            if first is not workbook:
                items.append(_failure(workbook, _same_name(workbook, first, outdir)))
            else:
                todo.append((len(items), workbook))
                items.append(None)
    return items, todo


def _same_name(workbook: Path, first: Path, outdir: PathLike) -> str:
    return (f"'{workbook}' has the same name as '{first}', whose report is "
            f"{Path(outdir) / first.stem}.docx; rename one of them so neither replaces the "
            f"other")


def _failure(workbook: Path, message: str) -> BatchItem:
    return BatchItem(workbook, error=message, problems=[Problem("error", message)],
                     exit_code=BAD_INPUT)


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run(todo: list[tuple[int, Path]], options: dict, jobs: int | None):
    """Yield (index, item) as each workbook finishes: in this process, or in a pool."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    jobs = min(jobs or default_jobs(), len(todo))
    if jobs <= 1:
        for index, workbook in todo:
            yield index, build_one(workbook, **options)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(build_one, workbook, **options): (index, workbook)
                   for index, workbook in todo}
        for future in as_completed(futures):
            index, workbook = futures[future]
            try:
                yield index, future.result()
            except Exception as exc:  # the worker process died (killed, out of memory)
                yield index, BatchItem(workbook, error=f"internal error: {exc!r}",
                                       exit_code=1)


def build_one(workbook: Path, *, template: PathLike | None, outdir: PathLike, pdf: bool,
              pdf_engine: str = "docgen", strict: bool = False) -> BatchItem:
    """Build one workbook and say how it went; never raises for a bad workbook."""
    try:
        result = pipeline.build(workbook, template=template, outdir=outdir, pdf=pdf,
                                pdf_engine=pdf_engine, strict=strict)
    except WorkbookError as exc:
        return BatchItem(workbook, error=exc.args[0], problems=exc.problems,
                         exit_code=exc.exit_code)
    except DocgenError as exc:
        return BatchItem(workbook, error=str(exc), problems=[Problem("error", str(exc))],
                         exit_code=exc.exit_code)
    except Exception as exc:  # a bug: reported for this workbook, the others go on
        logger.debug("building %s failed", workbook, exc_info=True)
        return BatchItem(workbook, error=f"internal error: {type(exc).__name__}: {exc}",
                         exit_code=1, details=traceback.format_exc())
    return BatchItem(workbook, result=result)
