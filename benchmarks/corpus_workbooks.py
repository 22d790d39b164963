"""The fidelity corpus's docgen reports: workbooks written from the example and minimal
workbooks, built with docgen's API (default, restyled and council templates).

Text is the seed report's own (its workbook's Narrative sheet), its published tables, or
sentences composed for layout testing, which say so ("Synthetic text"); the Welsh report's
sentences are composed too and labelled the same way. Synthetic table rows are named
"Synthetic row N".
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "inputs" / "quarterly-report-2019-11.xlsx"
MINIMAL = ROOT / "examples" / "minimal" / "minimal.xlsx"
COUNCIL = ROOT / "examples" / "council"
RESTYLED = ROOT / "examples" / "restyled" / "template.docx"
SYNTHETIC = "Synthetic text for layout testing: "
URLS = [
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "https://example.org/statistics/police-recorded-crime/2019-20/quarter-2/open-data-tables/"
    "community-safety-partnership-level.xlsx",
    "https://example.org/reports/strategic-scrutiny/2019/november/appendix-a/performance-data",
]
WELSH = [  # composed for the corpus (synthetic), not a published translation
    ("Mater i'w Ystyried", "Mae'r adroddiad hwn yn rhoi diweddariad ar berfformiad yr heddlu "
     "yn ystod yr ail chwarter."),
    ("Argymhelliad", "Gofynnir i'r Comisiynydd adolygu'r adroddiad a gwneud sylwadau fel y "
     "bo'n briodol."),
    ("Cefndir", "Mae'r adroddiad yn dangos sut mae'r gwasanaeth yn perfformio yn erbyn y "
     "dangosyddion a gytunwyd. Cynhaliwyd cyfarfodydd mewn neuaddau pentref, ysgolion a "
     "chanolfannau cymunedol ar draws y sir. Ymwelodd swyddogion â phob tŷ yn y stryd, a "
     "gweithiodd y tîm gyda'r awdurdod tân ac achub i ddiogelu cartrefi ger y dŵr.\n"
     "- Bydd y gwaith yn parhau dros y flwyddyn nesaf, gyda'r nod o leihau niwed a chefnogi "
     "dioddefwyr.\n- Mae gwirfoddolwyr yn chwarae rhan bwysig yn y gwaith hwn, ac mae'r "
     "Comisiynydd yn ddiolchgar iddynt.\n- Trafodwyd y cynllun mewn cyfarfod yn y Trallwng, "
     "Caernarfon a Llanymddyfri."),
    ("Digwyddiadau", "Newid yn nifer y digwyddiadau: {INCIDENTS summary}. Mae'r ffigurau "
     "llawn yn Atodiad A."),
]


def load(path: Path):
    """The workbook at `path`, editable."""
    import openpyxl

    return openpyxl.load_workbook(path)


def header_columns(ws) -> dict[str, int]:
    """Column number of each row-1 heading."""
    return {str(c.value).strip(): c.column for c in ws[1] if c.value is not None}


def set_setting(wb, label: str, value) -> None:
    """Set a Settings value, adding the row when the workbook lacks it."""
    ws = wb["Settings"]
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == label:
            ws.cell(row=row, column=2, value=value)
            return
    ws.cell(row=ws.max_row + 1, column=1, value=label)
    ws.cell(row=ws.max_row, column=2, value=value)


def set_rows(ws, rows: list[dict]) -> None:
    """Replace every row under the header with `rows` (dicts by heading)."""
    columns = header_columns(ws)
    for row in ws.iter_rows(min_row=2, max_row=max(ws.max_row, 2)):
        for cell in row:
            cell.value = None
    for r, values in enumerate(rows, start=2):
        for name, value in values.items():
            if value not in (None, ""):
                ws.cell(row=r, column=columns[name], value=value)


def narrative(rows) -> list[dict]:
    """Narrative rows from (level, heading, text[, insert[, caption]]) tuples."""
    out = []
    for row in rows:
        level, heading, text, insert, caption = (*row, None, None)[:5]
        out.append({"Level": level, "Heading": heading, "Text": text, "Insert": insert,
                    "Caption": caption})
    return out


def add_table(wb, name: str, header: list, rows: list[list], formats: dict | None = None):
    """An Excel Table under whatever the Tables sheet holds already."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    ws = wb["Tables"]
    top = ws.max_row + 3 if ws.max_row > 1 else 1
    for c, title in enumerate(header, start=1):
        ws.cell(row=top, column=c, value=title)
    for r, values in enumerate(rows, start=top + 1):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if formats and c in formats:
                cell.number_format = formats[c]
    table = Table(displayName=name,
                  ref=f"A{top}:{get_column_letter(len(header))}{top + len(rows)}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)


def seed_texts(wb) -> list[str]:
    """The seed's narrative texts (whole cells), in order, without empty ones."""
    ws = wb["Narrative"]
    return [str(r[2]) for r in ws.iter_rows(min_row=2, values_only=True) if r[2]]


def sentences(texts: list[str]) -> list[str]:
    """Sentences of the seed's plain paragraphs (no bullets, references or emphasis)."""
    out = []
    for text in texts:
        for line in text.split("\n"):
            if line.startswith(("-", "*", "•")) or "{" in line:
                continue
            out += [s.strip().rstrip(".") + "." for s in re.split(r"(?<=[a-z])\. ", line)
                    if len(s) > 50]
    return out


def seed_as_is(wb):
    """The example report, unchanged."""
    return wb


def seed_numbering(style: str, decimals: int | None = None):
    """The example with another section numbering (and % change decimals)."""
    def edit(wb):
        set_setting(wb, "Section numbering", style)
        if decimals is not None:
            set_setting(wb, "Percent change decimals", decimals)
        return wb
    return edit


def seed_rag(wb):
    """The example with RAG ratings by target and direction, in custom colours."""
    set_setting(wb, "RAG rule", "target and direction")
    set_setting(wb, "Green colour", "2E7D32")
    return wb


def narrative_only(wb):
    """The example's narrative without its tables and charts."""
    ws = wb["Narrative"]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[1] or r[2]]
    set_rows(ws, narrative([(r[0], r[1], r[2]) for r in rows]))
    return wb


