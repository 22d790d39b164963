"""`docgen.isolation`: how a stopped or dead worker is told apart and worded, without starting
processes (workers themselves are run in web/test_pool_isolation.py)."""

from __future__ import annotations

import importlib.util
import pickle
import signal
import sys
from types import SimpleNamespace

import pytest

from docgen import isolation
from docgen.exceptions import DocgenError, TemplateError, WorkbookError
from docgen.isolation import (
    MEMORY_NEAR_LIMIT,
    PRELOAD,
    STAGES,
    TEMPLATE_STAGES,
    BuildCrashed,
    BuildOutOfMemory,
    BuildStopped,
    BuildTimedOut,
    TemplateOutOfMemory,
    TemplateTimedOut,
    Worker,
    WorkerFault,
    memory_words,
    stage_of,
)

GB = 1024**3


@pytest.mark.parametrize(("size", "words"), [
    (2 * GB, "2 GB"), (GB, "1 GB"), (512 * 1024**2, "512 MB"), (int(1.5 * GB), "1536 MB"),
    (100 * 1024**2 + 1, "100 MB")])
def test_memory_in_an_authors_words(size, words):
    assert memory_words(size) == words


@pytest.mark.parametrize(("seconds", "words"), [(1, "1 second"), (60, "60 seconds"),
                                                (0.5, "0.5 seconds"), (1.0, "1 second")])
def test_seconds_in_words(seconds, words):
    assert isolation._seconds(seconds) == words


@pytest.mark.parametrize(("code", "words"), [
    (-signal.SIGSEGV, "signal SIGSEGV"), (-signal.SIGKILL, "signal SIGKILL"), (1, "exit code 1"),
    (None, "exit code None"), (-99, "signal 99")])
def test_how_a_process_ended_in_words(code, words):
    assert isolation._exit_words(code) == words


def test_while_names_the_stage_or_nothing():
    assert isolation._while("reading the workbook") == " while reading the workbook"
    assert isolation._while("") == ""


def frame_in(*modules: str):
    """The innermost frame of calls through functions of `modules`, outermost first."""
    call = None
    for module in reversed(modules):
        namespace = {"__name__": module, "sys": sys, "inner": call}
        exec("def here():\n    return inner() if inner else sys._getframe()\n", namespace)
        call = namespace["here"]
    return call()


def named(frame) -> str:
    index = stage_of(frame)
    return STAGES[index - 1][0] if index else ""


@pytest.mark.parametrize(("module", "stage"), [
    ("docgen.formulas", "working out a formula in the workbook"),
    ("docgen.sandbox", "filling in the Word template"),
    ("docxtpl.template", "filling in the Word template"),
    ("docgen.template_check", "checking the Word template"),
    ("docgen.accessibility", "checking the report's accessibility"),
    ("docgen.pdf.paginate", "making the PDF"),
    ("reportlab.pdfgen.canvas", "making the PDF"),
    ("docgen.web.preview", "drawing the preview pictures"),
    ("openpyxl.reader.excel", "reading the workbook"),
    ("docgen.tables", "reading the workbook"),
])
def test_what_runs_is_named_by_the_module_of_the_frame(module, stage):
    assert named(frame_in(module)) == stage


@pytest.mark.parametrize("module", ["docgen.pdfx", "docgen.pdf_accessibility", "reportlabs",
                                    "docgen.cli"])
def test_a_module_only_sharing_a_prefix_names_nothing(module):
    assert named(frame_in(module)) == ""


def test_the_innermost_frame_that_names_a_stage_decides():
    # A formula worked out while the workbook is read: the formula is named.
    assert named(frame_in("docgen.report", "docgen.workbook", "docgen.formulas")) == (
        "working out a formula in the workbook")
    # lxml is used everywhere and names nothing: the caller outside it decides.
    assert named(frame_in("docgen.accessibility", "docgen.accessibility_rules", "lxml.etree")
                 ) == "checking the report's accessibility"
    assert named(frame_in("docgen.pipeline", "docgen.pdf.render", "lxml.etree")) == (
        "making the PDF")


def test_the_template_stages_are_stages():
    assert TEMPLATE_STAGES <= {stage for stage, _ in STAGES}


def test_every_module_a_worker_preloads_can_be_imported():
    assert [name for name in PRELOAD if importlib.util.find_spec(name) is None] == []


# -- the errors -----------------------------------------------------------------------------------


def test_the_errors_and_their_exit_codes():
    assert issubclass(BuildTimedOut, BuildStopped) and issubclass(BuildStopped, DocgenError)
    assert BuildStopped.exit_code == BuildTimedOut.exit_code == BuildOutOfMemory.exit_code == 2
    assert BuildCrashed.exit_code == 1 and WorkerFault.exit_code == 1
    assert issubclass(TemplateTimedOut, TemplateError)
    assert issubclass(TemplateOutOfMemory, TemplateError)
    assert not issubclass(BuildCrashed, TemplateError)
    error = BuildTimedOut("stopped", "reading the workbook")
    assert (str(error), error.stage) == ("stopped", "reading the workbook")


@pytest.mark.parametrize(("kind", "stage", "made"), [
    (BuildTimedOut, "filling in the Word template", TemplateTimedOut),
    (BuildOutOfMemory, "checking the Word template", TemplateOutOfMemory),
    (BuildTimedOut, "reading the workbook", BuildTimedOut),
    (BuildCrashed, "filling in the Word template", BuildCrashed),
    (BuildOutOfMemory, "", BuildOutOfMemory)])
