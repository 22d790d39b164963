"""`docgen.limits`: the bounds agree with one another, with Excel, and with docs/security.md."""

from __future__ import annotations

import re

import pytest
from tests.support import ROOT

from docgen import limits

SECURITY = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
NAMES = sorted(name for name in vars(limits) if name.startswith("MAX_")
               or name == "FORMULA_OVERHEAD")


def _documented(name: str) -> float | None:
    """The value docs/security.md gives right after `NAME` (50 MB → 50e6, 2,000 → 2000)."""
    match = re.search(rf"`{name}` ([\d,]+)( MB)?", SECURITY)
    if match is None:
        return None
    number = float(match.group(1).replace(",", ""))
    return number * 1e6 if match.group(2) else number


@pytest.mark.parametrize("name", NAMES)
def test_every_limit_is_a_positive_whole_number(name):
    value = getattr(limits, name)
    assert isinstance(value, int) and not isinstance(value, bool)
    assert value > 0


@pytest.mark.parametrize("name", [n for n in NAMES if _documented(n) is not None])
def test_the_documented_value_is_the_value_in_force(name):
    assert _documented(name) == getattr(limits, name)


def test_the_workbook_limits_in_the_table_are_all_documented():
    table = ("MAX_FILE_BYTES", "MAX_UNPACKED_BYTES", "MAX_COMPRESSION_RATIO", "MAX_ZIP_ENTRIES",
             "MAX_WORKBOOK_CELLS", "MAX_TABLE_CELLS", "MAX_SHEET_CELLS", "MAX_ROWS",
             "MAX_COLUMNS", "MAX_CELL_CHARS", "MAX_FORMULA_WORK")
    assert [name for name in table if _documented(name) is None] == []


def test_excels_own_limits():
    assert limits.MAX_CELL_CHARS == 32_767
    assert limits.MAX_FORMULA_CHARS == 8_192
    assert limits.MAX_FORMULA_NESTING == 64


def test_the_limits_nest():
    # A sheet docgen reads whole fits the declared area it accepts.
    assert limits.MAX_ROWS * limits.MAX_COLUMNS <= limits.MAX_SHEET_CELLS
    # All the tables together fit in the cells a workbook may hold.
    assert limits.MAX_TABLE_CELLS <= limits.MAX_WORKBOOK_CELLS
    # A 5,000-row data table of five columns still passes, as the docstring promises.
    assert 5_000 * 5 <= limits.MAX_TABLE_CELLS
    # One formula over the largest range allowed is still within the work allowed in all.
    assert limits.MAX_RANGE_CELLS + limits.FORMULA_OVERHEAD <= limits.MAX_FORMULA_WORK


def test_a_thousand_formulas_over_100000_cells_stop_at_the_tenth():
    """The figure quoted in MAX_FORMULA_WORK's docstring."""
    per_formula = limits.FORMULA_OVERHEAD + 100_000
    assert limits.MAX_FORMULA_WORK // per_formula + 1 == 10
