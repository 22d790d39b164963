"""Making a report from an upload: save it, build and preview it in a worker, and keep it.

The request's files are checked and saved here, in the server, under fixed names in a folder
of the request's own; the build, the check and the preview run in the app's worker pool
(`pool.py`), never in the server process. After a failed attempt the page keeps the files a
while, so that the author need choose again only the file they fixed.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, BinaryIO

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from ..exceptions import DocgenError
from . import jobs
from .names import TEMPLATE_NAME, WORKBOOK_NAME, FileNames, download_stem
from .outcome import Outcome, outcome_of
from .preview import Preview
from .results import KeptUploads, StoredResult
from .uploads import (
    NO_WORKBOOK,
    UploadRefused,
    Uploads,
    check_template_bytes,
    check_workbook_bytes,
    read_uploads,
)

log = logging.getLogger(__name__)


async def generate_from_request(request: Request, *, keep_uploads: bool = False) -> Outcome:
    """Read the uploaded files from `request` and make the report from them.

    With `keep_uploads`, the files of a failed attempt are kept for the author's next one.
    """
    return await _from_request(request, generate, keep_uploads)


async def check_from_request(request: Request) -> Outcome:
    """Read the uploaded files from `request` and only check the workbook."""
    return await _from_request(request, check, False)


Work = Callable[["Attempt", bool], Awaitable[Outcome]]


async def _from_request(request: Request, work: Work, keep_uploads: bool) -> Outcome:
    """Read the uploads within the size limit, then do `work` with them."""
    state = request.app.state
    try:
        form, uploads = await read_uploads(request, state.settings.max_upload_mb)
    except UploadRefused as exc:
        return Outcome.refused(exc)
    try:
        attempt = Attempt(state, uploads, client_of(request))
        try:
            return await work(attempt, keep_uploads)
        finally:
            await run_in_threadpool(attempt.remove)
    finally:
        await form.close()


def client_of(request: Request) -> str:
    """Who sent `request`, for fair shares of the workers and of the kept results."""
    return request.client.host if request.client else ""


async def generate(attempt: Attempt, keep_uploads: bool) -> Outcome:
    """Build the report and its preview from the attempt's files, and keep them."""
    try:
        workbook, template = await run_in_threadpool(attempt.save)
        built = await attempt.run(jobs.build_report, workbook,
                                  template or attempt.standard_template, attempt.folder / "out")
    except (UploadRefused, DocgenError) as exc:
        return await attempt.failed(exc, keep_uploads)
    preview = await attempt.preview(built)
    result = await run_in_threadpool(attempt.keep_result, built, preview)
    return Outcome(problems=result.warnings, result=result)


async def check(attempt: Attempt, keep_uploads: bool) -> Outcome:
    """Check the attempt's workbook without making anything."""
    try:
        workbook, template = await run_in_threadpool(attempt.save)
        problems = await attempt.run(jobs.check_workbook, workbook,
                                     template or attempt.standard_template)
    except (UploadRefused, DocgenError) as exc:
        return await attempt.failed(exc, keep_uploads)
    outcome = Outcome(problems=attempt.file_names.problems(problems))
    outcome.status = 422 if outcome.errors else 200
    return outcome


