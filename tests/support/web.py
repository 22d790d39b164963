"""Helpers for the web tests: workbooks and documents made in the test, a stand-in core."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from docgen import api
from docgen.exceptions import DocgenError, Problem, WorkbookError
from docgen.isolation import WorkerFault

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "inputs" / "quarterly-report-2019-11.xlsx"
TITLE_TEXT = "STRATEGIC SCRUTINY MEETING"
LIVE_MAX_UPLOAD_MB = 5  # for the `docgen serve` the browser tests use
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def make_broken_workbook(example: Path, target: Path) -> tuple[Path, str]:
    """Copy `example` to `target`, putting "n/a" in the first Measures "Previous" value."""
    import openpyxl

    book = openpyxl.load_workbook(example)
    sheet = book["Measures"]
    headers = {str(c.value).strip(): c.column for c in sheet[1] if c.value is not None}
    column = headers.get("Previous") or headers["Current"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column).value is not None)
    cell = sheet.cell(row, column)
    cell.value = "n/a"
    book.save(target)
    return target, f"Measures!{cell.coordinate}"


def fake_docx(path: Path, text: str) -> None:
    """A one-paragraph Word document."""
    document = docx.Document()
    document.add_paragraph(text)
    document.save(path)


def fake_pdf(path: Path, text: str, pages: int = 2) -> None:
    """A PDF of `pages` A4 pages, each showing `text`."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        pdf.drawString(72, 760, f"{text} - page {number}")
        pdf.showPage()
    pdf.save()


def fake_problems(workbook: Path) -> list[Problem]:
    """Errors for every "n/a" cell and a warning for every "check" cell of the workbook."""
    import openpyxl

    problems = []
    for sheet in openpyxl.load_workbook(workbook, read_only=True).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == "n/a":
                    problems.append(
                        Problem(
                            "error",
                            "enter a number, for example 155255",
                            sheet.title,
                            cell.coordinate,
                        )
                    )
                elif cell.value == "check":
                    problems.append(
                        Problem("warning", "check this value", sheet.title, cell.coordinate)
                    )
    return problems


class FakeCore:
    """Stands in for `docgen.api.build` and `check`; records the calls it gets."""

    def __init__(self, pages: int = 2):
        self.pages = pages
        self.calls: list[dict] = []

    def check(self, workbook, *, template=None) -> list[Problem]:
        self.calls.append({"check": Path(workbook), "template": template})
        return fake_problems(Path(workbook))

    def build(self, workbook, *, template=None, outdir="out", pdf=False, pdf_engine="docgen",
              isolate=False):
        self.calls.append({"build": Path(workbook), "template": template, "pdf": pdf,
                           "isolate": isolate})
        problems = fake_problems(Path(workbook))
        if any(p.severity == "error" for p in problems):
            raise WorkbookError("the workbook has errors", problems)
        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        docx_path = outdir / f"{Path(workbook).stem}.docx"
        fake_docx(docx_path, TITLE_TEXT)
        pdf_path = None
        if pdf:
            pdf_path = outdir / f"{Path(workbook).stem}.pdf"
            fake_pdf(pdf_path, TITLE_TEXT, self.pages)
        return api.BuildResult(
            docx_path, pdf_path, [p for p in problems if p.severity == "warning"]
        )


class InlinePool:
    """Stands in for the worker pool in tests of the web layer: runs each job in a thread of
    this process, so that a monkeypatched core is seen; errors come out as the real pool's do
    (a `DocgenError` as itself, anything else as `WorkerFault`)."""

    def __init__(self):
        self.jobs: list[tuple[str, tuple, str]] = []

    def start(self) -> None:
        """Nothing to start."""

    def close(self) -> None:
        """Nothing to stop."""

    def wait_ready(self, seconds: float) -> bool:
        """Always ready."""
        return True

    async def run(self, func, *args, client: str, seconds: float, follow_up: bool = False):
        from starlette.concurrency import run_in_threadpool

        self.jobs.append((func.__name__, args, client))
        return await run_in_threadpool(self._call, func, args)

    @staticmethod
    def _call(func, args):
        try:
            return func(*args)
        except DocgenError:
            raise
        except Exception as exc:
            raise WorkerFault(f"the build stopped on an unexpected error ({exc})") from None


def hostile_template(marker: str) -> bytes:
    """A Word document that `hostile_build` makes misbehave (see its description)."""
    return zip_bytes({"word/document.xml": b"<w:document/>", marker: b"x"})


def small_workbook(path: Path, value: object = 1) -> Path:
    """A tiny real .xlsx with a Measures sheet whose B2 holds `value`."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Measures"
    sheet["A1"], sheet["B1"], sheet["A2"], sheet["B2"] = "Measure", "Previous", "Crime", value
    book.save(path)
    return path


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip package holding `members`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(path: Path, name: str | None = None, field: str = "workbook") -> dict:
    """The `files=` argument posting `path` as `field`."""
    return {field: (name or path.name, path.read_bytes(), XLSX)}


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a .docx, as text."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


# -- `docgen serve` in a subprocess ---------------------------------------------------------


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment() -> dict[str, str]:
    """The environment for the server: this one, with src/ importable from a checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


def serve_command(port: int) -> list[str]:
    """`python -m docgen serve`, or the web package's serve() where the CLI lacks it.

    The server refuses uploads over `LIVE_MAX_UPLOAD_MB`.
    """
    help_run = subprocess.run(
        [sys.executable, "-m", "docgen", "serve", "--help"],
        env=server_environment(),
        capture_output=True,
        timeout=60,
    )
    if help_run.returncode == 0:
        return [
            *(sys.executable, "-m", "docgen", "serve", "--port", str(port)),
            *("--max-upload-mb", f"{LIVE_MAX_UPLOAD_MB:g}"),
        ]
    code = f"from docgen.web import serve; serve(port={port}, max_upload_mb={LIVE_MAX_UPLOAD_MB})"
    return [sys.executable, "-c", code]


def wait_until_answering(url: str, server: subprocess.Popen, log: Path) -> None:
    """Poll `url` until it answers 200; fail with the server's log if it dies or stalls."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"docgen serve exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"docgen serve did not answer at {url}:\n{log.read_text()}")


# -- a server in a thread of the test ---------------------------------------------------------


class ThreadServer:
    """`docgen.web.server.make_server(app, …)` on a free loopback port, in a thread."""

    def __init__(self, app, **options):
        import threading

        from docgen.web.server import make_server

        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = make_server(app, "127.0.0.1", self.port, log_level="warning", **options)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ThreadServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.server.started, "the server did not start"
        assert self.app.state.pool.wait_ready(60), "the workers did not start"
        return self

    def __exit__(self, *exc_info) -> None:
        self.server.should_exit = True
        self.thread.join(30)
