"""The JSON endpoints, for scripts and tests: the same work as the page, answered as data."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from .generate import Outcome, check_from_request, generate_from_request

router = APIRouter(prefix="/api")


@router.post("/generate")
async def generate_json(request: Request) -> JSONResponse:
    """Make the report from the multipart fields `workbook` (and optional `template`).

    200 with download URLs, 422 with the workbook's problems, 413 or 400 for a refused upload.
    """
    outcome = await generate_from_request(request)
    return JSONResponse(outcome_json(request, outcome), status_code=outcome.status)


@router.post("/check")
async def check_json(request: Request) -> JSONResponse:
    """Check the uploaded workbook only: 200 when it has no errors, else 422; both list problems."""
    outcome = await check_from_request(request)
    return JSONResponse(outcome_json(request, outcome), status_code=outcome.status)


def outcome_json(request: Request, outcome: Outcome) -> dict:
    """The outcome as a JSON-ready dict; file URLs are absolute."""
    body: dict = {
        "ok": outcome.status == 200,
        "problems": [problem.as_dict() for problem in outcome.problems],
        "fields": outcome.field_errors,
        "message": outcome.failure,
    }
    result = outcome.result
    if result is not None:

        def url(name: str) -> str:
            return str(request.url_for("result_file", token=result.token, name=name))

        body["result"] = str(request.url_for("result", token=result.token))
        body["docx"] = url("report.docx")
        body["pdf"] = url("report.pdf") if result.path("report.pdf") else None
        body["pages"] = [url(name) for name in result.previews]
        body["page_count"] = result.page_count
    return body
