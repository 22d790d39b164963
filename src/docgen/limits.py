"""Limits on what docgen will read, in one place (documented in docs/security.md).

A workbook arrives by e-mail or upload; these bounds make a hostile or broken one fail fast
with a message instead of exhausting memory or time.
"""

MAX_FILE_BYTES = 50_000_000
"""The largest workbook file accepted."""

MAX_UNPACKED_BYTES = 40_000_000
"""The largest total size of the workbook's parts once unzipped, as the zip declares them."""

MAX_COMPRESSION_RATIO = 200
"""The largest unzipped-to-zipped ratio of one part larger than 1 MB (zip bombs)."""

MAX_ZIP_ENTRIES = 2_000
"""The most parts a workbook may have."""

MAX_SHEET_CELLS = 5_000_000
"""The largest area (rows × columns) a sheet may declare before openpyxl reads it."""

MAX_WORKBOOK_CELLS = 200_000
"""The most cells (filled or formatted) all the sheets may hold, counted in the XML before
openpyxl reads it, which takes some 10-25 µs and 500 bytes a cell. A committee report's
workbook holds a few thousand (the 80-page benchmark report 4,000)."""

MAX_ROWS = 5_000
"""The most rows docgen reads from one sheet."""

MAX_COLUMNS = 200
"""The most columns docgen reads from one sheet."""

MAX_CELL_CHARS = 32_767
"""The longest text of one cell (Excel's own limit)."""

MAX_TABLE_CELLS = 25_000
"""The most cells docgen reads from all the Excel Tables of a workbook together, checked before
any is read. A committee report's tables hold a few hundred cells (the 80-page benchmark
report 1,500); 25,000 still lets through a 5,000-row data table of five columns. Without it,
four empty tables of 4,999 × 199 cells (a 41 KB file) took 1.8 GB to read."""

MAX_FORMULA_CHARS = 8_192
"""The longest formula (Excel's own limit)."""

MAX_FORMULA_NESTING = 64
"""How deeply brackets, functions and signs may nest in one formula (Excel's own limit on
nested functions); deeper formulas would exhaust Python's stack."""

MAX_RANGE_CELLS = 100_000
"""The most cells one range in a formula may cover (=SUM(A1:J10000))."""

MAX_FORMULA_WORK = 1_000_000
"""The most work docgen does on a workbook's formulas, counted in cells read: each formula
counts `FORMULA_OVERHEAD` plus every cell its ranges cover, and is refused before it is worked
out if it would take the total past this (a second or two at most). A report's formulas come
to a few thousand (the 80-page benchmark report's to some 20,000); 1,000 formulas each adding
up 100,000 cells (51 s of CPU before this limit) are stopped at the tenth."""

FORMULA_OVERHEAD = 100
"""What reading and working out one formula costs, in cells read (parsing it takes about as
long as reading 100 cells), so that many small formulas are bounded as well as large ranges."""
