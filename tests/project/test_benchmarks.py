"""The benchmark runs and prints its table with the anchor rows (never a timing assertion)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from tests.support import ROOT


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_quick_benchmark_prints_the_table_with_its_anchors():
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--no-libreoffice"],
        capture_output=True, text=True, timeout=230, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for row in ("read workbook", "build model", "render .docx", "export PDF",
                "whole: build(pdf=True)", "per page", "floor: copy template zip",
                "bare docxtpl, same content", "soffice --convert-to pdf",
                "LibreOffice warm (UNO)", "docgen build --pdf (cold)", "docgen --help (cold)",
                "peak memory, large report", "batch: 4 copies of the example", "targets"):
        assert row in out, row
    assert "LibreOffice rows skipped" in out
    assert "render / bare docxtpl" in out
    assert "failed" not in out.split("batch:")[1].splitlines()[0].replace("0 failed", "")
