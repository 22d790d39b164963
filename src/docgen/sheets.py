"""The workbook format: which sheets and columns docgen reads (documented in docs/workbook.md).

Defaults live here too, so the reader, the blank-workbook writer and the docs agree.
"""

from __future__ import annotations

from .workbook import Column

SETTINGS = "Settings"
NARRATIVE = "Narrative"
MEASURES = "Measures"
THEMES = "Themes"
TABLES = "Tables"
CHARTS = "Charts"
IMPLICATIONS = "Implications"
INSTRUCTIONS = "Instructions"

REQUIRED_SHEETS = (SETTINGS, NARRATIVE, MEASURES, IMPLICATIONS)

SETTINGS_COLUMNS = [Column("Setting"), Column("Value")]

# Each setting: its label in the Settings sheet, the model field, and whether required.
SETTING_FIELDS: dict[str, tuple[str, bool]] = {
    "Report to": ("report_to", True),
    "Meeting date": ("meeting_date", True),
    "Title": ("title", True),
    "Agenda item": ("agenda_item", False),
    "Organisation": ("organisation", False),
    "Author": ("author", False),
    "Subject": ("subject", False),
    "Keywords": ("keywords", False),
    "Previous period": ("previous_period", False),
    "Current period": ("current_period", False),
    "Previous heading": ("previous_heading", False),
    "Change heading": ("change_heading", False),
    "Current heading": ("current_heading", False),
    "Appendix title": ("appendix_title", False),
    "Appendix note": ("appendix_note", False),
    "Percent change decimals": ("percent_decimals", False),
    "Section numbering": ("section_numbering", False),
    "Language": ("language", False),
    "RAG rule": ("rag_rule", False),
    "Green colour": ("green_colour", False),
    "Amber colour": ("amber_colour", False),
    "Red colour": ("red_colour", False),
    "Rolled forward from": ("rolled_from", False),
}

SET_BY_DOCGEN = ("Rolled forward from",)
"""Settings docgen writes itself (`docgen init --from`), left out of a blank workbook."""

MAX_PERCENT_DECIMALS = 3
"""The most decimal places a % change may be shown to."""

NARRATIVE_COLUMNS = [
    Column("Level", ("heading level",)),
    Column("Heading"),
    Column("Text", ("paragraphs",)),
    Column("Insert", ("insert after", "table or chart"), required=False),
    Column("Caption", required=False),
]

MEASURE_COLUMNS = [
    Column("ID", ("id", "ref", "reference")),
    Column("Theme"),
    Column("Measure", ("name",)),
    Column("Previous", ("previous value",)),
    Column("Current", ("current value",)),
    Column("Kind"),
    Column("Better", ("better when", "which is better"), required=False),
    Column("Target", required=False),
    Column("Note", ("footnote", "source"), required=False),
    Column("Previous period", required=False),
    Column("Current period", required=False),
    Column("In appendix", ("show in appendix",), required=False),
    Column("Change decimals", ("percent change decimals",), required=False),
    Column("Compared with", ("previous is", "compare with"), required=False),
    Column("RAG", ("rag rating", "rag status"), required=False),
]

SAME_PERIOD_LAST_YEAR = "same period last year"
PREVIOUS_PERIOD = "previous period"
COMPARED_WITH = (SAME_PERIOD_LAST_YEAR, PREVIOUS_PERIOD)
"""What a measure's Previous value is: the same period a year before (rolling 12-month and
year-on-year figures, the default), or the period just before (quarter on quarter)."""

KINDS = ("count", "percentage", "minutes", "seconds", "money", "number")
BETTER = ("higher", "lower", "neither")

THEME_COLUMNS = [Column("Theme"), Column("Note", required=False)]

IMPLICATION_COLUMNS = [Column("Implication", ("heading",)), Column("Detail", ("text",))]

CHART_COLUMNS = [
    Column("Chart", ("name",)),
    Column("Type"),
    Column("Table"),
    Column("Series in", ("series",)),
    Column("Title", required=False),
    Column("X axis title", ("x axis",), required=False),
    Column("Y axis title", ("y axis",), required=False),
    Column("Leave out", ("exclude",), required=False),
    Column("Alt text", ("alternative text",), required=False),
    Column("Show table", required=False),
]

CHART_TYPES = ("line", "column", "bar", "stacked column")
SERIES_IN = ("rows", "columns")
