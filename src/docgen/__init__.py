"""docgen: turn a committee-report workbook into a finished Word report and a matching PDF."""

from __future__ import annotations

__all__ = [
    "BatchItem",
    "BuildResult",
    "DocgenError",
    "Problem",
    "TemplateError",
    "WorkbookError",
    "ExportError",
    "build",
    "build_many",
    "check",
    "export_pdf",
    "new_agenda_workbook",
    "new_workbook",
    "pack",
    "__version__",
]

from .api import (
    BatchItem,
    BuildResult,
    build,
    build_many,
    check,
    export_pdf,
    new_agenda_workbook,
    new_workbook,
    pack,
)
from .exceptions import DocgenError, ExportError, Problem, TemplateError, WorkbookError
from .version import __version__
