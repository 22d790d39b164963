"""Keeping results: random tokens, strict lookup, and removal by age and by count."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from docgen.exceptions import Problem
from docgen.web.results import TOKEN_PATTERN, ResultStore


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
