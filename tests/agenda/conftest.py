"""Fixtures for the agenda pack's tests: the example pack built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.pack_fixtures import example_pack_folder


@pytest.fixture(scope="session")
def example_pack(tmp_path_factory):
    """The example pack (seed report, a Word, a PDF and an exempt paper), made once:
    (agenda workbook, PackResult)."""
    from docgen.api import pack

    folder = tmp_path_factory.mktemp("pack")
    agenda = example_pack_folder(folder)
    return agenda, pack(agenda, outdir=folder / "out", jobs=2)


@pytest.fixture
def pack_folder(tmp_path) -> Path:
    """A folder with the example pack's papers and agenda workbook; returns the agenda."""
    return example_pack_folder(tmp_path)
