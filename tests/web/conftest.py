"""Fixtures for the Generate page: apps, workbooks made in the test, and a stand-in core."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if importlib.util.find_spec("docgen") is None:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

from tests.support.web import (  # noqa: E402
    EXAMPLE,
    FakeCore,
    InlinePool,
    free_port,
    make_broken_workbook,
    serve_command,
    server_environment,
    small_workbook,
    wait_until_answering,
)

from docgen import api  # noqa: E402


@pytest.fixture
def example_workbook() -> Path:
    """The example workbook from inputs/; the test is skipped while it does not exist."""
    if not EXAMPLE.is_file():
        pytest.skip(f"the example workbook {EXAMPLE.name} is not in inputs/ yet")
    return EXAMPLE


@pytest.fixture
def broken_workbook(example_workbook: Path, tmp_path: Path) -> tuple[Path, str]:
    """A copy of the example with "n/a" in a Measures value cell; returns it and the cell."""
    return make_broken_workbook(
        example_workbook, tmp_path / "measures_with_text_in_number_cell.xlsx"
    )


def real_build_available() -> str:
    """'' when `api.build` works on the example workbook, else the reason it does not."""
    if not EXAMPLE.is_file():
        return f"the example workbook {EXAMPLE.name} is not in inputs/ yet"
    try:
        api.check(EXAMPLE)
    except NotImplementedError:
        return "docgen.api.check() is not implemented yet"
    return ""


@pytest.fixture
def real_api() -> None:
    """Skip the test, saying why, while the core cannot build the example yet."""
    reason = real_build_available()
    if reason:
        pytest.skip(reason)


@pytest.fixture
def fake_core(monkeypatch: pytest.MonkeyPatch) -> FakeCore:
    """Replace the core's build() and check() with `FakeCore`."""
    core = FakeCore()
    monkeypatch.setattr(api, "build", core.build)
    monkeypatch.setattr(api, "check", core.check)
    return core


@pytest.fixture
def good_workbook(tmp_path: Path) -> Path:
    """A small valid workbook (for the stand-in core)."""
    return small_workbook(tmp_path / "good.xlsx")


@pytest.fixture
def bad_workbook(tmp_path: Path) -> Path:
    """A small workbook with "n/a" in Measures!B2 (an error for the stand-in core)."""
    return small_workbook(tmp_path / "bad.xlsx", "n/a")


@pytest.fixture
def app_factory():
    """Make apps with `create_app(**options)` (real worker pools unless `pool=` says
    otherwise); their workers are stopped and temp roots removed afterwards."""
    from docgen.web import create_app

    apps = []

    def make(**options):
        app = create_app(**options)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.state.pool.close()
        shutil.rmtree(app.state.store.root, ignore_errors=True)


@pytest.fixture
def client(app_factory):
    """A TestClient for an app whose jobs run in this process (`InlinePool`), so that a
    stand-in core is used: for the web layer's own behaviour."""
    from fastapi.testclient import TestClient

    with TestClient(app_factory(pool=InlinePool())) as test_client:
        yield test_client


@pytest.fixture
def real_client(app_factory):
    """A TestClient for a default app, with its real worker processes ready."""
    from fastapi.testclient import TestClient

    app = app_factory()
    with TestClient(app) as test_client:
        assert app.state.pool.wait_ready(60)
        yield test_client


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The address of a `docgen serve` started for these tests."""
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with open(log, "wb") as log_file:
        server = subprocess.Popen(
            serve_command(port),
            cwd=ROOT,
            env=server_environment(),
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_answering(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
