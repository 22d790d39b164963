"""What the fidelity corpus's documents say: the seed report's own text (the example
workbook's Narrative sheet, read at build time), its published figures (Appendix A and the
tables of the November 2019 report), addresses for the URL documents and a small picture.
Sentences composed for layout testing begin with SYNTHETIC."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "inputs" / "quarterly-report-2019-11.xlsx"
SYNTHETIC = "Synthetic text for layout testing: "

# Appendix A of the November 2019 report (the seed), as published.
APPENDIX = [
    ("Tackling Crime & Re-offending", [
        ("All Crime", "152,063", "increase (2%, 3192)", "155,255"),
        ("Violence with injury", "19,048", "decrease (7%, -1295)", "17,753"),
        ("Violence without injury", "21,081", "increase (13%, 2793)", "23,874"),
        ("Burglary Residential", "8,706", "increase (1%, 87)", "8,793"),
        ("Robbery (Personal)", "901", "increase (29%, 258)", "1,159"),
        ("Public Order", "12186", "Increase (4%, 506)", "12,692"),
        ("Number of Anti-Social Behaviour Incidents", "57,947", "decrease (9%, -5463 )",
         "52,484")]),
    ("Supporting Vulnerable People & Victims", [
        ("Rape", "1,518", "increase (4%, 55)", "1,573"),
        ("%Other Sexual Offences", "3,436", "decrease (4%, -137)", "3,299"),
        ("CSE Crime", "713", "decrease (22%, -159)", "554"),
        ("Modern Slavery Crimes (Only introduced 1st April 2015)", "101", "increase (7%, 7)",
         "108"),
        ("Domestic Abuse Crime", "19,850", "increase (1%, )", "20,107"),
        ("Hate Crime", "2,838", "decrease (7%, -201)", "2,637"),
        ("Missing Person Incidents* *SQL query in Storm", "9,971", "increase (2%, 211)",
         "10,182")]),
]

# The seed report's offence table (annual changes and quarterly reductions), as published.
OFFENCES = [
    ("All Crime", "+17% (23362)", "+2% (3192)", "-14% (-6032)"),
    ("Violence with Injury", "+6% (1151)", "-7% (-1295)", "-24% (-1355)"),
    ("Violence w/o Injury", "+34% (6249)", "13% (2793)", "-3% (210)"),
    ("Burglary Residential", "+4% (355)", "1% (87)", "-8% (-169)"),
    ("Public Order Offences", "+60% (5340)", "4% (506)", "-34% (1536)"),
]

# Knife crimes per 100k population, Most Similar Group (the seed report's table).
KNIFE = [
    ("W Yorks", 59, 50, 49, 51, 54, 65, 84, 107, 116, 635, "+97%"),
    ("Notts", 51, 49, 47, 53, 49, 51, 65, 71, 78, 514, "+53%"),
    ("Lancashire", 45, 46, 40, 44, 40, 42, 55, 58, 77, 447, "+71%"),
    ("S Yorks", 37, 37, 35, 40, 40, 44, 63, 72, 74, 442, "+100%"),
    ("Humberside", 42, 41, 41, 35, 43, 53, 47, 63, 72, 437, "+71%"),
    ("Northumbria", 28, 26, 22, 25, 30, 37, 37, 56, 65, 326, "+132%"),
    ("S Wales", 30, 29, 31, 29, 31, 31, 36, 47, 56, 320, "+87%"),
    ("Kent", 20, 21, 25, 28, 29, 31, 37, 43, 52, 286, "+160%"),
]

KNIFE_HEADER = ("Force", "2010/11", "2011/12", "2012/13", "2013/14", "2014/15", "2015/16",
                "2016/17", "2017/18", "2018/19", "Total", "% Increase")

URLS = [
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "https://example.org/statistics/police-recorded-crime/2019-20/quarter-2/open-data-tables/"
    "community-safety-partnership-level.xlsx",
    "https://example.org/reports/strategic-scrutiny/2019/november/appendix-a/performance-data"
    "?format=accessible&amp;version=2",
    "https://example.org/a/very/long/path/without/any/spaces/that/must/break/somewhere/"
    "inside/a/narrow/table/cell/index.html",
]


def seed_paragraphs() -> list[str]:
    """The seed report's narrative paragraphs as plain text (no measure references)."""
    import openpyxl

    sheet = openpyxl.load_workbook(SEED, read_only=True)["Narrative"]
    out = []
    for row in sheet.iter_rows(min_row=2, values_only=True):
        for line in str(row[2] or "").split("\n"):
            line = line.strip().lstrip("-• ").replace("\\*", "*")
            line = re.sub(r"\*+([^*]+)\*+", r"\1", line)
            if len(line) > 60 and "{" not in line:
                out.append(line)
    return out


def png(width: int, height: int, seed: int = 1) -> bytes:
    """A small deterministic RGB picture (bars on a light ground), as PNG bytes."""
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")
        for x in range(width):
            bar = (x * 7 // width)
            top = height - (height * ((bar * 37 + seed * 13) % 90 + 10)) // 110
            if y >= top and x % (width // 7) > 3:
                row += bytes((30 + bar * 25, 90, 160 - bar * 15))
            else:
                row += b"\xf4\xf4\xf0"
        rows.append(bytes(row))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                                0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))
