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

MAX_ROWS = 5_000
"""The most rows docgen reads from one sheet."""

MAX_COLUMNS = 200
"""The most columns docgen reads from one sheet."""

MAX_CELL_CHARS = 32_767
"""The longest text of one cell (Excel's own limit)."""
