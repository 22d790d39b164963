"""Write examples/minimal/minimal.xlsx: the smallest useful workbook (and the tests' base).

    python scripts/make_minimal_workbook.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl.worksheet.table import Table, TableStyleInfo

from docgen.blank import new_workbook

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "examples" / "minimal" / "minimal.xlsx"


def main(output: Path | None = None) -> None:
    """Write the minimal workbook."""
    wb = new_workbook()
    settings = wb["Settings"]
    values = {"Report to": "Fire Authority Performance Committee",
              "Meeting date": dt.datetime(2020, 2, 13), "Title": "Quarterly Performance",
              "Agenda item": "Item 5", "Organisation": "Example Fire and Rescue Service",
              "Previous period": "Q3 2018/19", "Current period": "Q3 2019/20"}
    for row in range(2, settings.max_row + 1):
        label = settings.cell(row=row, column=1).value
        if label in values:
            settings.cell(row=row, column=2, value=values[label])
    narrative = wb["Narrative"]
    for r, row in enumerate([
        (1, "Purpose", "To report performance for the third quarter.", None, None),
        (1, "Incidents", "Incidents {INCIDENTS direction}d by {INCIDENTS amount %}, from "
         "{INCIDENTS previous} to {INCIDENTS current}.\n- Response times are in Appendix A.",
         "IncidentsByType", "Incidents by type"),
    ], start=2):
        for c, value in enumerate(row, start=1):
            if value is not None:
                narrative.cell(row=r, column=c, value=value)
    measures = wb["Measures"]
    for r, row in enumerate([
        ("INCIDENTS", "Operational", "Incidents attended", 1210, 1105, "count", "lower",
         "#,##0"),
        ("RESPONSE", "Operational", "Median response time", 7.9, 8.2, "minutes", "lower", "0.0"),
        ("HOMECHECKS", "Prevention", "Home fire safety checks completed", 0.81, 0.86,
         "percentage", "higher", "0%"),
    ], start=2):
        for c, value in enumerate(row[:7], start=1):
            measures.cell(row=r, column=c, value=value)
        for c in (4, 5):
            measures.cell(row=r, column=c).number_format = row[7]
    tables = wb["Tables"]
    for r, row in enumerate([("Type", "Incidents"), ("Fires", 402), ("False alarms", 511),
                             ("Special services", 192), ("Total", "=SUM(B2:B4)")], start=1):
        for c, value in enumerate(row, start=1):
            tables.cell(row=r, column=c, value=value)
    table = Table(displayName="IncidentsByType", ref="A1:B5")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    tables.add_table(table)
    implications = wb["Implications"]
    for r, row in enumerate([("Financial:", "Nil"), ("Legal:", "Nil")], start=2):
        for c, value in enumerate(row, start=1):
            implications.cell(row=r, column=c, value=value)
    output = output or OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    wb.save(output)
    print(f"wrote {output}")


if __name__ == "__main__":
    import sys

    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
