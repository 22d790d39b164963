"""The Python API, docgen's front door: the CLI and the web page are shells over these.

    read workbook → report model → render .docx → export PDF

The build itself lives in `pipeline`, many at once in `batch`, a build in a bounded worker
process in `isolation`; each of those imports only what is below it, and this module imports
them. Everything here is public: `docgen/__init__` exports the shortest useful part.
"""

from __future__ import annotations

from pathlib import Path

from . import pipeline
from .batch import BatchItem, build_many
from .exceptions import Problem, errors_in
from .files import atomic_output
from .pipeline import (
    DEFAULT_OUTDIR,
    BuildResult,
    PathLike,
    check,
    default_template,
    export_pdf,
    missing_settings,
    provenance,
    read_report,
    template_settings,
)

__all__ = [
    "DEFAULT_OUTDIR",
    "BatchItem",
    "BuildResult",
    "PathLike",
    "build",
    "build_many",
    "check",
    "check_docx",
    "check_template",
    "check_template_usable",
    "default_template",
    "export_pdf",
    "missing_settings",
    "new_agenda_workbook",
    "new_workbook",
    "pack",
    "provenance",
    "read_report",
    "roll_forward",
    "template_settings",
]


def build(
    workbook: PathLike,
    *,
    template: PathLike | None = None,
    outdir: PathLike = DEFAULT_OUTDIR,
    pdf: bool = False,
    pdf_engine: str = "docgen",
    isolate: bool = False,
    strict: bool = False,
) -> BuildResult:
    """Build `OUTDIR/<workbook stem>.docx` (and .pdf) from a workbook.

    Raises `WorkbookError` (with `.problems`, every error and warning sorted by sheet and cell)
    when the workbook cannot be used, `TemplateError` for a bad template and `ExportError`
    when an output cannot be written. Outputs are written atomically. `isolate` runs the
    build in a child process with a time and memory limit (for templates from strangers).
    `strict` treats the workbook's warnings as errors: a workbook with any problem raises
    `WorkbookError` listing them all (exit code 2) and nothing is built.
    """
    options = {"template": template, "outdir": outdir, "pdf": pdf, "pdf_engine": pdf_engine,
               "strict": strict}
    if isolate:
        from .isolation import run_isolated

        return run_isolated({"workbook": workbook, **options})
    return pipeline.build(workbook, **options)


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


def pack(agenda: PathLike, *, outdir: PathLike = DEFAULT_OUTDIR, jobs: int | None = None):
    """Make the agenda pack from an agenda workbook and the papers it names: `OUTDIR/<agenda>.pdf`
    (front sheet, agenda, every public item's papers, page numbers and bookmarks), a
    `-part-b.pdf` for exempt items, each workbook paper's .docx and a `-manifest.json`.

    Returns a `docgen.agenda.model.PackResult`. Raises `WorkbookError` listing every problem by
    sheet and cell (the agenda's, its papers', each workbook's own prefixed with its item)
    before anything is written; a failed paper never leaves a partial pack. `jobs` papers are
    made at once (default: the number of cores). See docs/pack.md.
    """
    from .agenda.build import build_pack

    return build_pack(agenda, outdir, jobs=jobs)


def new_agenda_workbook(path: PathLike) -> Path:
    """Write a blank agenda workbook ready to fill at `path` (atomically); return the path."""
    from .agenda.blank import new_agenda_workbook as write_blank

    target = Path(path)
    with atomic_output(target) as tmp:
        write_blank(tmp)
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


def check_pdf(pdf: PathLike) -> list[Problem]:
    """The accessibility problems of a PDF (tagging, language, title, fonts, figures'
    alternative text, tables' header cells), as warnings."""
    from .pdf_accessibility import check_pdf as check_pdf_accessibility

    return check_pdf_accessibility(pdf)


def check_template_usable(template: PathLike) -> None:
    """Raise `TemplateError` listing a template's errors, if it has any."""
    from .exceptions import TemplateError

    template = Path(template)
    errors = errors_in(check_template(template))
    if errors:
        lines = "\n".join(str(p) for p in errors)
        raise TemplateError(f"the template '{template.name}' has {len(errors)} problem(s):\n"
                            f"{lines}")

