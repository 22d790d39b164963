"""The agenda workbook's format: its sheets, columns and settings (documented in docs/pack.md).

The reader (`agenda`) and the blank-workbook writer (`blank`) both take the format from here.
"""

from __future__ import annotations

from ..workbook import Column

MEETING = "Meeting"
ITEMS = "Items"

MEETING_COLUMNS = [Column("Setting"), Column("Value")]

# Each setting: its label on the Meeting sheet, the `Meeting` field, and whether required.
MEETING_FIELDS: dict[str, tuple[str, bool]] = {
    "Committee": ("committee", True),
    "Date": ("date", True),
    "Time": ("time", False),
    "Venue": ("venue", False),
    "Chair": ("chair", False),
    "Clerk": ("clerk", False),
    "Contact": ("contact", False),
    "Public notice": ("public_notice", False),
}

ITEM_COLUMNS = [
    Column("Item", ("item number", "number", "no", "no.")),
    Column("Title"),
    Column("Presenter", ("presented by", "lead"), required=False),
    Column("Papers", ("paper", "files", "documents"), required=False),
    Column("Exempt paragraph", ("exempt", "exempt para", "part b paragraph"), required=False),
    Column("Note", required=False),
]