def test_a_limit_met_in_the_template_blames_the_template(kind, stage, made):
    error = Worker._stopped(kind, "words", stage)
    assert type(error) is made and error.stage == stage


# -- a worker's answers, with the process stood in for ----------------------------------------


class FakeProcess:
    def __init__(self, exitcode=None, alive=False):
        self.exitcode = exitcode
        self.alive = alive
        self.killed = False

    def is_alive(self):
        return self.alive

    def kill(self):
        self.killed = True
        self.alive = False

    def join(self, timeout=None):
        pass


def worker(stage: str = "", peak: int = 0, exitcode=None, killed=False) -> Worker:
    """A Worker whose process and pipe are stand-ins."""
    made = Worker.__new__(Worker)
    index = next((i for i, (name, _) in enumerate(STAGES, 1) if name == stage), 0)
    made._shared = [index, peak]
    made.memory = 512 * 1024**2
    made.process = FakeProcess(exitcode)
    made._conn = SimpleNamespace(close=lambda: None)
    made.killed = killed
    made.retired = False
    return made


def test_the_stage_and_peak_read_from_shared_memory():
    busy = worker("making the PDF", 123)
    assert (busy.stage, busy.peak_memory) == ("making the PDF", 123)
    assert worker().stage == ""


def test_an_ok_answer_is_the_result_and_an_error_is_raised_as_itself():
    assert worker()._answer("ok", {"a": 1}) == {"a": 1}
    problem = WorkbookError("bad")
    with pytest.raises(WorkbookError) as raised:
        worker()._answer("error", problem)
    assert raised.value is problem


def test_a_memory_error_in_the_job_replaces_the_worker():
    busy = worker("reading the workbook")
    with pytest.raises(BuildOutOfMemory) as raised:
        busy._answer("memory")
    assert str(raised.value) == ("the build was stopped while reading the workbook: it needed "
                                 "more memory than the 512 MB a build may use")
    assert busy.retired


def test_a_fault_near_the_memory_limit_is_taken_as_the_memory_limit():
    busy = worker("filling in the Word template", peak=int(0.9 * 512 * 1024**2))
    with pytest.raises(TemplateOutOfMemory):
        busy._answer("fault", "MemoryError: ", "Traceback")


def test_a_fault_is_a_bug_with_its_traceback_kept(caplog):
    busy = worker("making the PDF", peak=1)
    with pytest.raises(WorkerFault) as raised:
        busy._answer("fault", "KeyError: 'x'", "Traceback (most recent call last): ...")
    assert str(raised.value) == ("the build stopped on an unexpected error while making the "
                                 "PDF (KeyError: 'x')")
    assert raised.value.details.startswith("Traceback")
    assert not busy.retired
    assert "unexpected error in a build while making the PDF" in caplog.text


def test_a_worker_killed_on_purpose_says_the_server_is_stopping():
    with pytest.raises(BuildStopped) as raised:
        worker(killed=True, exitcode=-signal.SIGKILL)._died()
    assert type(raised.value) is BuildStopped
    assert str(raised.value) == "the build was stopped: the server is stopping"


def test_a_worker_ended_by_sigxcpu_ran_out_of_processor_time():
    with pytest.raises(BuildTimedOut) as raised:
        worker("working out a formula in the workbook", exitcode=-signal.SIGXCPU)._died()
    assert str(raised.value) == ("the build was stopped while working out a formula in the "
                                 "workbook: it used more processor time than a build may")


def test_a_worker_that_died_near_its_memory_limit_ran_out_of_memory():
    with pytest.raises(BuildOutOfMemory):
        worker(peak=int(MEMORY_NEAR_LIMIT * 512 * 1024**2) + 1, exitcode=-signal.SIGSEGV)._died()


def test_any_other_death_is_a_crash_naming_the_signal(caplog):
    dead = worker("making the PDF", peak=1, exitcode=-signal.SIGSEGV)
    with pytest.raises(BuildCrashed) as raised:
        dead._died()
    assert str(raised.value) == ("the build stopped unexpectedly while making the PDF: its "
                                 "worker process ended (signal SIGSEGV)")
    assert "memory" not in str(raised.value)
    assert dead.retired


# -- in the worker --------------------------------------------------------------------------------


def boom():
    raise ValueError("x" * 1000)


def test_a_job_call_becomes_a_reply():
    assert isolation._call(lambda a: a + 1, (1,)) == ("ok", 2)
    error = WorkbookError("bad")
    assert isolation._call(lambda: (_ for _ in ()).throw(error), ()) == ("error", error)
    assert isolation._call(lambda: (_ for _ in ()).throw(MemoryError()), ()) == ("memory",)
    kind, words, details = isolation._call(boom, ())
    assert kind == "fault" and words.startswith("ValueError: xxx") and len(words) == 300
    assert "in boom" in details


def test_a_reply_that_cannot_be_pickled_becomes_a_fault():
    sent = []

    class Conn:
        def send(self, reply):
            pickle.dumps(reply)
            sent.append(reply)

    isolation._reply(Conn(), ("ok", lambda: None))
    (reply,) = sent
    assert reply[0] == "fault" and reply[1].startswith("the result could not be sent back")


def test_a_reply_to_a_server_that_is_gone_is_dropped():
    class Gone:
        def send(self, reply):
            raise BrokenPipeError

    isolation._reply(Gone(), ("ok", 1))  # no exception: the worker just goes on
