"""After a failed attempt the files are kept a while: the author chooses again only the file
they fixed. Kept files are found only by their token, and only from the same address."""

from __future__ import annotations

import html
import re

from tests.support.web import small_workbook, upload, zip_bytes

TEMPLATE = zip_bytes({"word/document.xml": b"<w:document/>"})


def kept_token(html: str) -> str:
    """The token of the kept files in a page's form."""
    (token,) = re.findall(r'<input type="hidden" name="kept" value="([^"]+)">', html)
    return token


def test_after_an_error_the_page_keeps_both_files(client, fake_core, bad_workbook):
    files = {**upload(bad_workbook, "Q3 report.xlsx"),
             "template": ("Our template.docx", TEMPLATE, "application/zip")}
    page = client.post("/generate", files=files)
    assert page.status_code == 422
    assert kept_token(page.text)
    assert "You uploaded ‘Q3 report.xlsx’" in page.text
    assert "You uploaded ‘Our template.docx’" in page.text
    assert "Use the standard template instead" in page.text


def test_fixing_the_workbook_reuses_the_kept_template(client, fake_core, monkeypatch,
                                                      bad_workbook, good_workbook):
    from docgen import api

    seen = []

    def build(workbook, *, template=None, **options):
        seen.append((workbook.read_bytes(), template.read_bytes() if template else None))
        return fake_core.build(workbook, template=template, **options)

    monkeypatch.setattr(api, "build", build)
    files = {**upload(bad_workbook), "template": ("mine.docx", TEMPLATE, "application/zip")}
    token = kept_token(client.post("/generate", files=files).text)
    answer = client.post("/generate", files=upload(good_workbook), data={"kept": token},
                         follow_redirects=False)
    assert answer.status_code == 303
    assert seen[-1] == (good_workbook.read_bytes(), TEMPLATE)
    assert client.app.state.store.kept_uploads(token, "testclient") is None  # done with it


def test_fixing_the_template_reuses_the_kept_workbook(client, monkeypatch, good_workbook):
    from docgen import api
    from docgen.exceptions import TemplateError

    def build(workbook, *, template=None, **options):
        raise TemplateError(f"the template '{template.name}' has 1 problem")

    monkeypatch.setattr(api, "build", build)
    files = {**upload(good_workbook, "Budget.xlsx"),
             "template": ("Fancy.docx", TEMPLATE, "application/zip")}
    page = client.post("/generate", files=files)
    assert ("The Word template cannot be used: the template 'Fancy.docx' has 1 problem"
            in html.unescape(page.text))
    token = kept_token(page.text)

    seen = []
    monkeypatch.setattr(api, "build", lambda workbook, **options: seen.append(
        (workbook.read_bytes(), options["template"])) or build(workbook, **options))
    page = client.post("/generate", data={"kept": token, "standard_template": "yes"},
                       files={"template": ("", b"", "application/octet-stream")})
    # The kept workbook, and the server's private read-only copy of the standard template.
    assert seen == [(good_workbook.read_bytes(), client.app.state.standard_template)]
    assert "You uploaded ‘Budget.xlsx’" in page.text


def test_a_refused_template_does_not_lose_the_good_workbook(client, fake_core, good_workbook):
    files = {**upload(good_workbook, "Budget.xlsx"),
             "template": ("t.docx", b"plain text", "text/plain")}
    page = client.post("/generate", files=files)
    assert page.status_code == 400
    assert "You uploaded ‘Budget.xlsx’" in page.text
    answer = client.post("/generate", data={"kept": kept_token(page.text)},
                         files={"template": ("", b"", "application/octet-stream")},
                         follow_redirects=False)
    assert answer.status_code == 303


def test_kept_files_are_not_given_to_another_address(client, fake_core, bad_workbook):
    from fastapi.testclient import TestClient

    token = kept_token(client.post("/generate", files=upload(bad_workbook)).text)
    with TestClient(client.app, client=("10.1.2.3", 50000)) as stranger:
        page = stranger.post("/generate", data={"kept": token},
                             files={"template": ("", b"", "application/octet-stream")})
    assert page.status_code == 400
    assert "Select the workbook you filled in" in page.text


def test_the_json_api_keeps_nothing(client, fake_core, bad_workbook):
    client.post("/api/generate", files=upload(bad_workbook))
    assert len(client.app.state.store.uploads) == 0


def test_kept_files_expire(app_factory, fake_core, bad_workbook, tmp_path):
    import time

    from fastapi.testclient import TestClient
    from tests.support.web import InlinePool

    app = app_factory(pool=InlinePool(), kept_upload_lifetime=0.2)
    with TestClient(app) as client:
        token = kept_token(client.post("/generate", files=upload(bad_workbook)).text)
        time.sleep(0.3)
        page = client.post("/generate", data={"kept": token},
                           files={"template": ("", b"", "application/octet-stream")})
        assert "Select the workbook you filled in" in page.text
        assert not list((app.state.store.root / "kept").iterdir())
    small_workbook(tmp_path / "unused.xlsx")
