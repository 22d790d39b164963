"""`docgen.web.outcome`: how the Generate page words each way making a report can fail, and
the HTTP status of each."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.exceptions import DocgenError, ExportError, Problem, TemplateError, WorkbookError
from docgen.isolation import (
    BuildCrashed,
    BuildOutOfMemory,
    BuildTimedOut,
    TemplateOutOfMemory,
    TemplateTimedOut,
    WorkerFault,
)
from docgen.web.names import FileNames
from docgen.web.outcome import (
    BUSY,
    DEFAULT_ADVICE,
    FAULT,
    RETRY_AFTER_SECONDS,
    Outcome,
    outcome_of,
)
from docgen.web.pool import PoolBusy
from docgen.web.uploads import UploadRefused

FOLDER = Path("/tmp/docgen-web-123/req-abc")


@pytest.fixture
def names() -> FileNames:
    return FileNames(FOLDER, "Q3 report.xlsx", "house.docx")


def test_an_upload_refused_is_shown_against_its_field(names):
    outcome = outcome_of(UploadRefused("choose a workbook", field="workbook", status=400), names,
                         60)
    assert (outcome.status, outcome.field_errors) == (400, {"workbook": "choose a workbook"})
    assert outcome.failure == "" and outcome.problems == []


def test_workbook_problems_are_listed_in_the_authors_names(names):
    exc = WorkbookError("2 problems", [
        Problem("warning", "hidden sheet", "Themes"),
        Problem("error", f"'{FOLDER}/workbook.xlsx' has no Settings sheet")])
    outcome = outcome_of(exc, names, 60)
    assert outcome.status == 422
    assert [p.message for p in outcome.errors] == ["'Q3 report.xlsx' has no Settings sheet"]
    assert [p.message for p in outcome.warnings] == ["hidden sheet"]
    assert outcome.headers == {}


def test_a_busy_server_asks_to_be_tried_again(names):
    outcome = outcome_of(PoolBusy("queue full"), names, 60)
    assert (outcome.status, outcome.failure) == (503, BUSY)
    assert outcome.headers == {"Retry-After": str(RETRY_AFTER_SECONDS)}


def test_a_build_past_its_deadline_says_how_long_and_what_it_was_doing(names):
    exc = BuildTimedOut("stopped", "working out a formula in the workbook")
    outcome = outcome_of(exc, names, 45)
    assert outcome.status == 422
    assert outcome.failure == (
        "Making the report took longer than 45 seconds while working out a formula in the "
        "workbook, so it was stopped. Check the workbook's formulas: one of them may be far "
        "larger than a report needs")


def test_out_of_memory_while_reading_the_workbook(names):
    outcome = outcome_of(BuildOutOfMemory("stopped", "reading the workbook"), names, 60)
    assert outcome.status == 422
    assert outcome.failure == (
        "Making the report needed more memory than allowed while reading the workbook, so it "
        "was stopped. Check the workbook for very large sheets or tables")


def test_a_crash_without_a_known_stage_is_a_server_error_with_general_advice(names):
    outcome = outcome_of(BuildCrashed("died", ""), names, 60)
    assert outcome.status == 500
    assert outcome.failure == ("The program making the report stopped unexpectedly. "
                               f"{DEFAULT_ADVICE}")


@pytest.mark.parametrize("kind", [TemplateTimedOut, TemplateOutOfMemory])
def test_a_limit_met_in_the_template_is_shown_against_the_template(names, kind):
    outcome = outcome_of(kind("stopped", "filling in the Word template"), names, 60)
    assert outcome.status == 422 and outcome.failure == ""
    words = outcome.field_errors["template"]
    assert words.startswith("The Word template cannot be used: making the report ")
    assert words.endswith("while filling in the Word template, so it was stopped. Check the "
                          "template's tags and loops, or use the standard template")


def test_a_template_error_names_the_authors_template(names):
    exc = TemplateError(f"'{FOLDER}/template.docx' has an unknown tag {{{{ nope }}}}")
    outcome = outcome_of(exc, names, 60)
    assert outcome.field_errors == {
        "template": "The Word template cannot be used: 'house.docx' has an unknown tag "
                    "{{ nope }}"}


def test_the_standard_templates_path_is_never_shown():
    from docgen import api

    names = FileNames(FOLDER, "w.xlsx")
    outcome = outcome_of(TemplateError(f"'{api.default_template()}' is damaged"), names, 60)
    assert outcome.field_errors["template"] == ("The Word template cannot be used: the "
                                                "standard template is damaged")


def test_a_bug_hides_its_details(names):
    outcome = outcome_of(WorkerFault("KeyError: 'x'", "Traceback ..."), names, 60)
    assert (outcome.status, outcome.failure) == (500, FAULT)
    assert "KeyError" not in outcome.failure


def test_any_other_docgen_error_is_told_in_the_authors_words(names):
    outcome = outcome_of(ExportError(f"cannot write '{FOLDER}/workbook.pdf': disk full"), names,
                         60)
    assert outcome.status == 500
    assert outcome.failure == ("The report could not be made: cannot write 'Q3 report.pdf': "
                               "disk full")
    assert outcome_of(DocgenError("odd"), names, 60).failure == "The report could not be made: odd"


def test_a_default_outcome_is_a_success_with_nothing_to_say():
    outcome = Outcome()
    assert (outcome.status, outcome.errors, outcome.warnings, outcome.headers) == (200, [], [], {})
