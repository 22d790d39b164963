"""Write examples/council/council.xlsx: the seed report's workbook, set up for the council layout.

The figures, narrative, tables and targets are the seed's own, read from
inputs/quarterly-report-2019-11.xlsx (which scripts/make_example_workbook.py writes); only
Settings rows that the council template and its numbering use are filled or added. The seed
states three targets, the Grade 1, 2 and 3 response times (<15 mins, <1 hour, <48 hours), already
in that workbook's Target column; no other target is added.

    python scripts/make_council_workbook.py [OUTPUT.xlsx]
"""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl

from docgen.blank import write_cell

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "inputs" / "quarterly-report-2019-11.xlsx"
OUTPUT = ROOT / "examples" / "council" / "council.xlsx"

SETTINGS = {
    # The seed is the Constabulary's report to the Commissioner's Strategic Scrutiny Meeting;
    # it names no author or officer, so the sender is the force's head, by role, and the
    # contact the force itself.
    "From": "Chief Constable",
    "Contact officer": "Lancashire Constabulary",
    "RAG rule": "target and direction",
    "Section numbering": "1.1 paragraphs",
}


def set_setting(ws, label: str, value: object) -> None:
    """Fill the Settings row labelled `label` (in any case), or add it under the last row."""
    for row in range(2, ws.max_row + 1):
        typed = ws.cell(row=row, column=1).value
        if isinstance(typed, str) and typed.strip().lower() == label.lower():
            write_cell(ws, row, 2, value)
            return
    row = ws.max_row + 1
    write_cell(ws, row, 1, label)
    write_cell(ws, row, 2, value)


def main(output: Path | None = None) -> None:
    """Write the council example's workbook."""
    workbook = openpyxl.load_workbook(SOURCE)
    for label, value in SETTINGS.items():
        set_setting(workbook["Settings"], label, value)
    path = output or OUTPUT
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    print(f"wrote {path}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
