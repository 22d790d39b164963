"""The JSON endpoints, with the core replaced by a stand-in."""

from __future__ import annotations

from web_support import upload


def test_generate_answers_with_absolute_download_urls(client, fake_core, good_workbook):
    body = client.post("/api/generate", files=upload(good_workbook)).json()
    assert body["ok"] is True
    assert body["docx"].startswith("http://testserver/results/")
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
