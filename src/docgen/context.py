"""The template context: every name a Word template can use, as plain data.

This is the contract between docgen and an organisation's template (docs/templates.md is made
from `FIELDS` by `scripts/make_template_docs.py`, and a test keeps the two equal). Values are
strings, numbers, booleans, None, and lists and dicts of them (`sandbox.check_data`); the
narrative is the inert placeholder `body`, and the table of contents `toc`, both filled in after
Jinja has run.
"""

from __future__ import annotations

from .model import Measure, MeasureTable, Report
from .targets import AMBER, GREEN, NO_TARGET, RATINGS, RED, text_colour

SETTING_NAMES = {
    "report_to": "REPORT TO (Settings: Report to)",
    "meeting_date": "The meeting date as written in the report: 21st November 2019",
    "title": "The report's title",
    "agenda_item": "Agenda item: Item 2",
    "organisation": "The organisation",
    "author": "The author",
    "subject": "The subject (document properties)",
    "language": "The report's language: en-GB or cy-GB",
    "previous_period": "The previous period's label: Oct '17 - Sep '18",
    "current_period": "The current period's label: Oct '18 - Sep '19",
    "previous_heading": "Appendix A's heading over the previous values",
    "change_heading": "Appendix A's heading over the changes",
    "current_heading": "Appendix A's heading over the current values",
    "appendix_title": "Appendix A's title",
    "appendix_note": "A paragraph under Appendix A's title",
}

MEASURE_FIELDS = {
    "id": "The measure's ID: ASB",
    "theme": "Its theme",
    "name": "Its name as shown",
    "note": "Its note",
    "previous": "The previous value as shown: 57,947",
    "current": "The current value as shown: 52,484",
    "change": "The change in house style: decrease (−9%, −5,463)",
    "improved": "True when the change went the better way, False when not, None when neither",
    "direction": "increase, decrease or no change (in the report's language)",
    "trend": "up, down or unchanged (in the report's language)",
    "previous_value": "The previous value as a number (None when blank)",
    "current_value": "The current value as a number",
    "change_value": "The change as a number: current − previous (None without previous)",
    "change_pct": "The % change as a number: −9.43 (None where it means nothing)",
    "target": "The target as typed: 3,423, −13%, +2 pts ('' without one)",
    "target_met": "True when met, False when not, None without a target",
    "status": "met, not met or no target (in the report's language)",
    "rag": "Green, Amber or Red ('' without a target)",
    "rag_colour": "The RAG cell's shading, six hex digits ('' without a rating)",
    "rag_text_colour": "Black or white, whichever reads on the shading: 000000 or FFFFFF",
    "target_gap": "How far the current value is from the target, in its units: +77",
    "previous_period": "The measure's previous period",
    "current_period": "The measure's current period",
}

FIELDS: dict[str, object] = {
    **SETTING_NAMES,
    "settings": {"*": "Every row of the Settings sheet as shown, by its label as typed: "
                      "settings[\"From\"], settings[\"Contact officer\"]"},
    "body": "The narrative: sections, tables and charts. Put {{p body }} alone in a "
            "paragraph where it goes",
    "toc": "A table of contents of the report's headings (levels 1 to 3) with their page "
           "numbers, as a Word TOC field: put {{ toc }} alone in a paragraph where it goes "
           "(a Word table of contents in the template is filled in the same way)",
    "implications_heading": "The Implications heading with its number: 10. Implications",
    "implications": [{"label": "Financial:, Legal: …", "detail": "The implication's text"}],
    "measures": [MEASURE_FIELDS],
    "measure": {"*": "Each measure by its ID, with the fields of `measures`: "
                     "measure[\"ASB\"].current"},
    "appendix": [{
        "theme": "The theme of this Appendix A table",
        "note": "The theme's note",
        "previous_period": "The table's previous period",
        "current_period": "The table's current period",
        "first_of_theme": "True for the first table of its theme",
        "measures": [MEASURE_FIELDS],
    }],
    "rag_counts": {
        "overall": {"Green": "How many measures are Green", "Amber": "… Amber",
                    "Red": "… Red", "no target": "… have no rating"},
        "themes": [{"theme": "A theme", "Green": "Its Green measures", "Amber": "… Amber",
                    "Red": "… Red", "no target": "… without a rating"}],
    },
}
"""Every name a template can use, with what it holds: a dict of field descriptions, a
one-item list (a list of such dicts), or {"*": …} for a dict with any keys."""


def template_context(report: Report) -> dict:
    """The names a template can use (see `FIELDS`): plain data, never workbook code."""
    s = report.settings
    colours = {GREEN: s.green_colour, AMBER: s.amber_colour, RED: s.red_colour}
    measures = [measure_fields(m, colours) for m in report.measures]
    by_id = {m["id"]: m for m in measures}
    context: dict = {name: str(getattr(s, "meeting_date_text" if name == "meeting_date"
                                       else name) or "") for name in SETTING_NAMES}
    context.update({
        "settings": dict(s.values),
        "implications_heading": f"{report.implications_number} Implications".strip(),
        "implications": [{"label": i.label, "detail": i.detail} for i in report.implications],
        "measures": measures,
        "measure": by_id,
        "appendix": [appendix_table(group, by_id) for group in report.appendix],
        "rag_counts": rag_counts(report.measures),
    })
    return context


def measure_fields(m: Measure, colours: dict[str, str]) -> dict:
    """One measure's fields for a template (`MEASURE_FIELDS`)."""
    fill = colours.get(m.rag, "")
    return {
        "id": m.id, "theme": m.theme, "name": m.name, "note": m.note,
        "previous": m.previous.text, "current": m.current.text, "change": m.change.text,
        "improved": m.change.improved, "direction": m.change.direction_text,
        "trend": m.change.trend, "previous_value": m.previous.number,
        "current_value": m.current.number, "change_value": m.change.absolute,
        "change_pct": m.change.percent, "target": m.target.text if m.target else "",
        "target_met": m.target_met, "status": m.status_text, "rag": m.rag,
        "rag_colour": fill, "rag_text_colour": text_colour(fill) if fill else "",
        "target_gap": m.target_gap if m.target else "",
        "previous_period": m.previous_period, "current_period": m.current_period,
    }


def appendix_table(group: MeasureTable, by_id: dict[str, dict]) -> dict:
    """One Appendix A table for a template (its measures are the same dicts as `measures`)."""
    return {
        "theme": group.theme, "note": group.note, "previous_period": group.previous_period,
        "current_period": group.current_period, "first_of_theme": group.first_of_theme,
        "measures": [by_id[m.id] for m in group.measures],
    }


def rag_counts(measures: list[Measure]) -> dict:
    """How many measures are Green, Amber, Red or without a rating, overall and by theme
    (themes in order of first appearance)."""
    def count(members: list[Measure]) -> dict[str, int]:
        counts = {rating: sum(m.rag == rating for m in members) for rating in RATINGS}
        counts[NO_TARGET] = sum(m.rag not in RATINGS for m in members)
        return counts

    themes: dict[str, list[Measure]] = {}
    for measure in measures:
        themes.setdefault(measure.theme, []).append(measure)
    return {"overall": count(measures),
            "themes": [{"theme": theme, **count(members)} for theme, members in themes.items()]}
