"""The Generate page under load and abuse (issue 7): every request answered correctly, the
server stays up, and no temporary file is left behind."""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import openpyxl
import pytest
import uvicorn
from web_support import free_port

import docgen.web.uploads as uploads
from docgen.web import create_app

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "examples" / "minimal" / "minimal.xlsx"


@pytest.fixture
def server(monkeypatch):
    """A real uvicorn server on a free loopback port, in a thread; yields (url, app)."""
    monkeypatch.setattr(uploads, "UPLOAD_IDLE_SECONDS", 1.0)
    app = create_app(max_upload_mb=1)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error",
                                           limit_concurrency=200))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}", app
    server.should_exit = True
    thread.join(20)


@pytest.fixture
def bodies(tmp_path):
    broken = openpyxl.load_workbook(MINIMAL)
    broken["Measures"]["E3"] = "n/a"
    broken.save(tmp_path / "broken.xlsx")
    return {
        "good": MINIMAL.read_bytes(),
        "bad": (tmp_path / "broken.xlsx").read_bytes(),
        "csv": b"Measure,Previous,Current\nAll crime,1,2\n",
        "huge": b"PK\x03\x04" + b"\0" * (2 * 1024 * 1024),
    }


EXPECTED = {"good": 200, "bad": 422, "csv": 400, "huge": 413}


def post(url: str, kind: str, body: bytes) -> tuple[str, int, dict]:
    response = httpx.post(f"{url}/api/generate", timeout=180,
                          files={"workbook": (f"{kind}.xlsx", body)})
    return kind, response.status_code, response.json()


@pytest.mark.slow
def test_fifty_concurrent_requests_mixing_good_and_bad(server, bodies):
    url, app = server
    kinds = ["good"] * 16 + ["bad"] * 16 + ["csv"] * 9 + ["huge"] * 9
    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(lambda kind: post(url, kind, bodies[kind]), kinds))
    for kind, status, body in answers:
        assert status == EXPECTED[kind], (kind, body)
        if kind == "good":
            assert body["ok"] and body["docx"] and body["pdf"]
        if kind == "bad":
            assert [p["location"] for p in body["problems"]] == ["Measures!E3"]
    good = next(body for kind, _, body in answers if kind == "good")
    document = httpx.get(good["docx"], timeout=30)
    assert document.status_code == 200 and document.content.startswith(b"PK")
    assert httpx.get(url, timeout=30).status_code == 200  # still up
    assert list(app.state.store.work_root.glob("request-*")) == []


def test_a_stalled_upload_times_out_and_the_server_stays_up(server):
    url, app = server
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=15) as stalled:
        stalled.sendall(b"POST /api/generate HTTP/1.1\r\nHost: localhost\r\n"
                        b"Content-Type: multipart/form-data; boundary=xyz\r\n"
                        b"Content-Length: 500000\r\n\r\n--xyz\r\n")
        started = time.monotonic()
        answer = stalled.recv(4096)
        while b"\r\n\r\n" not in answer or answer.endswith(b"\r\n\r\n"):
            more = stalled.recv(4096)
            if not more:
                break
            answer += more
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert time.monotonic() - started < 10
    assert b"took too long" in answer or b"too long" in answer
    assert httpx.get(url, timeout=30).status_code == 200
    assert list(app.state.store.work_root.glob("request-*")) == []


def test_a_wrong_content_type_is_refused_clearly(server):
    url, _ = server
    response = httpx.post(f"{url}/api/generate", json={"workbook": "x"}, timeout=30)
    assert response.status_code == 400
    assert response.json()["ok"] is False


def test_the_work_folder_is_removed_when_the_app_stops(bodies):
    from fastapi.testclient import TestClient

    app = create_app()
    with TestClient(app) as client:
        response = client.post("/api/generate", files={"workbook": ("m.xlsx", bodies["good"])})
        assert response.status_code == 200
        root = app.state.store.work_root
        assert root.exists()
    assert not root.exists()
