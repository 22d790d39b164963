"""The build itself, in one process: read workbook → report model → render .docx → export PDF.

`build` and `check` here are the plain functions that `docgen.api` (the front door), `batch`
and `isolation` all call; this module imports none of them.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .exceptions import Problem, WorkbookError
from .files import atomic_output

if TYPE_CHECKING:
    from .chart_description import ChartDescription

logger = logging.getLogger(__name__)

PathLike = str | os.PathLike[str]
DEFAULT_OUTDIR = "out"


@dataclass
class BuildResult:
    """What a build wrote, and the warnings it found on the way."""

    docx: Path
    pdf: Path | None = None
    warnings: list[Problem] = field(default_factory=list)
    title: str = ""

    @property
    def paths(self) -> list[Path]:
        """Every file written, .docx first."""
        return [p for p in (self.docx, self.pdf) if p is not None]


def default_template() -> Path:
    """The committee-report template that ships with docgen (templates/report.docx)."""
    try:
        return Path(str(resources.files("docgen.templates").joinpath("report.docx")))
    except ModuleNotFoundError:  # running from a source tree that is not installed
        return Path(__file__).resolve().parents[2] / "templates" / "report.docx"


def build(
    workbook: PathLike,
    *,
    template: PathLike | None = None,
    outdir: PathLike = DEFAULT_OUTDIR,
    pdf: bool = False,
    pdf_engine: str = "docgen",
    strict: bool = False,
) -> BuildResult:
    """Build `OUTDIR/<workbook stem>.docx` (and .pdf) from a workbook, in this process.

    See `docgen.api.build` for the errors it raises; `strict` first checks the workbook and
    builds nothing if it has any problem (see `raise_if_strict`).
    """
    from .render import render_docx

    if strict:
        raise_if_strict(check(workbook, template=template))
    workbook = Path(workbook)
    template_path = Path(template) if template else default_template()
    report, warnings = read_report(workbook, template)
    missing = (missing_settings(report.settings.values, template_settings(template_path))
               if template else [])
    if missing:
        raise WorkbookError(missing[0].message, [*missing, *warnings])
    docx_path = Path(outdir) / f"{workbook.stem}.docx"
    warnings = list(warnings)
    charts: dict[str, ChartDescription] = {}
    with atomic_output(docx_path) as tmp:
        document = render_docx(report, template_path, tmp, properties=provenance(workbook),
                               warnings=warnings, charts=charts)
        warnings += _accessibility_warnings(document, docx_path.name)
    result = BuildResult(docx_path, warnings=warnings, title=report.settings.title)
    if pdf:
        # Made from the document just saved, still in memory, rather than the file read back,
        # its charts drawn from the model's descriptions rather than their XML.
        result.pdf = export_pdf(docx_path, engine=pdf_engine, warnings=result.warnings,
                                document=document, charts=charts)
    return result


def raise_if_strict(problems: list[Problem]) -> None:
    """For a strict build (`docgen build --strict`): raise `WorkbookError` listing every one of
    the workbook's `problems`, warnings as errors, if it has any."""
    if problems:
        raise WorkbookError(f"the workbook has {len(problems)} problem(s) (--strict)",
                            as_errors(problems))


def as_errors(problems: list[Problem]) -> list[Problem]:
    """`problems` with every warning made an error (what a strict build or check counts)."""
    return [Problem("error", p.message, p.sheet, p.cell) for p in problems]


def _accessibility_warnings(document, name: str) -> list[Problem]:
    """The accessibility check of the document just built (in memory, as saved); a crash in
    the checker never stops a build."""
    from .accessibility import check_document

    try:
        return check_document(document, name=name)
    except Exception as exc:  # the report is fine; only the check failed
        logger.warning("the accessibility check failed on %s", name, exc_info=True)
        return [Problem("warning", f"the accessibility check could not run ({exc})", name)]


def read_report(workbook: PathLike, template: PathLike | None = None):
    """Read and validate a workbook (for `template`, if given: see `check`): the report model
    and its warnings, or `WorkbookError`."""
    from .report import build_report
    from .workbook import load_workbook

    used = template_settings(template) if template else frozenset()
    book = load_workbook(workbook)
    return build_report(book, used)


def template_settings(template: PathLike) -> frozenset[str]:
    """The Settings labels a template reads as settings["…"]."""
    from .template_check import used_settings

    return frozenset(used_settings(Path(template)))


def check(workbook: PathLike, *, template: PathLike | None = None,
          strict: bool = False) -> list[Problem]:
    """Validate a workbook without rendering, against `template` as `build` would use it
    (default: the standard template); return every error and warning, sorted.

    With a template, a setting it reads (settings["From"]) that the workbook has no row for
    is an error on the Settings sheet, and rows it reads are not warned about as unknown.
    `strict` makes every warning an error, as a strict build counts them.
    """
    from .exceptions import sort_problems

    template = Path(template) if template else None
    try:
        report, warnings = read_report(workbook, template)
    except WorkbookError as exc:
        problems = exc.problems
        labels = _settings_labels(workbook) if template is not None else set()
    else:
        problems = list(warnings)
        labels = set(report.settings.values)
    if template is not None:
        problems += missing_settings(labels, template_settings(template))
    return sort_problems(as_errors(problems) if strict else problems)


def _settings_labels(workbook: PathLike) -> set[str]:
    """The labels typed on a workbook's Settings sheet (for a workbook with errors)."""
    from . import sheets
    from .workbook import load_workbook

    try:
        ws = load_workbook(workbook).sheet(sheets.SETTINGS)
    except WorkbookError:
        return set()
    if ws is None:
        return set()
    return {str(row[0]).strip().rstrip(":").strip()
            for row in ws.iter_rows(min_row=2, max_col=1, values_only=True) if row[0]}


def missing_settings(labels, wanted: frozenset[str]) -> list[Problem]:
    """An error for each setting the template reads that `labels` (the Settings rows the
    workbook has) lack."""
    have = {label.lower() for label in labels}
    return [Problem("error", f'the template shows the setting "{label}": add a row "{label}" '
                    "with its value to the Settings sheet", "Settings")
            for label in sorted(wanted) if label.lower() not in have]


def export_pdf(docx: PathLike, pdf: PathLike | None = None, *, engine: str = "docgen",
               warnings: list[Problem] | None = None, document=None,
               charts: dict[str, ChartDescription] | None = None) -> Path:
    """Render a .docx to PDF beside it (or at `pdf`); warnings are appended to `warnings`.

    `document` is the python-docx `Document` saved as `docx`, if the caller has it: docgen's
    engine reads it rather than opening the file again. `charts` maps the part name of each
    chart the caller wrote to its `ChartDescription`: those are drawn from it, not read back.
    """
    from .pdf import export_pdf as render_pdf

    docx = Path(docx)
    target = Path(pdf) if pdf else docx.with_suffix(".pdf")
    problems = render_pdf(docx, target, engine=engine, document=document, charts=charts)
    if warnings is not None:
        warnings += problems
    return target


def provenance(workbook: Path) -> dict[str, str]:
    """Where a report came from: workbook name and SHA-256, docgen's version."""
    from .version import __version__

    digest = hashlib.sha256(workbook.read_bytes()).hexdigest()
    return {
        "comments": f"Generated by docgen {__version__} from {workbook.name} "
        f"(SHA-256 {digest})",
        "source_workbook": workbook.name,
        "source_sha256": digest,
        "docgen_version": __version__,
    }
