"""The Python API: `build()` and `check()`; the CLI and the web page are shells over these."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .exceptions import Problem

PathLike = str | os.PathLike[str]


@dataclass
class BuildResult:
    """What a build wrote, and the warnings it found on the way."""

    docx: Path
    pdf: Path | None = None
    warnings: list[Problem] = field(default_factory=list)

    @property
    def paths(self) -> list[Path]:
        """Every file written, .docx first."""
        return [p for p in (self.docx, self.pdf) if p is not None]


def build(
    workbook: PathLike,
    *,
    template: PathLike | None = None,
    outdir: PathLike = "out",
    pdf: bool = False,
    pdf_engine: str = "docgen",
) -> BuildResult:
    """Build `OUTDIR/<workbook stem>.docx` (and .pdf) from a workbook.

    Raises `WorkbookError` (with `.problems`, every error and warning sorted by sheet and cell)
    when the workbook cannot be used, `TemplateError` for a bad template and `ExportError`
    when an output cannot be written. Outputs are written atomically.
    """
    raise NotImplementedError  # being written


def check(workbook: PathLike, *, template: PathLike | None = None) -> list[Problem]:
    """Validate a workbook without rendering; return every error and warning, sorted."""
    raise NotImplementedError  # being written
