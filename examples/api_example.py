"""Build a report from Python: the same API the CLI and the Generate page use.

    python examples/api_example.py [WORKBOOK] [OUTDIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

import docgen

HERE = Path(__file__).resolve().parent


def main() -> int:
    """Check the workbook, then build it; print what was written and any warnings."""
    workbook = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "minimal" / "minimal.xlsx"
    outdir = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("out")
    problems = docgen.check(workbook)
    for problem in problems:
        print(f"{problem.severity}: {problem}")
    try:
        result = docgen.build(workbook, outdir=outdir)
    except docgen.WorkbookError as exc:
        print(f"not built: {exc.args[0]}")
        return 2
    for path in result.paths:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
