"""Worker processes (`docgen.isolation`) as the Generate page uses them: each limit is told
apart from the others and from a crash, and says what was running."""

from __future__ import annotations

import time
from pathlib import Path

import hostile_jobs
import pytest

from docgen.exceptions import DocgenError, TemplateError, WorkbookError
from docgen.isolation import (
    BuildCrashed,
    BuildOutOfMemory,
    BuildTimedOut,
    TemplateTimedOut,
    Worker,
    WorkerFault,
    run_isolated,
    stage_of,
)

MEMORY = 512 * 1024**2
ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "examples" / "minimal" / "minimal.xlsx"


@pytest.fixture
def worker():
    """A ready worker with 512 MB, stopped after the test."""
    started = Worker(memory=MEMORY, warm=("docgen.api", "hostile_jobs"))
    started.wait_ready()
    yield started
    started.close()


def test_a_job_returns_its_result_and_the_worker_is_reused(worker):
    first = worker.run(hostile_jobs.pid, seconds=10)
    assert worker.run(hostile_jobs.echo, ({"a": [1, 2]},), seconds=10) == {"a": [1, 2]}
    assert worker.run(hostile_jobs.pid, seconds=10) == first
    assert worker.usable


def test_a_docgen_error_comes_back_as_itself(worker):
    with pytest.raises(WorkbookError) as info:
        worker.run(hostile_jobs.workbook_error, seconds=10)
    assert [str(p) for p in info.value.problems] == ["Measures!C3: enter a number"]
    assert worker.usable  # an error in the input is no reason to replace the worker


def test_a_timeout_is_a_timeout_and_neutral_when_nothing_is_known(worker):
    started = time.monotonic()
    with pytest.raises(BuildTimedOut) as info:
        worker.run(hostile_jobs.sleep, seconds=1)
    assert time.monotonic() - started < 5
    assert not isinstance(info.value, TemplateError)
    assert str(info.value) == ("the build was stopped after 1 second: it took longer than the "
                               "1 second a build may take")
    assert not worker.usable  # killed: the pool starts another


def test_a_timeout_in_a_workbook_formula_names_the_formula_not_the_template(worker):
    with pytest.raises(BuildTimedOut) as info:
        worker.run(hostile_jobs.sleep_in, ("docgen.formulas",), seconds=1)
    assert not isinstance(info.value, TemplateError)
    assert info.value.stage == "working out a formula in the workbook"
    assert "while working out a formula in the workbook" in str(info.value)
    assert "template" not in str(info.value)


def test_a_timeout_while_filling_in_the_template_is_a_template_error(worker):
    with pytest.raises(TemplateTimedOut) as info:
        worker.run(hostile_jobs.sleep_in, ("docgen.sandbox",), seconds=1)
    assert isinstance(info.value, TemplateError)
    assert "while filling in the Word template" in str(info.value)


def test_processor_time_is_limited_apart_from_wall_time(worker):
    with pytest.raises(BuildTimedOut, match="more processor time"):
        worker.run(hostile_jobs.spin, seconds=30, cpu_seconds=1)


def test_the_memory_limit_is_told_from_a_crash(worker):
    started = time.monotonic()
    with pytest.raises(BuildOutOfMemory, match="more memory than the 512 MB"):
        worker.run(hostile_jobs.hog, seconds=30)
    assert time.monotonic() - started < 10
    assert not worker.usable  # replaced rather than trusted again


def test_a_crash_is_a_crash_not_out_of_memory():
    worker = Worker(memory=MEMORY, warm=("hostile_jobs",))
    worker.wait_ready()
    with pytest.raises(BuildCrashed, match="SIGABRT") as info:
        worker.run(hostile_jobs.crash, seconds=10)
    worker.close()
    assert not isinstance(info.value, BuildOutOfMemory)
    assert "memory" not in str(info.value)


def test_a_bug_is_a_fault_with_its_traceback_kept_for_the_log(worker, caplog):
    with pytest.raises(WorkerFault) as info:
        worker.run(hostile_jobs.bug, seconds=10)
    assert "TypeError: no loader" in str(info.value)
    assert 'raise TypeError("no loader for this kind of thing")' in info.value.details
    assert "Traceback" in caplog.text
    assert worker.usable


def test_what_runs_is_judged_from_the_innermost_docgen_frame():
    namespace = {"__name__": "docgen.formulas", "sys": __import__("sys")}
    exec("def here():\n    return sys._getframe()\n", namespace)
    frame = namespace["here"]()
    assert stage_of(frame) == 1  # formulas, though the test module calls it
    assert stage_of(None) == 0


def test_run_isolated_builds_and_passes_problems_back(tmp_path, real_api):
    result = run_isolated({"workbook": MINIMAL, "outdir": tmp_path, "pdf": False})
    assert result.docx.is_file()
    with pytest.raises(DocgenError):
        run_isolated({"workbook": tmp_path / "missing.xlsx", "outdir": tmp_path})


def test_run_isolated_stops_a_real_template_that_loops_long(tmp_path, real_api):
    """A loop inside the template's budget that still takes too long: the deadline names it."""
    from docx import Document

    document = Document()
    document.add_paragraph("{% for i in range(900000) %}{{ i }}{% endfor %}")
    template = tmp_path / "slow.docx"
    document.save(template)
    with pytest.raises(TemplateTimedOut, match="stopped after 1 second while filling in"):
        run_isolated({"workbook": MINIMAL, "template": template, "outdir": tmp_path / "out"},
                     seconds=1)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
