"""A large synthetic workbook for the benchmark: about 300 measures, 60 narrative sections,
20 tables and 8 charts (some 80 pages once built).

Every figure and sentence is generated (seeded, so each run builds the same workbook) and is
labelled as synthetic in the workbook itself: it is a benchmark input, not an example report.
It starts from docgen's own blank workbook, as an author would.

    python benchmarks/large_workbook.py [OUT.xlsx]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

MEASURES = 300
SECTIONS = 60
TABLES = 20
CHARTS = 8
THEMES = 12
SEED = 2019

KINDS = ("count", "count", "count", "percentage", "minutes", "seconds", "money", "number")
FORMATS = {"count": "#,##0", "percentage": "0.0%", "minutes": "0.0", "seconds": "0",
           "money": '"£"0.0"m"', "number": "0.00"}
MONTHS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
WORDS = ("the partnership reviewed demand across every district and agreed a plan to reduce "
         "repeat incidents while keeping response times within the published standards so that "
         "resources follow risk and communities see a consistent service").split()


def measure_id(index: int) -> str:
    """M001, M002, …"""
    return f"M{index:03d}"


def new_large_workbook():
    """The synthetic workbook (an openpyxl Workbook, not yet saved)."""
    from docgen.blank import new_workbook

    rng = random.Random(SEED)
    workbook = new_workbook()
    _settings(workbook["Settings"])
    kinds = _measures(workbook["Measures"], rng)
    _themes(workbook["Themes"])
    tables = _tables(workbook["Tables"], rng)
    charts = _charts(workbook["Charts"], tables)
    _narrative(workbook["Narrative"], rng, kinds, tables, charts)
    _implications(workbook["Implications"])
    return workbook


def write_large_workbook(path: Path) -> Path:
    """Save the synthetic workbook to `path` and return it."""
    new_large_workbook().save(path)
    return path


def _settings(ws) -> None:
    values = {
        "Report to": "Benchmark Committee (synthetic)",
        "Meeting date": dt.datetime(2024, 3, 14),
        "Title": "Synthetic Benchmark Report",
        "Agenda item": "Item 0",
        "Organisation": "docgen benchmark (synthetic data, not a real organisation)",
        "Author": "docgen benchmark",
        "Subject": "Synthetic data for measuring docgen's speed",
        "Previous period": "Year 1",
        "Current period": "Year 2",
        "Appendix title": "Appendix A: Synthetic performance data",
        "Appendix note": "Every figure in this report is generated for a benchmark.",
    }
    for row in range(2, ws.max_row + 1):
        label = ws.cell(row=row, column=1).value
        if label in values:
            ws.cell(row=row, column=2, value=values[label])


def _measures(ws, rng: random.Random) -> dict[str, str]:
    kinds = {}
    for i in range(1, MEASURES + 1):
        kind = KINDS[i % len(KINDS)]
        previous, current = _pair(rng, kind)
        row = i + 1
        values = [measure_id(i), f"Synthetic theme {1 + (i - 1) * THEMES // MEASURES}",
                  f"Synthetic measure {i:03d} ({kind})", previous, current, kind,
                  rng.choice(("higher", "lower", "neither")),
                  None if i % 7 else current * 1.1, "Synthetic note" if i % 25 == 0 else None]
        for col, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=row, column=col, value=value)
        for col in (4, 5, 8):
            ws.cell(row=row, column=col).number_format = FORMATS[kind]
        kinds[measure_id(i)] = kind
    return kinds


def _pair(rng: random.Random, kind: str) -> tuple[float, float]:
    if kind == "percentage":
        return round(rng.uniform(0.3, 0.95), 3), round(rng.uniform(0.3, 0.95), 3)
    if kind in ("minutes", "seconds", "money", "number"):
        return round(rng.uniform(5, 500), 1), round(rng.uniform(5, 500), 1)
    return rng.randint(100, 200_000), rng.randint(100, 200_000)


def _themes(ws) -> None:
    for t in range(1, THEMES + 1):
        ws.cell(row=t + 1, column=1, value=f"Synthetic theme {t}")
        ws.cell(row=t + 1, column=2, value="Generated figures for the benchmark.")


def _tables(ws, rng: random.Random) -> list[str]:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    names, top = [], 1
    for t in range(1, TABLES + 1):
        name, columns, rows = f"SyntheticTable{t:02d}", 4 + t % 6, 6 + t % 9
        header = ["Area", *(f"Year {c}" for c in range(1, columns - 1)), "Total"]
        for c, title in enumerate(header, start=1):
            ws.cell(row=top, column=c, value=title)
        last = get_column_letter(columns - 1)
        for r in range(top + 1, top + 1 + rows):
            ws.cell(row=r, column=1, value=f"Synthetic area {r - top}")
            for c in range(2, columns):
                ws.cell(row=r, column=c, value=rng.randint(10, 9_999)).number_format = "#,##0"
            total = ws.cell(row=r, column=columns, value=f"=SUM(B{r}:{last}{r})")
            total.number_format = "#,##0"
        table = Table(displayName=name,
                      ref=f"A{top}:{get_column_letter(columns)}{top + rows}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True,
                                              showFirstColumn=t % 2 == 0)
        ws.add_table(table)
        names.append(name)
        top += rows + 3
    return names


def _charts(ws, tables: list[str]) -> list[str]:
    names = []
    for c in range(1, CHARTS + 1):
        name = f"Synthetic chart {c}"
        chart_type = ("line", "column", "bar", "stacked column")[c % 4]
        values = [name, chart_type, tables[c - 1], "rows", f"{name} (generated data)", "Year",
                  "Value", "Total", "", "yes" if c % 3 == 0 else "no"]
        for col, value in enumerate(values, start=1):
            if value:
                ws.cell(row=c + 1, column=col, value=value)
        names.append(name)
    return names


def _narrative(ws, rng: random.Random, kinds: dict[str, str], tables: list[str],
               charts: list[str]) -> None:
    inserts = [*tables[CHARTS:], *charts]
    row = 2
    for s in range(1, SECTIONS + 1):
        level = 1 if s % 4 == 1 else 2
        insert = inserts[s % len(inserts)] if s % 3 == 0 else None
        values = [level, f"Synthetic section {s}", _text(rng, s), insert,
                  f"Caption for {insert}" if insert else None]
        for col, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=row, column=col, value=value)
        row += 1


def _text(rng: random.Random, section: int) -> str:
    paragraphs = []
    for p in range(rng.randint(4, 6)):
        ref = measure_id(rng.randint(1, MEASURES))
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(50, 90)))
        paragraphs.append(f"Synthetic paragraph {p + 1} of section {section}: {sentence}. "
                          f"{ref} is {{{ref} trend}} {{{ref} amount %}} ({{{ref} summary}}), "
                          f"**from {{{ref} previous}} to {{{ref} current}}**.")
    if section % 5 == 0:
        paragraphs += [f"- Synthetic bullet {b}: *{' '.join(WORDS[b:b + 8])}*" for b in range(4)]
    if section % 7 == 0:
        paragraphs += [f"{n}. Synthetic numbered item {n}" for n in range(1, 4)]
    return "\n".join(paragraphs)


def _implications(ws) -> None:
    for r, label in enumerate(("Financial:", "Legal:", "Equality Impact Assessment:",
                               "Risks and Impact:"), start=2):
        ws.cell(row=r, column=1, value=label)
        ws.cell(row=r, column=2, value="Nil (synthetic benchmark report)")


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "large-benchmark.xlsx")
    print(f"wrote {write_large_workbook(target)}")
