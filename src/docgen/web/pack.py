"""The Pack tab of the Generate page: upload an agenda workbook and its papers (or a .zip of
them), make the agenda pack in a worker, and offer its files to download.

The same checks and messages as `docgen pack`: every problem listed by sheet and cell, nothing
made when one paper fails. The pack is made in the app's worker pool, one paper after
another (the pool bounds the processes; a pack never starts its own).
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from .. import api
from ..exceptions import DocgenError, Problem
from .generate import client_of
from .names import content_disposition
from .outcome import Outcome, outcome_of
from .pack_uploads import read_pack_uploads, save_pack_uploads
from .pages import MEDIA_TYPES, XLSX, render
from .uploads import UploadRefused

log = logging.getLogger(__name__)
router = APIRouter()

PACK_TIME_FACTOR = 4
"""A pack builds several papers: it may take this many times a report's build time."""
JSON = "application/json"
UPLOADED = "the uploaded files"


@router.get("/pack", name="pack_form")
async def pack_form(request: Request) -> Response:
    """The Pack tab's form."""
    return render(request, "pack.html")


@router.post("/pack", name="pack")
async def pack_page(request: Request) -> Response:
    """Make the pack; show its downloads, or the form again with every problem."""
    outcome = await pack_from_request(request)
    if outcome.result is not None:
        url = request.url_for("pack_result", token=outcome.result.token)
        return RedirectResponse(url.path, status_code=303)
    return render(request, "pack.html", status=outcome.status, outcome=outcome)


@router.get("/pack/results/{token}", name="pack_result")
async def pack_result(request: Request, token: str) -> Response:
    """The finished pack's downloads and warnings."""
    result = request.app.state.store.get(token)
    if result is None:
        return render(request, "missing.html", status=404)
    return render(request, "pack_result.html", result=result)


@router.get("/pack/results/{token}/{name}", name="pack_file")
async def pack_file(request: Request, token: str, name: str) -> Response:
    """One file of a finished pack, downloaded under its own name."""
    result = request.app.state.store.get(token)
    path = result.path(name) if result is not None else None
    if path is None:
        return render(request, "missing.html", status=404)
    media_type = JSON if path.suffix == ".json" else MEDIA_TYPES.get(
        path.suffix, "application/octet-stream")
    return FileResponse(path, media_type=media_type,
                        headers={"Content-Disposition": content_disposition(name)})


async def pack_from_request(request: Request) -> Outcome:
    """Read the Pack form's files, make the pack in a worker, keep its files."""
    state = request.app.state
    try:
        form, uploads = await read_pack_uploads(request, state.settings.max_upload_mb)
    except UploadRefused as exc:
        return Outcome.refused(exc)
    folder = Path(tempfile.mkdtemp(dir=state.store.work_root, prefix="pack-"))
    words = _Words(folder / "files")
    try:
        (folder / "files").mkdir()
        agenda = await run_in_threadpool(save_pack_uploads, uploads, folder / "files",
                                         state.settings.max_upload_mb)
        made = await state.pool.run(make_pack, agenda, folder / "out",
                                    client=client_of(request),
                                    seconds=state.settings.build_seconds * PACK_TIME_FACTOR)
        result = await run_in_threadpool(_keep, state.store, made, words,
                                         client_of(request))
        return Outcome(problems=result.warnings, result=result)
    except (UploadRefused, DocgenError) as exc:
        outcome = outcome_of(exc, words, state.settings.build_seconds * PACK_TIME_FACTOR)
        if "workbook" in outcome.field_errors:  # the report form's field: here, the agenda
            outcome.field_errors["agenda"] = outcome.field_errors.pop("workbook")
        return outcome
    finally:
        await run_in_threadpool(shutil.rmtree, folder, True)
        await form.close()


def make_pack(agenda: Path, outdir: Path):
    """Make the pack of `agenda` into `outdir` (run in a worker, one paper at a time)."""
    return api.pack(agenda, outdir=outdir, jobs=1)


def served_files(made) -> dict[str, Path]:
    """The pack's files by the name they are served and downloaded under, the pack first."""
    files = {made.pdf.name: made.pdf}
    if made.part_b is not None:
        files[made.part_b.name] = made.part_b
    for docx in made.docx:
        prefix = "" if docx.parent == made.pdf.parent else f"{docx.parent.name}-"
        files[prefix + docx.name] = docx
    files[made.manifest.name] = made.manifest
    return files


def _keep(store, made, words: _Words, client: str):
    files = served_files(made)
    return store.keep(files, title=made.title, warnings=words.problems(made.warnings),
                      previews=[], page_count=made.pages, download_name=made.pdf.stem,
                      client=client)


class _Words:
    """The request's folder, which means nothing to the clerk, out of the messages."""

    def __init__(self, files: Path):
        folder = re.escape(str(files))
        self._folder = re.compile(f"'{folder}'|{folder}/|{folder}")

    def words(self, text: str) -> str:
        """`text` with the server's folder named as the uploaded files (and left out of the
        paths of files in it)."""
        return self._folder.sub(lambda m: "" if m.group().endswith("/") else UPLOADED, text)

    def problems(self, problems: list[Problem]) -> list[Problem]:
        """`problems` in the clerk's words."""
        from dataclasses import replace

        return [replace(p, message=self.words(p.message)) for p in problems]


@router.get("/downloads/blank-agenda.xlsx", name="blank_agenda")
async def blank_agenda() -> Response:
    """A new blank agenda workbook to fill in."""
    data = await run_in_threadpool(_blank_agenda_bytes)
    return Response(data, media_type=XLSX,
                    headers={"Content-Disposition": 'attachment; filename="blank-agenda.xlsx"'})


def _blank_agenda_bytes() -> bytes:
    import io

    from ..agenda.blank import new_agenda_workbook

    buffer = io.BytesIO()
    new_agenda_workbook().save(buffer)
    return buffer.getvalue()
