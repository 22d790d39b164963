"""`docgen serve` as authors run it: a real uvicorn process, reached over HTTP."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from tests.support.web import LIVE_MAX_UPLOAD_MB, TITLE_TEXT, XLSX, pdf_text, upload

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("real_api")]


def test_the_page_is_served(live_server):
    answer = httpx.get(live_server)
    assert answer.status_code == 200
    assert "Generate a committee report" in answer.text
    assert httpx.get(live_server + "static/docgen.css").status_code == 200


def test_eight_generations_at_once_all_succeed(live_server, example_workbook):
    files = upload(example_workbook)

    def generate(_: int) -> str:
        answer = httpx.post(live_server + "api/generate", files=files, timeout=300)
        assert answer.status_code == 200, answer.text
        return live_server.rstrip("/") + answer.json()["pdf"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        pdf_urls = list(pool.map(generate, range(8)))
    assert len(set(pdf_urls)) == 8
    for url in pdf_urls:
        assert TITLE_TEXT in pdf_text(httpx.get(url).content)


def test_an_oversized_upload_gets_a_clear_refusal(live_server):
    data = b"PK\x03\x04" + b"\0" * int((LIVE_MAX_UPLOAD_MB + 1) * 1024 * 1024)
    answer = httpx.post(
        live_server + "api/generate", files={"workbook": ("big.xlsx", data, XLSX)}, timeout=60
    )
    assert answer.status_code == 413
    message = f"The selected files must be smaller than {LIVE_MAX_UPLOAD_MB:g} MB in total"
    assert answer.json()["fields"] == {"workbook": message}
