"""The JSON endpoints, with the core replaced by a stand-in."""

from __future__ import annotations

from tests.support.web import upload


def test_generate_answers_with_relative_download_links(client, fake_core, good_workbook):
    body = client.post("/api/generate", files=upload(good_workbook)).json()
    assert body["ok"] is True
    assert body["docx"].startswith("/results/")
    assert body["docx"].endswith("/report.docx")
    assert body["pdf"].endswith("/report.pdf")
    assert len(body["pages"]) == body["page_count"] == 2
    assert client.get(body["result"]).status_code == 200


def test_generate_answers_problems_as_dicts(client, fake_core, bad_workbook):
    answer = client.post("/api/generate", files=upload(bad_workbook))
    assert answer.status_code == 422
    body = answer.json()
    assert body["ok"] is False
    assert body["problems"] == [
        {
            "severity": "error",
            "sheet": "Measures",
            "cell": "B2",
            "location": "Measures!B2",
            "message": "enter a number, for example 155255",
        }
    ]
    assert "docx" not in body


def test_check_makes_nothing(client, fake_core, good_workbook, bad_workbook):
    assert client.post("/api/check", files=upload(good_workbook)).json()["ok"] is True
    answer = client.post("/api/check", files=upload(bad_workbook))
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["location"] == "Measures!B2"
    assert all("check" in call for call in fake_core.calls)
    assert list(client.app.state.store.results_root.iterdir()) == []


def test_the_host_header_is_never_echoed(client, fake_core, good_workbook):
    answer = client.post("/api/generate", files=upload(good_workbook),
                         headers={"Host": "attacker.example"})
    assert answer.status_code == 200
    assert "attacker.example" not in answer.text


def test_a_fault_in_docgen_answers_json_not_html(app_factory, fake_core, monkeypatch,
                                                 good_workbook):
    from fastapi.testclient import TestClient
    from tests.support.web import InlinePool

    from docgen.web import generate

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the web layer")

    monkeypatch.setattr(generate.Attempt, "keep_result", broken)
    with TestClient(app_factory(pool=InlinePool()), raise_server_exceptions=False) as client:
        answer = client.post("/api/generate", files=upload(good_workbook))
    assert answer.status_code == 500
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert body["ok"] is False
    assert "something unexpected went wrong" in body["message"]
    assert "RuntimeError" not in answer.text and "bug" not in answer.text


def test_a_busy_server_answers_503_with_a_plain_message(client, monkeypatch, good_workbook):
    from docgen.web.pool import PoolBusy

    async def busy(*args, **kwargs):
        raise PoolBusy("too many reports are waiting to be made")

    monkeypatch.setattr(client.app.state.pool, "run", busy)
    answer = client.post("/api/generate", files=upload(good_workbook))
    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "30"
    assert answer.json()["message"] == (
        "The server is busy making other reports. Wait a minute, then try again")
