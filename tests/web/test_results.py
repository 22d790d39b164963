"""Keeping results: random tokens, strict lookup, removal by age, by count and per client, on a
timer, and a killed server's leftovers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docgen.exceptions import Problem
from docgen.web.results import TOKEN_PATTERN, ResultStore, remove_stale_roots


@pytest.fixture
def store(tmp_path: Path) -> ResultStore:
    return ResultStore(tmp_path / "root", max_results=2, lifetime=60)


def keep_one(store: ResultStore, text: str = "report") -> object:
    source = store.work_root / f"{text}.docx"
    source.write_text(text)
    return store.keep({"report.docx": source}, title=text, warnings=[], previews=[], page_count=0)


def test_a_kept_result_is_found_by_its_token_only(store):
    result = keep_one(store)
    assert TOKEN_PATTERN.fullmatch(result.token)
    assert store.get(result.token) is result
    assert result.path("report.docx").read_text() == "report"
    assert result.path("report.docx").parent == store.results_root / result.token
    assert result.path("../report.docx") is None
    assert store.get("../" + result.token) is None
    assert store.get(result.token.lower() + "x") is None


def test_tokens_are_random(store):
    assert keep_one(store, "a").token != keep_one(store, "b").token


def test_only_the_newest_results_are_kept(store):
    first, second, third = (keep_one(store, name) for name in ("a", "b", "c"))
    assert store.get(first.token) is None
    assert not first.folder.exists()
    assert store.get(second.token) and store.get(third.token)
    assert len(store) == 2


def test_results_expire(tmp_path, monkeypatch):
    store = ResultStore(tmp_path / "root", lifetime=60)
    result = keep_one(store)
    later = time.monotonic() + 61
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert store.get(result.token) is None
    assert not result.folder.exists()


def test_warnings_are_kept_with_the_result(store):
    source = store.work_root / "r.docx"
    source.write_text("x")
    warning = Problem("warning", "check this", "Measures", "C3")
    result = store.keep(
        {"report.docx": source}, title="r", warnings=[warning], previews=[], page_count=0
    )
    assert store.get(result.token).warnings == [warning]


def test_close_removes_everything(store):
    keep_one(store)
    store.close()
    assert not store.root.exists()


def keep_for(store: ResultStore, client: str, text: str = "report") -> object:
    source = store.work_root / f"{text}.docx"
    source.write_text(text)
    return store.keep({"report.docx": source}, title=text, warnings=[], previews=[],
                      page_count=0, client=client)


def test_one_client_cannot_push_out_everyone_elses_results(tmp_path):
    store = ResultStore(tmp_path / "root", max_results=10, per_client=3, lifetime=3600)
    others = [keep_for(store, f"10.0.0.{n}", f"other-{n}") for n in range(4)]
    flood = [keep_for(store, "10.0.0.99", f"flood-{n}") for n in range(50)]
    assert all(store.get(result.token) for result in others)
    kept = [result for result in flood if store.get(result.token)]
    assert kept == flood[-3:]  # the flooding client's oldest went first
    assert not flood[0].folder.exists()


def test_past_the_overall_limit_the_busiest_clients_oldest_goes(tmp_path):
    store = ResultStore(tmp_path / "root", max_results=4, per_client=3, lifetime=3600)
    quiet = keep_for(store, "quiet")
    busy = [keep_for(store, "busy", f"b{n}") for n in range(3)]
    newcomer = keep_for(store, "new")
    assert store.get(quiet.token) and store.get(newcomer.token)
    assert store.get(busy[0].token) is None
    assert store.get(busy[1].token) and store.get(busy[2].token)


def test_kept_uploads_are_found_only_by_their_own_client(tmp_path):
    store = ResultStore(tmp_path / "root")
    saved = store.work_root / "workbook.xlsx"
    saved.write_bytes(b"PK")
    kept = store.keep_uploads({"workbook": saved}, {"workbook": "Q3.xlsx"}, "10.0.0.1")
    assert store.kept_uploads(kept.token, "10.0.0.1") is kept
    assert kept.files["workbook"].read_bytes() == b"PK"
    assert store.kept_uploads(kept.token, "10.0.0.2") is None
    assert store.kept_uploads("", "10.0.0.1") is None
    assert store.kept_uploads("../" + kept.token, "10.0.0.1") is None


def test_expired_results_are_removed_on_a_timer_without_any_request(app_factory, tmp_path):
    from fastapi.testclient import TestClient
    from tests.support.web import InlinePool

    app = app_factory(pool=InlinePool(), result_lifetime=0.3, purge_interval=0.1)
    with TestClient(app):
        result = keep_one(app.state.store)
        assert result.folder.exists()
        deadline = time.monotonic() + 5
        while result.folder.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not result.folder.exists()
        assert len(app.state.store) == 0


# -- a killed server's leftovers ---------------------------------------------------------------


def leftover(parent: Path, name: str, *, owner: str | None, age: float) -> Path:
    """A folder like a server's root, `age` seconds old, with the given owner record."""
    root = parent / name
    (root / "results" / "abc").mkdir(parents=True)
    (root / "results" / "abc" / "report.docx").write_text("x")
    if owner is not None:
        (root / "owner").write_text(owner)
    then = time.time() - age
    for path in [*root.rglob("*"), root]:
        os.utime(path, (then, then))
    return root


def dead_pid() -> int:
    """The id of a process that has just ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_killed_servers_folder_is_removed_at_start_up(tmp_path):
    killed = leftover(tmp_path, "docgen-web-killed", owner=f"{dead_pid()} 1", age=7200)
    running = leftover(tmp_path, "docgen-web-running", owner=f"{os.getpid()} ", age=7200)
    young = leftover(tmp_path, "docgen-web-young", owner=f"{dead_pid()} 1", age=60)
    legacy = leftover(tmp_path, "docgen-web-legacy", owner=None, age=7200)
    recent_legacy = leftover(tmp_path, "docgen-web-busy", owner=None, age=7200)
    (recent_legacy / "results" / "abc" / "report.docx").write_text("just now")
    unrelated = leftover(tmp_path, "someone-else", owner=f"{dead_pid()} 1", age=7200)
    (tmp_path / "docgen-web-link").symlink_to(unrelated)

    removed = remove_stale_roots(tmp_path, lifetime=3600)

    assert sorted(removed) == sorted([killed, legacy])
    assert not killed.exists() and not legacy.exists()
    assert running.exists() and young.exists() and recent_legacy.exists()
    assert unrelated.exists() and (tmp_path / "docgen-web-link").is_symlink()


def test_a_reused_pid_does_not_keep_a_folder(tmp_path):
    reused = leftover(tmp_path, "docgen-web-reused", owner=f"{os.getpid()} 1", age=7200)
    assert remove_stale_roots(tmp_path, lifetime=3600) == [reused]


def test_a_new_store_records_its_owner(tmp_path):
    store = ResultStore(tmp_path / "docgen-web-new")
    pid, _, started = (store.root / "owner").read_text().strip().partition(" ")
    assert int(pid) == os.getpid() and started
    assert remove_stale_roots(tmp_path, lifetime=0) == []
