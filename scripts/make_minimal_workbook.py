"""Write examples/minimal/minimal.xlsx: the smallest useful workbook (and the tests' base).

    python scripts/make_minimal_workbook.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from make_example_workbook import add_table, fill_rows, fill_settings, save

from docgen.blank import new_workbook

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "examples" / "minimal" / "minimal.xlsx"

# (ID, theme, measure, previous, current, kind, better, number format)
MEASURES = [
    ("INCIDENTS", "Operational", "Incidents attended", 1210, 1105, "count", "lower", "#,##0"),
    ("RESPONSE", "Operational", "Median response time", 7.9, 8.2, "minutes", "lower", "0.0"),
    ("HOMECHECKS", "Prevention", "Home fire safety checks completed", 0.81, 0.86,
     "percentage", "higher", "0%"),
]


def main(output: Path | None = None) -> None:
    """Write the minimal workbook."""
    wb = new_workbook()
    fill_settings(wb["Settings"], {
        "Report to": "Fire Authority Performance Committee",
        "Meeting date": dt.datetime(2020, 2, 13), "Title": "Quarterly Performance",
        "Agenda item": "Item 5", "Organisation": "Example Fire and Rescue Service",
        "Previous period": "Q3 2018/19", "Current period": "Q3 2019/20"})
    fill_rows(wb["Narrative"], [
        (1, "Purpose", "To report performance for the third quarter.", None, None),
        (1, "Incidents", "Incidents {INCIDENTS direction}d by {INCIDENTS amount %}, from "
         "{INCIDENTS previous} to {INCIDENTS current}.\n- Response times are in Appendix A.",
         "IncidentsByType", "Incidents by type"),
    ])
    measures = wb["Measures"]
    fill_rows(measures, [row[:7] for row in MEASURES])
    for r, row in enumerate(MEASURES, start=2):
        for c in (4, 5):
            measures.cell(row=r, column=c).number_format = row[7]
    add_table(wb["Tables"], "IncidentsByType", 1, ["Type", "Incidents"], [
        ["Fires", 402], ["False alarms", 511], ["Special services", 192],
        ["Total", "=SUM(B2:B4)"]])
    fill_rows(wb["Implications"], [("Financial:", "Nil"), ("Legal:", "Nil")])
    save(wb, output or OUTPUT)


if __name__ == "__main__":
    import sys

    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
