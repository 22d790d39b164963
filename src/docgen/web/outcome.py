"""What became of an upload, and how the page words each way making a report can fail.

Authors read these sentences: they say what happened and what to do, in plain words. Details
an author can do nothing with (tracebacks, exit codes) go to the server's log instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..exceptions import (
    DocgenError,
    Problem,
    TemplateError,
    WorkbookError,
    errors_in,
    warnings_in,
)
from ..isolation import (
    BuildCrashed,
    BuildOutOfMemory,
    BuildStopped,
    BuildTimedOut,
    WorkerFault,
)
from .names import FileNames
from .pool import PoolBusy
from .results import KeptUploads, StoredResult
from .uploads import UploadRefused

FAULT = ("Your report could not be made because something unexpected went wrong. The details "
         "have been recorded for the person who looks after docgen. Check the workbook for "
         "anything unusual, then try again; if it happens again, send them the workbook")
BUSY = "The server is busy making other reports. Wait a minute, then try again"
RETRY_AFTER_SECONDS = 30

ADVICE = {
    "working out a formula in the workbook": "Check the workbook's formulas: one of them may "
    "be far larger than a report needs",
    "reading the workbook": "Check the workbook for very large sheets or tables",
    "filling in the Word template": "Check the template's tags and loops, or use the standard "
    "template",
    "checking the Word template": "Check the template's tags and loops, or use the standard "
    "template",
}
DEFAULT_ADVICE = ("Try again; if it happens again, send the workbook to the person who looks "
                  "after docgen")


@dataclass
class Outcome:
    """What became of an upload: a kept result, or the reasons there is none."""

    status: int = 200
    problems: list[Problem] = field(default_factory=list)
    field_errors: dict[str, str] = field(default_factory=dict)
    failure: str = ""
    result: StoredResult | None = None
    kept: KeptUploads | None = None

    @classmethod
    def refused(cls, exc: UploadRefused) -> Outcome:
        """The outcome of an upload refused before any work was done."""
        return cls(exc.status, field_errors={exc.field: exc.message})

    @property
    def errors(self) -> list[Problem]:
        """The workbook problems that stop the report."""
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        """The workbook problems that do not stop the report."""
        return warnings_in(self.problems)

    @property
    def headers(self) -> dict[str, str]:
        """Extra response headers: when to try again, for a busy server."""
        return {"Retry-After": str(RETRY_AFTER_SECONDS)} if self.status == 503 else {}


def outcome_of(exc: UploadRefused | DocgenError, names: FileNames,
               build_seconds: float) -> Outcome:
    """The outcome of an upload refused, or of a build or check that stopped with `exc`."""
    if isinstance(exc, UploadRefused):
        return Outcome.refused(exc)
    if isinstance(exc, WorkbookError):
        return Outcome(422, problems=names.problems(exc.problems))
    if isinstance(exc, PoolBusy):
        return Outcome(503, failure=BUSY)
    if isinstance(exc, BuildTimedOut | BuildOutOfMemory | BuildCrashed):
        return _stopped(exc, build_seconds)
    if isinstance(exc, TemplateError):
        return _template_failed(names.words(str(exc)))
    if isinstance(exc, WorkerFault):
        return Outcome(500, failure=FAULT)
    return Outcome(500, failure=f"The report could not be made: {names.words(str(exc))}")


def _stopped(exc: BuildStopped, build_seconds: float) -> Outcome:
    """The outcome of a build stopped by a limit, or whose worker died: what and where."""
    where = f" while {exc.stage}" if exc.stage else ""
    if isinstance(exc, BuildTimedOut):
        words = f"making the report took longer than {build_seconds:g} seconds{where}, so it " \
                "was stopped"
    elif isinstance(exc, BuildOutOfMemory):
        words = f"making the report needed more memory than allowed{where}, so it was stopped"
    else:
        words = f"the program making the report stopped unexpectedly{where}"
    words = f"{words}. {ADVICE.get(exc.stage, DEFAULT_ADVICE)}"
    if isinstance(exc, TemplateError):
        return _template_failed(words)
    status = 422 if isinstance(exc, BuildTimedOut | BuildOutOfMemory) else 500
    return Outcome(status, failure=words[0].upper() + words[1:])


def _template_failed(words: str) -> Outcome:
    """The outcome of a template that cannot be used, shown against the template field."""
    return Outcome(422, field_errors={"template": f"The Word template cannot be used: {words}"})
