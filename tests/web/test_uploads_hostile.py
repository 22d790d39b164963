"""Hostile uploads through the page, in real worker processes: each is stopped with a plain
message that blames the right file, and the next author's report is made as usual."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from tests.support.web import hostile_template, upload, zip_bytes

from docgen import api
from docgen.web.pool import WARM, WorkerPool

pytestmark = pytest.mark.usefixtures("real_api")

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "examples" / "minimal" / "minimal.xlsx"


@pytest.fixture
def client(app_factory):
    """The page with two 512 MB workers, a 2-second deadline and `hostile_build` in them."""
    from fastapi.testclient import TestClient

    pool = WorkerPool(2, memory=512 * 1024**2, warm=(*WARM, "hostile_build"))
    app = app_factory(pool=pool, build_seconds=2, worker_memory_mb=512)
    with TestClient(app) as test_client:
        assert pool.wait_ready(60)
        yield test_client


def post_with_template(client, template: bytes):
    files = {**upload(MINIMAL), "template": ("Our template.docx", template, "application/zip")}
    started = time.monotonic()
    answer = client.post("/api/generate", files=files)
    return answer, time.monotonic() - started


def assert_a_normal_report_still_works(client) -> None:
    answer = client.post("/api/generate", files=upload(MINIMAL))
    assert answer.status_code == 200, answer.text


def test_a_build_that_hangs_is_stopped_at_the_deadline_without_blaming_the_template(client):
    answer, seconds = post_with_template(client, hostile_template("docgen-test/sleep"))
    assert answer.status_code == 422
    body = answer.json()
    assert body["message"].startswith("Making the report took longer than 2 seconds, so it was "
                                      "stopped.")
    assert body["fields"] == {}  # nothing says the template did it: nothing knows
    assert 2 <= seconds < 8
    assert_a_normal_report_still_works(client)


def test_a_build_that_eats_memory_is_stopped_at_the_limit(client):
    answer, seconds = post_with_template(client, hostile_template("docgen-test/hog"))
    assert answer.status_code == 422
    assert "needed more memory than allowed" in answer.json()["message"]
    assert seconds < 15
    assert_a_normal_report_still_works(client)


def test_a_build_that_kills_its_worker_is_a_plain_sentence_and_the_worker_replaced(client):
    answer, _ = post_with_template(client, hostile_template("docgen-test/crash"))
    assert answer.status_code == 500
    message = answer.json()["message"]
    assert message.startswith("The program making the report stopped unexpectedly")
    assert "SIGABRT" not in message and "exit code" not in message
    assert_a_normal_report_still_works(client)


def test_a_template_with_nested_loops_is_refused_quickly(client):
    loops = ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
             "{% endfor %}")
    answer, seconds = post_with_template(client, template_with_paragraph(loops))
    assert answer.status_code == 422
    assert answer.json()["fields"]["template"].startswith("The Word template cannot be used")
    assert "'Our template.docx'" in answer.json()["fields"]["template"]
    assert "'template.docx'" not in answer.text  # the server's copy is never named
    assert seconds < 5
    assert_a_normal_report_still_works(client)


def test_a_page_of_0_1_by_150_inches_gives_a_bounded_preview_or_a_refusal(client):
    """Such a page once took the preview to 5.4 GB for 74 s in the server."""
    answer, seconds = post_with_template(client, template_with_page(144, 216000))
    assert seconds < 15
    if answer.status_code == 200:
        for link in answer.json()["pages"]:
            with Image.open(io.BytesIO(client.get(link).content)) as picture:
                assert picture.width <= 2000 and picture.height <= 2000
    else:
        assert answer.status_code == 422, answer.text
    assert_a_normal_report_still_works(client)


def template_with_paragraph(text: str) -> bytes:
    """A Word document whose body is one paragraph of `text`."""
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def template_with_page(width: int, height: int) -> bytes:
    """The standard template with its page set to `width` × `height` twentieths of a point."""
    with zipfile.ZipFile(api.default_template()) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    body, count = re.subn(rb'<w:pgSz w:w="\d+" w:h="\d+"',
                          f'<w:pgSz w:w="{width}" w:h="{height}"'.encode(),
                          parts["word/document.xml"])
    assert count, "the standard template has no page size to change"
    parts["word/document.xml"] = body
    return zip_bytes(parts)