class Attempt:
    """One request's work: its folder, the files saved there, and what the author calls them."""

    def __init__(self, state: Any, uploads: Uploads, client: str):
        self.store = state.store
        self.pool = state.pool
        self.settings = state.settings
        self.standard_template: Path | None = getattr(state, "standard_template", None)
        self.uploads = uploads
        self.client = client
        self.folder = Path(tempfile.mkdtemp(dir=self.store.work_root, prefix="request-"))
        self.saved: dict[str, Path] = {}
        self.names: dict[str, str] = {}
        self.earlier: KeptUploads | None = None

    @property
    def file_names(self) -> FileNames:
        """Translates the server's names of the files into the author's, for messages."""
        return FileNames(self.folder, self.names.get("workbook", WORKBOOK_NAME),
                         self.names.get("template"))

    def save(self) -> tuple[Path, Path | None]:
        """Check the chosen (or kept) files and save them; the workbook and template paths.

        Raises `UploadRefused` for the first file refused, after saving the others, so that
        a good file can be kept for the next attempt.
        """
        self.earlier = self.store.kept_uploads(self.uploads.kept, self.client)
        refusal = None
        for field, check_bytes, name in (("workbook", check_workbook_bytes, WORKBOOK_NAME),
                                         ("template", check_template_bytes, TEMPLATE_NAME)):
            try:
                self._save(field, check_bytes, self.folder / name)
            except UploadRefused as exc:
                refusal = refusal or exc
        if refusal is None and "workbook" not in self.saved:
            refusal = UploadRefused(NO_WORKBOOK)
        if refusal is not None:
            raise refusal
        return self.saved["workbook"], self.saved.get("template")

    def _save(self, field: str, check_bytes: Callable[[BinaryIO], None], target: Path) -> None:
        """Save the file chosen for `field`, else the one kept from the last attempt, if any."""
        upload = getattr(self.uploads, field)
        earlier = self.earlier.files.get(field) if self.earlier else None
        if upload is not None:
            check_bytes(upload.file)
            _copy(upload.file, target)
            self.names[field] = upload.filename or target.name
        elif earlier is not None and not (field == "template" and self.uploads.standard_template):
            shutil.copyfile(earlier, target)
            self.names[field] = self.earlier.names.get(field, target.name)
        else:
            return
        self.saved[field] = target

    async def run(self, func: Callable[..., Any], *args: Any) -> Any:
        """`func(*args)` in a worker, with the time a build may take."""
        return await self.pool.run(func, *args, client=self.client,
                                   seconds=self.settings.build_seconds)

    async def preview(self, built: jobs.Built) -> Preview | None:
        """Images of the report's first pages; None when they cannot be drawn, as the
        downloads still work."""
        if built.pdf is None:
            return None
        try:
            # Part of a build already accepted: not refused for a full queue, and run first.
            return await self.pool.run(jobs.draw_preview, built.pdf, built.pdf.parent,
                                       client=self.client, follow_up=True,
                                       seconds=self.settings.preview_seconds)
        except DocgenError:  # a preview is a courtesy: never lose the report over it
            log.warning("could not draw a preview of %s", built.pdf, exc_info=True)
            return None

    def keep_result(self, built: jobs.Built, preview: Preview | None) -> StoredResult:
        """Keep the built files, with the preview's images, for download."""
        files = {"report.docx": built.docx}
        if built.pdf is not None:
            files["report.pdf"] = built.pdf
        images = preview.images if preview else []
        files.update((image.name, image) for image in images)
        stem = download_stem(self.names.get("workbook"))
        result = self.store.keep(
            files, title=built.title or stem, warnings=self.file_names.problems(built.warnings),
            previews=[image.name for image in images],
            page_count=preview.page_count if preview else 0, download_name=stem,
            client=self.client)
        if self.earlier is not None:  # the author is done with the files of the last attempt
            self.store.uploads.remove(self.earlier.token)
        return result

    async def failed(self, exc: UploadRefused | DocgenError, keep_uploads: bool) -> Outcome:
        """The outcome of a refusal or failure; the files kept for next time if asked."""
        outcome = outcome_of(exc, self.file_names, self.settings.build_seconds)
        if keep_uploads:
            outcome.kept = await run_in_threadpool(self._keep_uploads)
        return outcome

    def _keep_uploads(self) -> KeptUploads | None:
        """Keep the saved files for the author's next attempt, in place of the last ones."""
        if self.earlier is not None:
            self.store.uploads.remove(self.earlier.token)
        if not self.saved:
            return None
        return self.store.keep_uploads(self.saved, self.names, self.client)

    def remove(self) -> None:
        """Delete the request's folder and whatever is left in it."""
        shutil.rmtree(self.folder, ignore_errors=True)


def _copy(source: BinaryIO, path: Path) -> None:
    """Copy an uploaded file to `path`."""
    source.seek(0)
    with open(path, "wb") as target:
        shutil.copyfileobj(source, target)
