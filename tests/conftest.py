"""Shared fixtures: the example workbooks, a built example, and a workbook editor."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from tests.support import EXAMPLE, MINIMAL, RESTYLED_TEMPLATE, ROOT, column_of  # noqa: F401


@pytest.fixture(scope="session")
def example_workbook() -> Path:
    """The seed report's workbook."""
    return EXAMPLE


@pytest.fixture(scope="session")
def built_example(tmp_path_factory) -> Path:
    """The example built once per session: the .docx path."""
    import docgen

    outdir = tmp_path_factory.mktemp("example")
    return docgen.build(EXAMPLE, outdir=outdir).docx


@pytest.fixture
def edit_workbook(tmp_path) -> Callable[..., Path]:
    """Copy a workbook (the minimal one by default), apply `change(wb)`, save, return the path."""

    def edit(change: Callable[[openpyxl.Workbook], None] | None = None, *,
             source: Path = MINIMAL, name: str = "case.xlsx") -> Path:
        target = tmp_path / name
        if change is None:
            shutil.copy(source, target)
            return target
        workbook = openpyxl.load_workbook(source)
        change(workbook)
        workbook.save(target)
        return target

    return edit

