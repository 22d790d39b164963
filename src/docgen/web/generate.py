"""Generating a report from an upload: build, preview and keep it, in a per-request folder.

Everything here but `generate_from_request` and `check_from_request` blocks, and runs in a
worker thread so that many reports can be made at once.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from .. import api
from ..exceptions import (
    DocgenError,
    Problem,
    TemplateError,
    WorkbookError,
    errors_in,
    warnings_in,
)
from .preview import render_preview
from .results import ResultStore, StoredResult
from .uploads import (
    UploadRefused,
    Uploads,
    check_template_bytes,
    check_workbook_bytes,
    read_uploads,
    require_workbook,
)

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What became of an upload: a kept result, or the reasons there is none."""

    status: int = 200
    problems: list[Problem] = field(default_factory=list)
    field_errors: dict[str, str] = field(default_factory=dict)
    failure: str = ""
    result: StoredResult | None = None

    @classmethod
    def refused(cls, exc: UploadRefused) -> Outcome:
        """The outcome of an upload refused before any work was done."""
        return cls(exc.status, field_errors={exc.field: exc.message})

    @property
    def errors(self) -> list[Problem]:
        """The workbook problems that stop the report."""
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        """The workbook problems that do not stop the report."""
        return warnings_in(self.problems)


async def generate_from_request(request: Request) -> Outcome:
    """Read the uploaded files from `request` and make the report from them."""
    return await _from_request(request, generate)


async def check_from_request(request: Request) -> Outcome:
    """Read the uploaded files from `request` and only check the workbook."""
    return await _from_request(request, check)


async def _from_request(request: Request, work) -> Outcome:
    """Read the uploads within the size limit, then run `work(store, uploads)` in a thread."""
    state = request.app.state
    try:
        form, uploads = await read_uploads(request, state.max_upload_mb)
    except UploadRefused as exc:
        return Outcome.refused(exc)
    try:
        return await run_in_threadpool(work, state.store, uploads)
    finally:
        await form.close()


def generate(store: ResultStore, uploads: Uploads) -> Outcome:
    """Build the report and its preview from `uploads`, and keep them in `store`."""
    with tempfile.TemporaryDirectory(dir=store.work_root, prefix="request-") as tmp:
        try:
            workbook, template = _save_uploads(uploads, Path(tmp))
            # A template from the upload is untrusted: render it in a child process with limits.
            built = api.build(workbook, template=template, outdir=Path(tmp) / "out", pdf=True,
                              isolate=template is not None)
        except (UploadRefused, DocgenError) as exc:
            return _stopped(exc)
        title = download_stem(uploads.workbook.filename if uploads.workbook else None)
        return Outcome(problems=list(built.warnings), result=_keep(store, built, title))


def check(store: ResultStore, uploads: Uploads) -> Outcome:
    """Check the workbook in `uploads` without making anything."""
    with tempfile.TemporaryDirectory(dir=store.work_root, prefix="request-") as tmp:
        try:
            workbook, template = _save_uploads(uploads, Path(tmp))
            problems = api.check(workbook, template=template)
        except WorkbookError as exc:
            problems = exc.problems
        except (UploadRefused, DocgenError) as exc:
            return _stopped(exc)
    outcome = Outcome(problems=problems)
    outcome.status = 422 if outcome.errors else 200
    return outcome


def _stopped(exc: UploadRefused | DocgenError) -> Outcome:
    """The outcome of an upload refused, or of a build or check that stopped."""
    if isinstance(exc, UploadRefused):
        return Outcome.refused(exc)
    if isinstance(exc, WorkbookError):
        return Outcome(422, problems=exc.problems)
    if isinstance(exc, TemplateError):
        return Outcome(422, field_errors={"template": f"The Word template cannot be used: {exc}"})
    return Outcome(500, failure=f"The report could not be made: {exc}")


def _keep(store: ResultStore, built: api.BuildResult, title: str) -> StoredResult:
    """Keep the built files, with page images of the PDF, for download."""
    files = {"report.docx": built.docx}
    previews: list[Path] = []
    page_count = 0
    if built.pdf is not None:
        files["report.pdf"] = built.pdf
        previews, page_count = _preview(built.pdf, built.pdf.parent)
        files.update((image.name, image) for image in previews)
    return store.keep(
        files,
        title=title,
        warnings=built.warnings,
        previews=[image.name for image in previews],
        page_count=page_count,
    )


def _save_uploads(uploads: Uploads, folder: Path) -> tuple[Path, Path | None]:
    """Check the uploads' bytes and save them under fixed names in `folder`."""
    workbook = require_workbook(uploads)
    check_workbook_bytes(workbook.file)
    template = None
    if uploads.template is not None:
        check_template_bytes(uploads.template.file)
        template = _save(uploads.template.file, folder / "template.docx")
    return _save(workbook.file, folder / "report.xlsx"), template


def _save(source: BinaryIO, path: Path) -> Path:
    """Copy an uploaded file to `path`."""
    source.seek(0)
    with open(path, "wb") as target:
        shutil.copyfileobj(source, target)
    return path


def _preview(pdf: Path, folder: Path) -> tuple[list[Path], int]:
    """Page images of `pdf`; none when it cannot be rendered, as the downloads still work."""
    try:
        return render_preview(pdf, folder)
    except Exception:  # a preview is a courtesy: never lose the report over it
        log.exception("could not render a preview of %s", pdf)
        return [], 0


def download_stem(filename: str | None) -> str:
    """A safe name for the downloads, from the uploaded file's name: `report` if none is left.

    Used only in the Content-Disposition header, never as a path.
    """
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^A-Za-z0-9 ._-]+", "", stem).strip(" .")[:80]
    return stem or "report"
