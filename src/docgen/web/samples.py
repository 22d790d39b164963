"""The workbooks an author can start from: a blank one, and the filled-in example."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .. import api

EXAMPLE_NAME = "quarterly-report-2019-11.xlsx"
# In a source checkout the example sits in inputs/ at the top of the repository; an installed
# package carries it as data.
_EXAMPLE_PLACES = (
    Path(__file__).resolve().parent.parent / "data" / EXAMPLE_NAME,
    Path(__file__).resolve().parents[3] / "inputs" / EXAMPLE_NAME,
)


def example_workbook() -> Path | None:
    """The example workbook's path, or None when this installation has none."""
    return next((place for place in _EXAMPLE_PLACES if place.is_file()), None)


def blank_workbook_bytes() -> bytes:
    """The bytes of a new blank workbook, written by the core's `new_workbook()`."""
    with tempfile.TemporaryDirectory(prefix="docgen-blank-") as tmp:
        path = Path(tmp) / "blank-workbook.xlsx"
        api.new_workbook(path)
        return path.read_bytes()
