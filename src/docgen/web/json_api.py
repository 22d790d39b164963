"""The JSON endpoints, for scripts and tests: the same work as the page, answered as data."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from .generate import check_from_request, generate_from_request
from .outcome import Outcome

router = APIRouter(prefix="/api")


@router.post("/generate")
async def generate_json(request: Request) -> JSONResponse:
    """Make the report from the multipart fields `workbook` (and optional `template`).

    200 with download links, 422 with the workbook's problems, 413 or 400 for a refused
    upload, 503 when the server is too busy (try again after `Retry-After` seconds).
    """
    outcome = await generate_from_request(request)
    return answer(request, outcome)


@router.post("/check")
async def check_json(request: Request) -> JSONResponse:
    """Check the uploaded workbook only: 200 when it has no errors, else 422; both list problems."""
    outcome = await check_from_request(request)
    return answer(request, outcome)


def answer(request: Request, outcome: Outcome) -> JSONResponse:
    """The outcome as a JSON response, with its status and headers."""
    return JSONResponse(outcome_json(request, outcome), status_code=outcome.status,
                        headers=outcome.headers)


def outcome_json(request: Request, outcome: Outcome) -> dict:
    """The outcome as a JSON-ready dict.

    Links are relative to the server (`/results/…`): the Host header the client sent is
    never echoed back.
    """
    body: dict = {
        "ok": outcome.status == 200,
        "problems": [problem.as_dict() for problem in outcome.problems],
        "fields": outcome.field_errors,
        "message": outcome.failure,
    }
    result = outcome.result
    if result is not None:
        root = request.scope.get("root_path", "")

        def link(route: str, **params: str) -> str:
            return root + request.app.url_path_for(route, token=result.token, **params)

        body["title"] = result.title
        body["result"] = link("result")
        body["docx"] = link("result_file", name="report.docx")
        body["pdf"] = link("result_file", name="report.pdf") if result.path("report.pdf") else None
        body["pages"] = [link("result_file", name=name) for name in result.previews]
        body["page_count"] = result.page_count
    return body


def failure_json(message: str) -> dict:
    """The body of a JSON answer for a request that failed before it had an outcome."""
    return {"ok": False, "problems": [], "fields": {}, "message": message}
