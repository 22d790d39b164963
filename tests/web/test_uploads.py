"""Refusing uploads: too big (by header or by counted bytes), or not what they claim to be."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.support.web import XLSX, InlinePool, upload, zip_bytes

BOUNDARY = "docgen-test-boundary"


def multipart_body(field: str, filename: str, data: bytes) -> bytes:
    """A multipart/form-data body with one file part."""
    return (
        (
            f"--{BOUNDARY}\r\n"
            f'Content-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
            f"Content-Type: {XLSX}\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )


@pytest.fixture
def small_client(app_factory):
    """A client for an app that refuses uploads over 0.1 MB."""
    with TestClient(app_factory(max_upload_mb=0.1, pool=InlinePool())) as client:
        yield client


def test_an_upload_over_the_limit_is_refused_by_its_declared_length(small_client, fake_core):
    files = {"workbook": ("big.xlsx", b"PK\x03\x04" + b"x" * 200_000, XLSX)}
    page = small_client.post("/generate", files=files)
    assert page.status_code == 413
    assert "The selected files must be smaller than 0.1 MB in total" in page.text
    assert '<a href="#workbook">' in page.text
    assert fake_core.calls == []


def test_an_upload_over_the_limit_is_refused_by_its_counted_bytes(small_client, fake_core):
    """A client that sends no Content-Length (chunked) is still stopped at the limit."""
    body = multipart_body("workbook", "big.xlsx", b"PK\x03\x04" + b"x" * 300_000)

    def chunks():
        for start in range(0, len(body), 16_384):
            yield body[start : start + 16_384]

    answer = small_client.post(
        "/api/generate",
        content=chunks(),
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    assert "content-length" not in answer.request.headers
    assert answer.status_code == 413
    assert answer.json()["fields"] == {
        "workbook": "The selected files must be smaller than 0.1 MB in total"
    }
    assert fake_core.calls == []


def test_a_lying_content_length_does_not_get_past_the_limit(small_client, fake_core):
    body = multipart_body("workbook", "big.xlsx", b"PK\x03\x04" + b"x" * 300_000)
    answer = small_client.post(
        "/api/generate",
        content=iter([body]),
        headers={
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
            "Content-Length": "1000",
        },
    )
    assert answer.status_code in (400, 413)
    assert fake_core.calls == []


def test_an_upload_under_the_limit_is_accepted(small_client, fake_core, good_workbook):
    assert good_workbook.stat().st_size < 100_000
    answer = small_client.post("/api/generate", files=upload(good_workbook))
    assert answer.status_code == 200, answer.text


def test_csv_text_named_xlsx_is_refused(client, fake_core):
    files = {"workbook": ("report.xlsx", b"Measure,Previous,Current\nCrime,1,2\n", XLSX)}
    page = client.post("/generate", files=files)
    assert page.status_code == 400
    assert "The selected file is not an Excel workbook" in page.text
    assert 'id="workbook-error"' in page.text
    assert fake_core.calls == []


def test_a_word_document_named_xlsx_is_refused(client, fake_core):
    data = zip_bytes({"word/document.xml": b"<w:document/>"})
    page = client.post("/generate", files={"workbook": ("report.xlsx", data, XLSX)})
    assert page.status_code == 400
    assert "not an Excel workbook" in page.text


def test_an_old_xls_or_protected_workbook_is_explained(client, fake_core):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    page = client.post("/generate", files={"workbook": ("report.xlsx", data, XLSX)})
    assert page.status_code == 400
    assert "old-style .xls workbook or has a password" in page.text


def test_a_workbook_named_otherwise_is_judged_by_its_bytes(client, fake_core, good_workbook):
    answer = client.post("/api/generate", files=upload(good_workbook, "report.csv"))
    assert answer.status_code == 200


def test_no_file_chosen(client, fake_core):
    page = client.post("/generate", files={"workbook": ("", b"", "application/octet-stream")})
    assert page.status_code == 400
    assert "Select the workbook you filled in" in page.text
    page = client.post("/generate", data={"nothing": "here"})
    assert page.status_code == 400


def test_a_template_that_is_not_a_word_document_is_refused(client, fake_core, good_workbook):
    files = {**upload(good_workbook), "template": ("t.docx", b"plain text", "text/plain")}
    page = client.post("/generate", files=files)
    assert page.status_code == 400
    assert '<a href="#template">The selected template is not a Word document' in page.text
    assert fake_core.calls == []


def test_a_good_template_reaches_the_core(client, fake_core, good_workbook):
    template = zip_bytes({"word/document.xml": b"<w:document/>"})
    files = {**upload(good_workbook), "template": ("mine.docx", template, "application/zip")}
    assert client.post("/api/generate", files=files).status_code == 200
    (call,) = fake_core.calls
    assert call["template"].name == "template.docx"


def test_malformed_multipart_is_refused(client, fake_core):
    answer = client.post(
        "/api/generate",
        content=b"--x\r\nnot a header\r\n",
        headers={"Content-Type": "multipart/form-data"},
    )
    assert answer.status_code == 400
    assert "could not be read" in answer.json()["fields"]["workbook"]
