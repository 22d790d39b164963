"""The HTML pages, with the core replaced by a stand-in: the web layer's own behaviour."""

from __future__ import annotations

import html
import io
import re
from urllib.parse import unquote

import docx
from tests.support.web import TITLE_TEXT, upload, zip_bytes


def test_index_has_labelled_inputs_and_one_generate_button(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    assert '<label class="label" for="workbook">Workbook</label>' in html
    assert '<label class="label" for="template">Word template</label>' in html
    assert 'enctype="multipart/form-data"' in html
    assert html.count('type="submit"') == 1
    assert ">Generate</button>" in html
    assert 'aria-live="polite"' in html
    assert 'lang="en-GB"' in html


def test_generate_redirects_to_the_result_with_downloads_and_preview(
    client, fake_core, good_workbook
):
    answer = client.post(
        "/generate", files=upload(good_workbook, "Quarterly report.xlsx"), follow_redirects=False
    )
    assert answer.status_code == 303
    result_url = answer.headers["location"]
    assert re.fullmatch(r"/results/[A-Za-z0-9_-]{22}", result_url)

    page = client.get(result_url)
    assert page.status_code == 200
    assert "Your report is ready" in page.text
    assert "Quarterly report" in page.text
    images = re.findall(r'<img src="([^"]+)"', page.text)
    assert len(images) == 2
    assert 'alt="Page 1 of 2 of the report' in page.text
    assert client.get(images[0]).content.startswith(b"\x89PNG")

    report = client.get(f"{result_url}/report.docx")
    assert report.status_code == 200
    assert "Quarterly report.docx" in unquote(report.headers["content-disposition"])
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report.content)).paragraphs)
    assert TITLE_TEXT in text
    pdf = client.get(f"{result_url}/report.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"


def test_the_core_gets_the_upload_under_a_fixed_name_in_a_private_folder(
    client, fake_core, good_workbook
):
    client.post("/generate", files=upload(good_workbook, "../../etc/passwd.xlsx"))
    (call,) = fake_core.calls
    assert call["build"].name == "workbook.xlsx"
    assert call["build"].parent.parent == client.app.state.store.work_root
    assert call["pdf"] is True


def test_errors_are_summarised_and_shown_by_sheet_and_cell(client, fake_core, bad_workbook):
    page = client.post("/generate", files=upload(bad_workbook))
    assert page.status_code == 422
    html = page.text
    assert "<title>Error: Generate a committee report" in html
    assert "There is a problem" in html
    assert '<a href="#problem-1">Measures, cell B2: enter a number, for example 155255</a>' in html
    assert '<tr id="problem-1"' in html
    assert "<code>Measures!B2</code>" in html
    assert "Sheet: Measures" in html
    assert "Nothing has been generated" in html
    assert not any(client.app.state.store.results_root.iterdir())


def test_warnings_do_not_block_and_are_shown_with_the_report(client, fake_core, tmp_path):
    from tests.support.web import small_workbook

    workbook = small_workbook(tmp_path / "warned.xlsx", "check")
    page = client.post("/generate", files=upload(workbook))
    assert page.status_code == 200
    assert "Your report is ready" in page.text
    assert "Check this warning" in page.text
    assert "<code>Measures!B2</code>" in page.text
    assert "check this value" in page.text


def test_user_data_is_escaped(client, monkeypatch, good_workbook):
    from docgen import api
    from docgen.exceptions import Problem, WorkbookError

    def build(*args, **kwargs):
        raise WorkbookError("bad", [Problem("error", "<script>alert(1)</script>", "<b>", "A1")])

    monkeypatch.setattr(api, "build", build)
    html = client.post("/generate", files=upload(good_workbook)).text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_bad_template_is_reported_against_the_template_field(client, monkeypatch, good_workbook):
    from docgen import api
    from docgen.exceptions import TemplateError

    def build(*args, **kwargs):
        raise TemplateError("unknown tag 'foo' in paragraph 3")

    monkeypatch.setattr(api, "build", build)
    template = zip_bytes({"word/document.xml": b"<w:document/>"})
    files = {**upload(good_workbook), "template": ("mine.docx", template, "application/zip")}
    page = client.post("/generate", files=files)
    assert page.status_code == 422
    assert '<a href="#template">The Word template cannot be used: unknown tag' in page.text
    assert '<details class="details" open>' in page.text


def test_an_export_failure_is_explained(client, monkeypatch, good_workbook):
    from docgen import api
    from docgen.exceptions import ExportError

    def build(*args, **kwargs):
        raise ExportError("the PDF engine ran out of memory")

    monkeypatch.setattr(api, "build", build)
    page = client.post("/generate", files=upload(good_workbook))
    assert page.status_code == 500
    assert "The report could not be made: the PDF engine ran out of memory" in page.text


def test_a_report_without_preview_still_offers_downloads(
    client, fake_core, good_workbook, monkeypatch
):
    from docgen.web import jobs

    def broken_preview(pdf, folder):
        raise RuntimeError("cannot render")

    monkeypatch.setattr(jobs, "render_preview", broken_preview)
    page = client.post("/generate", files=upload(good_workbook))
    assert "Download the PDF" in page.text
    assert "<img" not in page.text


def test_unknown_and_malformed_tokens_find_nothing(client, fake_core, good_workbook):
    answer = client.post("/generate", files=upload(good_workbook), follow_redirects=False)
    token = answer.headers["location"].rsplit("/", 1)[1]
    assert client.get("/results/" + "A" * 22).status_code == 404
    assert "Report not found" in client.get("/results/" + "A" * 22).text
    assert client.get("/results/..%2F..%2Fetc").status_code == 404
    assert client.get(f"/results/{token}/..%2F..%2Fwork").status_code == 404
    assert client.get(f"/results/{token}/report.xlsx").status_code == 404
    assert client.get(f"/results/{token}/page-9.png").status_code == 404
    assert client.get(f"/results/{token}/page-1.png").status_code == 200


def test_pages_forbid_third_party_content(client):
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_static_files_are_served(client):
    assert "--focus" in client.get("/static/docgen.css").text
    assert "Generating…" in client.get("/static/generate.js").text


def test_example_workbook_download(client, example_workbook):
    answer = client.get("/downloads/quarterly-report-2019-11.xlsx")
    assert answer.status_code == 200
    assert answer.content == example_workbook.read_bytes()
    assert "Download the example workbook" in client.get("/").text


def test_blank_workbook_download(client, monkeypatch):
    from docgen import api

    def new_workbook(path):
        path.write_bytes(zip_bytes({"xl/workbook.xml": b"<workbook/>"}))

    monkeypatch.setattr(api, "new_workbook", new_workbook)
    assert "Download a blank workbook" in client.get("/").text
    answer = client.get("/downloads/blank-workbook.xlsx")
    assert answer.status_code == 200
    assert answer.content.startswith(b"PK\x03\x04")
    assert "blank-workbook.xlsx" in answer.headers["content-disposition"]


def test_a_fault_in_a_build_is_told_in_plain_words(client, monkeypatch, good_workbook, caplog):
    from docgen import api

    def build(*args, **kwargs):
        raise TypeError("no loader for this kind of thing")

    monkeypatch.setattr(api, "build", build)
    page = client.post("/generate", files=upload(good_workbook))
    assert page.status_code == 500
    assert "something unexpected went wrong" in page.text
    assert "TypeError" not in page.text and "loader" not in page.text
    assert "internal error" not in page.text
    assert list(client.app.state.store.work_root.iterdir()) == []


def test_a_fault_in_the_page_gets_an_apology_page(app_factory, fake_core, monkeypatch,
                                                  good_workbook):
    from fastapi.testclient import TestClient
    from tests.support.web import InlinePool

    from docgen.web import generate

    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(generate.Attempt, "keep_result", broken)
    app = app_factory(pool=InlinePool())
    with TestClient(app, raise_server_exceptions=False) as client:
        page = client.post("/generate", files=upload(good_workbook))
        assert page.status_code == 500
        assert "Sorry, there is a problem with docgen" in page.text
        assert "not in your workbook" not in page.text  # it may well be the workbook
        assert "RuntimeError" not in page.text
        assert list(app.state.store.work_root.iterdir()) == []


def test_an_expired_download_link_explains_itself(client):
    page = client.get("/results/" + "A" * 22 + "/report.docx")
    assert page.status_code == 404
    assert "Report not found" in page.text


def test_pages_forbid_framing_twice(client):
    headers = client.get("/").headers
    assert headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_accented_file_names_survive_into_the_downloads(client, fake_core, good_workbook):
    answer = client.post("/generate", files=upload(good_workbook, "Q3 Réport été.xlsx"))
    result_url = re.search(r'href="(/results/[^/"]+)/report.docx"', answer.text).group(1)
    report = client.get(f"{result_url}/report.docx")
    disposition = report.headers["content-disposition"]
    assert 'filename="Q3 Report ete.docx"' in disposition
    assert "filename*=UTF-8''Q3%20R%C3%A9port%20%C3%A9t%C3%A9.docx" in disposition
    assert "Q3 Réport été" in answer.text  # the report's title falls back to the file name


def test_the_result_page_is_titled_with_the_reports_own_title(client, fake_core, monkeypatch,
                                                               good_workbook):
    from docgen import api

    def build(workbook, **options):
        built = fake_core.build(workbook, **options)
        document = docx.Document(built.docx)
        document.core_properties.title = "Strategic Scrutiny <Q3>"
        document.save(built.docx)
        return built

    monkeypatch.setattr(api, "build", build)
    page = client.post("/generate", files=upload(good_workbook, "q3-final-v2.xlsx"))
    assert "<title>Strategic Scrutiny &lt;Q3&gt;: ready to download – docgen</title>" in page.text
    assert '<h1 class="panel__title">Strategic Scrutiny &lt;Q3&gt;</h1>' in page.text
    assert "q3-final-v2" not in page.text.split("</h1>")[0]
    assert client.post("/api/generate", files=upload(good_workbook)).json()["title"] == (
        "Strategic Scrutiny <Q3>")


def test_each_preview_opens_at_full_size(client, fake_core, good_workbook):
    page = client.post("/generate", files=upload(good_workbook)).text
    links = re.findall(r'<a class="preview__link" href="([^"]+)">\s*<img src="([^"]+)"', page)
    assert len(links) == 2
    assert all(link == image and link.endswith(".png") for link, image in links)
    assert "opens at full size" in page


def test_messages_never_name_the_servers_copies(client, monkeypatch, good_workbook):
    from docgen import api
    from docgen.exceptions import Problem, WorkbookError

    def build(workbook, **options):
        raise WorkbookError("bad", [Problem("error", f"'{workbook.name}' is damaged "
                                                     f"({workbook})")])

    monkeypatch.setattr(api, "build", build)
    page = html.unescape(client.post("/generate", files=upload(good_workbook,
                                                                "Budget 2024.xlsx")).text)
    assert "'Budget 2024.xlsx' is damaged (Budget 2024.xlsx)" in page
    assert "'workbook.xlsx'" not in page
    assert "/tmp/" not in page and "request-" not in page


def test_checks_and_builds_run_in_the_worker_pool(client, fake_core, good_workbook):
    client.post("/api/check", files=upload(good_workbook))
    client.post("/api/generate", files=upload(good_workbook))
    assert [name for name, _, _ in client.app.state.pool.jobs] == [
        "check_workbook", "build_report", "draw_preview"]
    assert {who for _, _, who in client.app.state.pool.jobs} == {"testclient"}
