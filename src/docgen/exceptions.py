"""Exceptions raised by docgen; every one a user can act on derives from `DocgenError`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


def _sheet_sort_key(problem: Problem) -> tuple:
    """Sort by sheet, then by cell in reading order (row, then column)."""
    column = "".join(ch for ch in problem.cell if ch.isalpha())
    row = "".join(ch for ch in problem.cell if ch.isdigit())
    return (problem.sheet, int(row) if row else 0, len(column), column, problem.message)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located by sheet and cell.

    `sheet` and `cell` are empty for problems that concern the whole file; the message quotes
    the bad value as found.
    """

    severity: Severity
    message: str
    sheet: str = ""
    cell: str = ""

    @property
    def location(self) -> str:
        """`Measures!C14`, `Measures` or '' when the problem is about the whole file."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message

    def as_dict(self) -> dict[str, str]:
        """A plain dict for JSON answers and templates."""
        return {
            "severity": self.severity,
            "sheet": self.sheet,
            "cell": self.cell,
            "location": self.location,
            "message": self.message,
        }


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems sorted by sheet and cell, errors before warnings at the same place."""
    return sorted(problems, key=lambda p: (_sheet_sort_key(p), p.severity != "error"))


def errors_in(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a build."""
    return [p for p in problems if p.severity == "error"]


def warnings_in(problems: list[Problem]) -> list[Problem]:
    """The problems that alone would not stop a build."""
    return [p for p in problems if p.severity == "warning"]


class DocgenError(Exception):
    """Base class for errors a user can act on; the CLI shows the message, not a traceback."""

    exit_code = 1


class WorkbookError(DocgenError):
    """The workbook cannot be used; `problems` lists every error and warning found."""

    exit_code = 2

    def __init__(self, message: str, problems: list[Problem] | None = None):
        self.problems = sort_problems(problems or [Problem("error", message)])
        super().__init__(message)

    def __reduce__(self):
        return (type(self), (self.args[0], self.problems))

    @property
    def errors(self) -> list[Problem]:
        """The problems that stopped the build."""
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        """The problems that alone would not have stopped the build."""
        return warnings_in(self.problems)

    def __str__(self) -> str:
        lines = [str(p) for p in self.errors] or [self.args[0]]
        return "\n".join(lines)


class TemplateError(DocgenError):
    """The Word template cannot be rendered (missing, not a .docx, bad or unsafe Jinja)."""

    exit_code = 2


class ExportError(DocgenError):
    """The PDF could not be made, or an output could not be written."""

    exit_code = 1


class DocumentError(ExportError):
    """A .docx given to convert cannot be used (missing, not a Word file, too large)."""

    exit_code = 2