def long_paragraphs(wb):
    """Each section's seed text joined into one paragraph of a page or more."""
    texts = seed_texts(load(SEED))
    plain = [t.replace("\n", " ") for t in texts if "{" not in t]
    rows = [(1, f"Joined section {i + 1}", " ".join(plain[i * 5:i * 5 + 5]))
            for i in range(len(plain) // 5)]
    set_rows(wb["Narrative"], narrative(rows))
    return wb


def long_lists(wb):
    """Bullets and numbered items, many running over two or three lines."""
    found = sentences(seed_texts(load(SEED)))
    rows = []
    for i in range(0, min(len(found), 96), 12):
        chunk = found[i:i + 12]
        text = "\n".join(("- " if j < 7 else f"{j - 6}. ") + s for j, s in enumerate(chunk))
        rows.append((1, f"Points {i // 12 + 1}", chunk[0] + "\n" + text))
    set_rows(wb["Narrative"], narrative(rows))
    return wb


def big_tables(wb):
    """A published monthly table in long form and a 120-row synthetic table."""
    months = ("April", "May", "Jun", "July", "Aug", "Sept", "Oct", "Nov", "Dec", "Jan", "Feb",
              "Mar")
    published = {"2017/18": (986, 1096, 1050, 1201, 1127, 1073, 1077, 1124, 1307, 1381, 1449,
                             1519),
                 "2018/19": (1604, 1940, 1937, 2203, 2211, 2096, 2115, 1821, 1445, 1331, 1422,
                             1747)}
    add_table(wb, "DAByMonth", ["Month", "2017/18", "2018/19", "Change"],
              [[m, published["2017/18"][i], published["2018/19"][i],
                "=C{r}-B{r}"] for i, m in enumerate(months)], formats={2: "#,##0",
                                                                          3: "#,##0"})
    ws = wb["Tables"]
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and "{r}" in cell.value:
                cell.value = cell.value.replace("{r}", str(cell.row))
    add_table(wb, "SyntheticLong", ["Synthetic row", "Count", "Rate", "Note"],
              [[f"Synthetic row {i}", (i * 7919) % 5000, ((i * 37) % 100) / 100,
                "synthetic" if i % 4 else "synthetic figures for layout testing only"]
               for i in range(1, 121)], formats={2: "#,##0", 3: "0%"})
    set_rows(wb["Narrative"], narrative([
        (1, "Domestic abuse by month", "Domestic abuse crimes and investigations by month, "
         "as published in the November 2019 report.", "DAByMonth", "Domestic abuse by month"),
        (1, "A long table", SYNTHETIC + "the table below has 120 rows of invented figures so "
         "that it runs over several pages.", "SyntheticLong", "Synthetic long table"),
        (1, "After the tables", "The Commissioner is requested to review the report and make "
         "comments as appropriate."),
    ]))
    return wb


def wide_tables(wb):
    """The example's wide tables and a 15-column synthetic one, with little text."""
    add_table(wb, "SyntheticWide", ["Synthetic row"] + [f"Col {c}" for c in range(1, 15)],
              [[f"Synthetic row {r}"] + [(r * 131 + c * 977) % 20000 - 4000
                                         for c in range(1, 15)] for r in range(1, 13)],
              formats={c: "#,##0" for c in range(2, 16)})
    set_rows(wb["Narrative"], narrative([
        (1, "Knife crime", "Knife crimes per 100k population across the Most Similar Group.",
         "KnifeCrimeMSG", "Knife crimes per 100k population, Most Similar Group"),
        (1, "Domestic abuse", "Domestic abuse crimes and investigations by month.",
         "DomesticAbuseMonthly", "Number of Domestic Abuse crimes/investigations monthly"),
        (1, "A wide table", SYNTHETIC + "fifteen columns of invented figures, some negative.",
         "SyntheticWide", "Synthetic wide table"),
    ]))
    return wb


def charts(wb):
    """Every chart type docgen draws, from the example's published tables."""
    ws = wb["Charts"]
    rows = [
        ("Domestic abuse by month", "line", "DomesticAbuseMonthly", "rows",
         "Domestic abuse crimes / investigations by month", "Month", "Crimes", None),
        ("Knife crime per 100k", "line", "KnifeCrimeMSG", "rows", "Knife crimes per 100k "
         "population, Most Similar Group", "Year", "Crimes per 100k", "Total, % Increase"),
        ("Spend", "bar", "FrontlineSpend", "columns", "Spend 30/9/19 (£m)", None, "£m", "%"),
        ("Sexual offences", "column", "SexualOffences", "columns", "All sexual offences",
         "Area", "Offences", "%"),
        ("Domestic abuse stacked", "stacked column", "DomesticAbuseMonthly", "columns",
         "Domestic abuse by year, stacked by month", "Year", "Crimes", None),
    ]
    names = ("Chart", "Type", "Table", "Series in", "Title", "X axis title", "Y axis title",
             "Leave out")
    set_rows(ws, [dict(zip(names, r, strict=True)) for r in rows])
    found = sentences(seed_texts(wb))
    set_rows(wb["Narrative"], narrative(
        [(1, name, " ".join(found[i * 3:i * 3 + 3]), name, title)
         for i, (name, _t, _tb, _s, title, *_rest) in enumerate(rows)]))
    return wb


def urls(wb):
    """Long URLs in the narrative and in a table column."""
    add_table(wb, "Sources", ["Source", "Address"],
              [[f"Source {i + 1}", URLS[i % len(URLS)]] for i in range(6)])
    set_rows(wb["Narrative"], narrative([
        (1, "Where the data is published", SYNTHETIC + "the open data tables are at "
         f"{URLS[1]} and the report's appendix at {URLS[2]}.\nThe data may be reused under the "
         f"Open Government Licence: {URLS[0]}", "Sources", "Sources (synthetic addresses)"),
        (1, "Incidents", "Incidents {INCIDENTS direction}d by {INCIDENTS amount %}, from "
         "{INCIDENTS previous} to {INCIDENTS current}."),
    ]))
    return wb


def welsh(wb):
    """A Welsh report (cy-GB): docgen's Welsh words and composed Welsh sentences."""
    set_setting(wb, "Language", "cy-GB")
    set_setting(wb, "Title", "Adroddiad Chwarterol")
    set_setting(wb, "Report to", "Pwyllgor Perfformiad yr Awdurdod Tân")
    set_setting(wb, "Appendix title", "Atodiad A: Data Perfformiad")
    set_rows(wb["Narrative"], narrative(
        [(1, heading, ("Testun synthetig: " if i == 0 else "") + text)
         for i, (heading, text) in enumerate(WELSH)]))
    return wb


def negatives(wb):
    """Signed figures in narrow columns: the seed's offence changes, eight columns wide."""
    rows = [["All Crime", 23362, 0.17, 3192, 0.02, -6032, -0.14, "+£2.2m"],
            ["Violence with Injury", 1151, 0.06, -1295, -0.07, -1355, -0.24, "−£0.3m"],
            ["Violence w/o Injury", 6249, 0.34, 2793, 0.13, -210, -0.03, "+£0.1m"],
            ["Burglary Residential", 355, 0.04, 87, 0.01, -169, -0.08, "−£1.2m"],
            ["Public Order Offences", 5340, 0.60, 506, 0.04, -1536, -0.34, "+£0.6m"]]
    fmt = "+#,##0;-#,##0;0"
    add_table(wb, "SignedChanges", ["Offence type", "To June 2019", "%", "To Sept 2019", "%",
                                    "Q2 vs Q2", "%", "Spend (synthetic)"], rows,
              formats={2: fmt, 3: "+0%;-0%", 4: fmt, 5: "+0%;-0%", 6: fmt, 7: "+0%;-0%"})
    set_rows(wb["Narrative"], narrative([
        (1, "Offence types", "Annual changes to June and September 2019 and the quarter's "
         "reductions, as published; the last column is synthetic.", "SignedChanges",
         "Offence types: changes"),
        (1, "Incidents", "Incidents {INCIDENTS direction}d by {INCIDENTS amount %} "
         "({INCIDENTS change})."),
    ]))
    return wb


# name -> (base workbook, edit, template or None, what it covers)
REPORTS = {
    "docgen-example": (SEED, seed_as_is, None, "the example report (seed text, tables, "
                       "charts, appendix)"),
    "docgen-example-restyled": (SEED, seed_as_is, RESTYLED, "the example in the restyled "
                                "template"),
    "docgen-council": (COUNCIL / "council.xlsx", seed_as_is, COUNCIL / "template.docx",
                       "the council layout"),
    "docgen-minimal": (MINIMAL, seed_as_is, None, "the minimal report"),
    "docgen-minimal-restyled": (MINIMAL, seed_as_is, RESTYLED, "the minimal report, restyled"),
    "docgen-decimal-numbering": (SEED, seed_numbering("1. / 1.1", 1), None,
                                 "decimal section numbers, 1-decimal % changes"),
    "docgen-paragraph-numbering": (SEED, seed_numbering("1.1 paragraphs"), None,
                                   "numbered paragraphs"),
    "docgen-rag": (SEED, seed_rag, None, "RAG ratings by target and direction"),
    "docgen-narrative-only": (SEED, narrative_only, None, "the seed's narrative, no tables"),
    "docgen-long-paragraphs": (MINIMAL, long_paragraphs, None, "page-long paragraphs of "
                               "seed text"),
    "docgen-long-lists": (MINIMAL, long_lists, None, "long bulleted and numbered lists of "
                          "seed sentences"),
    "docgen-big-tables": (MINIMAL, big_tables, None, "published monthly table; 120-row "
                          "synthetic table"),
    "docgen-wide-tables": (SEED, wide_tables, None, "12-, 13- and 15-column tables "
                           "(published and synthetic)"),
    "docgen-charts": (SEED, charts, None, "line, bar, column and stacked column charts of "
                      "published tables"),
    "docgen-urls": (MINIMAL, urls, None, "long URLs in text and a table (synthetic "
                    "sentences)"),
    "docgen-welsh": (MINIMAL, welsh, None, "Welsh (cy-GB) words and composed Welsh text"),
    "docgen-negatives": (MINIMAL, negatives, None, "signed figures in eight narrow columns"),
}


def build_report(name: str, workdir: Path, out: Path, normalise) -> None:
    """Write the workbook for `name` in `workdir` (made deterministic by `normalise`, so the
    report's recorded SHA-256 of it is too) and build its .docx at `out`."""
    import docgen

    base, edit, template, _ = REPORTS[name]
    wb = edit(load(base))
    book = workdir / f"{name}.xlsx"
    wb.save(book)
    book.write_bytes(normalise(book.read_bytes()))
    result = docgen.build(book, template=template, outdir=workdir)
    Path(result.docx).replace(out)
