"""The HTML pages: the Generate form, its problems, and the finished report."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..exceptions import Problem
from .generate import generate_from_request
from .json_api import failure_json
from .names import content_disposition
from .outcome import FAULT, Outcome
from .samples import EXAMPLE_NAME, blank_workbook_bytes, example_workbook

log = logging.getLogger(__name__)
router = APIRouter()

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".png": "image/png",
}
WHOLE_WORKBOOK = "Whole workbook"


@dataclass
class ProblemRow:
    """A problem as the page shows it, with the id its summary link points to."""

    id: str
    words: str
    problem: Problem


@dataclass
class SheetGroup:
    """The problems found on one sheet (or about the whole workbook)."""

    title: str
    rows: list[ProblemRow] = field(default_factory=list)


def plain_words(problem: Problem) -> str:
    """'Measures, cell C14: enter a number…' — where, then what to do."""
    if problem.sheet and problem.cell:
        return f"{problem.sheet}, cell {problem.cell}: {problem.message}"
    if problem.sheet:
        return f"{problem.sheet}: {problem.message}"
    return problem.message


def group_by_sheet(problems: list[Problem]) -> list[SheetGroup]:
    """Problems as rows grouped by sheet, in the order given (already sorted by the core)."""
    groups: dict[str, SheetGroup] = {}
    for number, problem in enumerate(problems, 1):
        title = problem.sheet or WHOLE_WORKBOOK
        group = groups.setdefault(title, SheetGroup(title))
        group.rows.append(ProblemRow(f"problem-{number}", plain_words(problem), problem))
    return list(groups.values())


def render(request: Request, name: str, status: int = 200, **context) -> Response:
    """Render template `name` with the settings every page needs."""
    state = request.app.state
    context.setdefault("outcome", None)
    headers = context["outcome"].headers if context["outcome"] is not None else None
    context.update(
        max_upload_mb=f"{state.settings.max_upload_mb:g}",
        kept_minutes=f"{state.settings.kept_upload_lifetime / 60:g}",
        has_example_workbook=example_workbook() is not None,
    )
    return state.templates.TemplateResponse(request, name, context, status_code=status,
                                            headers=headers)


async def server_error(request: Request, exc: Exception) -> Response:
    """A page (or, for the JSON endpoints, JSON) for a failure of docgen itself, rather than a
    bare 'Internal Server Error'; the details go to the log."""
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    if request.url.path.startswith("/api/"):
        return JSONResponse(failure_json(FAULT), status_code=500)
    return render(request, "error.html", status=500)


@router.get("/", name="index")
async def index(request: Request) -> Response:
    """The Generate form."""
    return render(request, "index.html")


@router.post("/generate", name="generate")
async def generate_page(request: Request) -> Response:
    """Make the report; show the result page, or the form again with every problem."""
    outcome: Outcome = await generate_from_request(request, keep_uploads=True)
    if outcome.result is not None:
        url = request.url_for("result", token=outcome.result.token)
        return RedirectResponse(url.path, status_code=303)
    return render(request, "index.html", status=outcome.status, outcome=outcome)


@router.get("/results/{token}", name="result")
async def result_page(request: Request, token: str) -> Response:
    """The finished report: warnings, downloads and a preview of its first pages."""
    result = request.app.state.store.get(token)
    if result is None:
        return render(request, "missing.html", status=404)
    return render(request, "result.html", result=result)


@router.get("/results/{token}/{name}", name="result_file")
async def result_file(request: Request, token: str, name: str) -> Response:
    """One file of a finished report: the .docx, the PDF, or a preview image."""
    result = request.app.state.store.get(token)
    path = result.path(name) if result is not None else None
    if path is None:
        return render(request, "missing.html", status=404)
    media_type = MEDIA_TYPES.get(path.suffix, "application/octet-stream")
    if path.suffix == ".png":
        return FileResponse(path, media_type=media_type)
    disposition = content_disposition(f"{result.download_name}{path.suffix}")
    return FileResponse(path, media_type=media_type,
                        headers={"Content-Disposition": disposition})


@router.get("/downloads/blank-workbook.xlsx", name="blank_workbook")
async def blank_workbook() -> Response:
    """A new blank workbook to fill in."""
    data = await run_in_threadpool(blank_workbook_bytes)
    disposition = 'attachment; filename="blank-workbook.xlsx"'
    return Response(data, media_type=XLSX, headers={"Content-Disposition": disposition})


@router.get(f"/downloads/{EXAMPLE_NAME}", name="example_workbook")
async def example() -> Response:
    """The filled-in example workbook."""
    path = example_workbook()
    if path is None:
        raise HTTPException(404, "This installation has no example workbook.")
    return FileResponse(path, media_type=XLSX, filename=EXAMPLE_NAME)
