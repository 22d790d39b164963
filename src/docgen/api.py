"""The Python API: `build()` and `check()`; the CLI and the web page are shells over these.

    read workbook → report model → render .docx → export PDF
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .exceptions import Problem, WorkbookError, errors_in
from .files import atomic_output

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
    isolate: bool = False,
) -> BuildResult:
    """Build `OUTDIR/<workbook stem>.docx` (and .pdf) from a workbook.

    Raises `WorkbookError` (with `.problems`, every error and warning sorted by sheet and cell)
    when the workbook cannot be used, `TemplateError` for a bad template and `ExportError`
    when an output cannot be written. Outputs are written atomically. `isolate` runs the
    build in a child process with a time and memory limit (for templates from strangers).
    """
    from .render import render_docx

    if isolate:
        from .isolation import run_isolated

        return run_isolated({"workbook": workbook, "template": template, "outdir": outdir,
                             "pdf": pdf, "pdf_engine": pdf_engine})
    workbook = Path(workbook)
    template_path = Path(template) if template else default_template()
    report, warnings = read_report(workbook, template)
    missing = (missing_settings(report.settings.values, template_settings(template_path))
               if template else [])
    if missing:
        raise WorkbookError(missing[0].message, [*missing, *warnings])
    docx_path = Path(outdir) / f"{workbook.stem}.docx"
    warnings = list(warnings)
    with atomic_output(docx_path) as tmp:
        document = render_docx(report, template_path, tmp, properties=provenance(workbook),
                               warnings=warnings)
        warnings += _accessibility_warnings(document, docx_path.name)
    result = BuildResult(docx_path, warnings=warnings, title=report.settings.title)
    if pdf:
        # Made from the document just saved, still in memory, rather than the file read back.
        result.pdf = export_pdf(docx_path, engine=pdf_engine, warnings=result.warnings,
                                document=document)
    return result


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


def check(workbook: PathLike, *, template: PathLike | None = None) -> list[Problem]:
    """Validate a workbook without rendering, against `template` as `build` would use it
    (default: the standard template); return every error and warning, sorted.

    With a template, a setting it reads (settings["From"]) that the workbook has no row for
    is an error on the Settings sheet, and rows it reads are not warned about as unknown.
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
    return sort_problems(problems)


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
               warnings: list[Problem] | None = None, document=None) -> Path:
    """Render a .docx to PDF beside it (or at `pdf`); warnings are appended to `warnings`.

    `document` is the python-docx `Document` saved as `docx`, if the caller has it: docgen's
    engine reads it rather than opening the file again.
    """
    from .pdf import export_pdf as render_pdf

    docx = Path(docx)
    target = Path(pdf) if pdf else docx.with_suffix(".pdf")
    for message in render_pdf(docx, target, engine=engine, document=document):
        if warnings is not None:
            warnings.append(Problem("warning", message, docx.name))
    return target


def provenance(workbook: Path) -> dict[str, str]:
    """Where a report came from: workbook name and SHA-256, docgen's version."""
    from . import __version__

    digest = hashlib.sha256(workbook.read_bytes()).hexdigest()
    return {
        "comments": f"Generated by docgen {__version__} from {workbook.name} "
        f"(SHA-256 {digest})",
        "source_workbook": workbook.name,
        "source_sha256": digest,
        "docgen_version": __version__,
    }


def new_workbook(path: PathLike, *, template: PathLike | None = None) -> Path:
    """Write a blank workbook ready to fill at `path` (atomically) and return the path.

    With `template`, the template is checked first (`TemplateError` listing its problems if
    it has errors) and the blank workbook's Instructions name it.
    """
    from .blank import new_workbook as write_blank

    if template is not None:
        check_template_usable(template)
    target = Path(path)
    with atomic_output(target) as tmp:
        write_blank(tmp, template=Path(template) if template else None)
    return target


def roll_forward(last: PathLike, new: PathLike) -> tuple[Path, list[Problem]]:
    """Start next quarter's workbook `new` from `last` (left unchanged); return it and warnings.

    Current values move to Previous, Current is emptied, period labels advance a quarter, the
    meeting date is cleared; narrative and tables are kept for editing. See `rollforward`.
    """
    from .rollforward import roll_forward as roll

    return roll(Path(last), Path(new))


def check_template(template: PathLike) -> list[Problem]:
    """Lint a Word template: Jinja syntax, names docgen cannot fill, tags it may not use."""
    from .template_check import check_template as lint

    return lint(template)


def check_docx(docx: PathLike) -> list[Problem]:
    """The accessibility problems of a built report (.docx), as warnings."""
    from .accessibility import check_docx as check_accessibility

    return check_accessibility(docx)


def check_template_usable(template: PathLike) -> None:
    """Raise `TemplateError` listing a template's errors, if it has any."""
    from .exceptions import TemplateError

    template = Path(template)
    errors = errors_in(check_template(template))
    if errors:
        lines = "\n".join(str(p) for p in errors)
        raise TemplateError(f"the template '{template.name}' has {len(errors)} problem(s):\n"
                            f"{lines}")


# Re-exported here, the API's one front door; imported last because batch builds on build().
from .batch import BatchItem as BatchItem  # noqa: E402
from .batch import build_many as build_many  # noqa: E402
