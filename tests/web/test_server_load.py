"""The Generate page under load and abuse: every request answered correctly, hostile uploads
bounded by the workers, the server up, a normal report still quick, nothing left behind."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import openpyxl
import pytest
from tests.support.web import (
    EXAMPLE,
    ThreadServer,
    free_port,
    hostile_template,
    server_environment,
    wait_until_answering,
    zip_bytes,
)

import docgen.web.uploads as uploads
from docgen.web import create_app

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MINIMAL = ROOT / "examples" / "minimal" / "minimal.xlsx"
NESTED_LOOPS = ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                "{% endfor %}")


@pytest.fixture
def server(monkeypatch, app_factory):
    """A real server (in a thread) whose queue takes a flood from one client; (url, app)."""
    monkeypatch.setattr(uploads, "UPLOAD_IDLE_SECONDS", 1.0)
    app = app_factory(max_upload_mb=1, max_queue=60, max_queue_per_client=60,
                      results_per_client=50)
    with ThreadServer(app, limit_concurrency=200) as running:
        yield running.url, app


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
    document = httpx.get(url + good["docx"], timeout=30)
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


# -- hostile uploads against a normal author ---------------------------------------------------


def hostile_client(address: str) -> httpx.Client:
    """A client whose connections come from `address` (another loopback address), so that the
    server sees a different person."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=120)


def keep_posting(url: str, address: str, template: bytes, stop: threading.Event,
                 answers: list) -> None:
    """Post `template` with a good workbook from `address` until `stop`, noting each answer."""
    with hostile_client(address) as client:
        while not stop.is_set():
            files = {"workbook": ("w.xlsx", MINIMAL.read_bytes()),
                     "template": ("t.docx", template)}
            try:
                response = client.post(f"{url}/api/generate", files=files)
            except httpx.HTTPError as exc:
                answers.append((address, repr(exc)))
                continue
            answers.append((address, response.status_code, response.json()))
            if response.status_code == 503:
                time.sleep(0.2)


def generate_on_the_page(url: str, workbook: Path) -> float:
    """Seconds from clicking Generate to the result page, as a browser does it."""
    started = time.monotonic()
    with httpx.Client(timeout=60) as client:
        answer = client.post(f"{url}/generate", files={"workbook": (workbook.name,
                                                                    workbook.read_bytes())})
        assert answer.status_code == 303, answer.text[:500]
        page = client.get(url + answer.headers["location"])
    assert "Your report is ready" in page.text
    return time.monotonic() - started


HOSTILE_SERVER = """
from docgen.web import create_app
from docgen.web.pool import WARM, WorkerPool
from docgen.web.server import make_server

pool = WorkerPool(2, memory={memory}, warm=(*WARM, "hostile_build"))
app = create_app(pool=pool, build_seconds={seconds}, worker_memory_mb={memory} // 2**20)
make_server(app, "127.0.0.1", {port}, log_level="warning").run()
"""


@pytest.fixture
def hostile_server(tmp_path):
    """`docgen serve` in its own process, as authors run it, with two 512 MB workers, an
    8-second deadline, and `hostile_build` in the workers; its address."""
    port = free_port()
    code = HOSTILE_SERVER.format(memory=512 * 2**20, seconds=8, port=port)
    env = server_environment()
    env["PYTHONPATH"] = os.pathsep.join([env["PYTHONPATH"], str(HERE)])
    log = tmp_path / "server.log"
    with open(log, "wb") as log_file:
        process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env,
                                   stdout=log_file, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(url + "/", process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.slow
def test_a_normal_report_takes_under_2_seconds_while_hostile_uploads_run(hostile_server):
    """Four other clients keep sending hostile templates: one that hangs until the deadline,
    one that eats memory, one that kills its worker, and a real one that loops. A normal
    author's report (the example, 16 pages) is still made on the page in under 2 seconds.

    On a machine busy with other work every report is slower, and the hostile uploads' own
    work competes for the same two cores, so the bound for the median of six reports is 2
    seconds or 2.5 times the time measured just before, whichever is more; and none may take
    6 seconds, well short of the 8-second deadline a stalled report would wait behind.
    """
    url = hostile_server
    workbook = EXAMPLE if EXAMPLE.is_file() else MINIMAL
    loops = zip_bytes({"word/document.xml": b"<w:document>" + NESTED_LOOPS.encode()
                       + b"</w:document>"})
    hostile = {"127.0.0.2": hostile_template("docgen-test/sleep"),
               "127.0.0.3": hostile_template("docgen-test/hog"),
               "127.0.0.4": hostile_template("docgen-test/crash"),
               "127.0.0.5": loops}
    for _ in range(2):  # each worker's first report warms its caches
        generate_on_the_page(url, workbook)
    calm = statistics.median(generate_on_the_page(url, workbook) for _ in range(3))
    stop, answers = threading.Event(), []
    threads = [threading.Thread(target=keep_posting, args=(url, address, body, stop, answers))
               for address, body in hostile.items()]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1.0)  # let the hostile uploads take hold
        times = [generate_on_the_page(url, workbook) for _ in range(6)]
    finally:
        stop.set()
        for thread in threads:
            thread.join(60)
    bound = max(2.0, 2.5 * calm)
    print(f"normal report: {calm:.2f} s alone; with hostile uploads:",
          ", ".join(f"{t:.2f}" for t in times))
    assert statistics.median(times) < bound, (calm, times)
    assert max(times) < 6.0, (calm, times)
    statuses = {address: {a[1] for a in answers if a[0] == address} for address in hostile}
    assert statuses["127.0.0.2"] <= {422, 503}, answers  # stopped at the deadline, or queued
    assert statuses["127.0.0.3"] <= {422, 503}, answers  # stopped at the memory limit
    assert statuses["127.0.0.4"] <= {500, 503}, answers  # its worker crashed
    assert statuses["127.0.0.5"] <= {422, 503}, answers  # the loop budget stopped it
    assert all(statuses.values()), answers  # every hostile client was answered
