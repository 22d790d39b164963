"""The Generate page over the real core, in real worker processes: the example workbook in, a
real report out."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from tests.support.web import ROOT, TITLE_TEXT, docx_text, pdf_text, upload

pytestmark = pytest.mark.usefixtures("real_api")


def test_the_example_makes_a_report_to_download_and_preview(real_client, example_workbook):
    answer = real_client.post("/generate", files=upload(example_workbook), follow_redirects=False)
    assert answer.status_code == 303, answer.text
    result_url = answer.headers["location"]
    page = real_client.get(result_url)
    assert "Your report is ready" in page.text
    assert "<title>Quarterly Report: ready to download" in page.text  # the report's own title
    assert 'alt="Page 1 of' in page.text

    report = real_client.get(f"{result_url}/report.docx")
    assert 'filename="quarterly-report-2019-11.docx"' in report.headers["content-disposition"]
    assert TITLE_TEXT in docx_text(report.content)

    pdf = real_client.get(f"{result_url}/report.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert TITLE_TEXT in pdf_text(pdf.content)

    image = real_client.get(f"{result_url}/page-1.png")
    assert image.content.startswith(b"\x89PNG")


def test_the_json_endpoint_answers_with_download_urls(real_client, example_workbook):
    answer = real_client.post("/api/generate", files=upload(example_workbook))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["ok"] is True
    assert all(p["severity"] == "warning" for p in body["problems"])
    assert TITLE_TEXT in docx_text(real_client.get(body["docx"]).content)
    assert TITLE_TEXT in pdf_text(real_client.get(body["pdf"]).content)
    assert 1 <= len(body["pages"]) <= body["page_count"]


def test_a_text_value_in_a_number_cell_is_shown_by_sheet_and_cell(real_client, broken_workbook):
    workbook, location = broken_workbook
    page = real_client.post("/generate", files=upload(workbook))
    assert page.status_code == 422
    assert "There is a problem" in page.text
    assert f"<code>{location}</code>" in page.text
    sheet, cell = location.split("!")
    assert f"{sheet}, cell {cell}:" in page.text
    assert not any(real_client.app.state.store.results_root.iterdir())


def test_check_lists_the_problems_without_making_anything(real_client, broken_workbook):
    workbook, location = broken_workbook
    answer = real_client.post("/api/check", files=upload(workbook))
    assert answer.status_code == 422
    assert location in [p["location"] for p in answer.json()["problems"]]
    assert "result" not in answer.json()


@pytest.mark.slow
def test_eight_generations_at_once_all_succeed(app_factory, example_workbook):
    from fastapi.testclient import TestClient

    files = upload(example_workbook)
    app = app_factory(max_queue_per_client=8, results_per_client=8)
    with TestClient(app) as client:

        def generate(_: int) -> dict:
            answer = client.post("/api/generate", files=files)
            assert answer.status_code == 200, answer.text
            return answer.json()

        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(generate, range(8)))

        assert len({body["result"] for body in results}) == 8
        for body in results:
            assert TITLE_TEXT in pdf_text(client.get(body["pdf"]).content)
            assert TITLE_TEXT in docx_text(client.get(body["docx"]).content)
        assert list(app.state.store.work_root.iterdir()) == []


def test_temporary_folders_are_removed(app_factory, example_workbook, broken_workbook):
    from fastapi.testclient import TestClient

    app = app_factory(max_results=1)
    store = app.state.store
    with TestClient(app) as client:
        first = client.post("/api/generate", files=upload(example_workbook)).json()
        client.post("/api/generate", files=upload(broken_workbook[0]))
        second = client.post("/api/generate", files=upload(example_workbook)).json()
        assert list(store.work_root.iterdir()) == []
        assert len(list(store.results_root.iterdir())) == 1
        assert client.get(first["docx"]).status_code == 404
        assert client.get(second["docx"]).status_code == 200
    assert not store.root.exists()


def test_the_blank_workbook_opens_in_excel_terms(real_client):
    import openpyxl

    answer = real_client.get("/downloads/blank-workbook.xlsx")
    assert answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert "Measures" in book.sheetnames


def test_a_restyled_template_is_used(real_client, example_workbook):
    template = ROOT / "examples" / "restyled" / "template.docx"
    if not template.is_file():
        pytest.skip("examples/restyled/template.docx is not there")
    files = {**upload(example_workbook), **upload(template, field="template")}
    answer = real_client.post("/api/generate", files=files)
    assert answer.status_code == 200, answer.text
    assert TITLE_TEXT in docx_text(real_client.get(answer.json()["docx"]).content)
