"""The work the Generate page hands to its workers: build, check, draw the preview.

Each function here runs in a worker process (`docgen.web.pool`), never in the server. It takes
paths inside the request's own folder and returns plain data that pickles.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree

from .. import api
from ..exceptions import Problem, WorkbookError
from .preview import Preview, render_preview

CORE_PROPERTIES = "docProps/core.xml"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
MAX_CORE_BYTES = 1024 * 1024
MAX_TITLE = 200


@dataclass
class Built:
    """What a build made: the files, the warnings and the report's own title ('' if none)."""

    docx: Path
    pdf: Path | None
    warnings: list[Problem] = field(default_factory=list)
    title: str = ""


def build_report(workbook: Path, template: Path | None, outdir: Path) -> Built:
    """Build the .docx and PDF of `workbook` into `outdir`."""
    built = api.build(workbook, template=template, outdir=outdir, pdf=True)
    title = getattr(built, "title", "") or docx_title(built.docx)
    return Built(built.docx, built.pdf, list(built.warnings), tidy_title(title))


def check_workbook(workbook: Path, template: Path | None) -> list[Problem]:
    """Every problem of `workbook`, errors and warnings, without building."""
    try:
        return api.check(workbook, template=template)
    except WorkbookError as exc:
        return exc.problems


def draw_preview(pdf: Path, folder: Path) -> Preview:
    """Images of the first pages of `pdf`, written into `folder`."""
    return render_preview(pdf, folder)


def docx_title(docx: Path) -> str:
    """The title in a .docx's document properties; '' when it has none or it can't be read."""
    try:
        with zipfile.ZipFile(docx) as package, package.open(CORE_PROPERTIES) as part:
            data = part.read(MAX_CORE_BYTES + 1)
        if len(data) > MAX_CORE_BYTES:
            return ""
        title = ElementTree.fromstring(data).find(DC_TITLE)
    except Exception:  # a title is a courtesy: the report itself is fine
        return ""
    return title.text or "" if title is not None else ""


def tidy_title(title: str) -> str:
    """`title` on one line, without runs of spaces, and not too long for a page heading."""
    words = " ".join(title.split())
    return words if len(words) <= MAX_TITLE else words[: MAX_TITLE - 1].rstrip() + "…"
