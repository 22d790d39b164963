"""Build the report model from a loaded workbook, validating everything first.

`build_report` reads every sheet, collects every problem (errors and warnings, with sheet and
cell), and raises `WorkbookError` once if there is any error; otherwise it returns the model,
with every derived figure computed, and the warnings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import string

from . import sheets, targets
from .exceptions import Problem, WorkbookError, errors_in, sort_problems
from .language import LANGUAGES, words_for
from .measures import group_appendix, read_decimals, read_measures, read_theme_notes
from .model import Block, Chart, Heading, Implication, Measure, Report, Settings, Table
from .numbering import SCHEMES, Counter, find_scheme, scheme_named
from .tables import build_table, read_charts, read_source_tables
from .text import parse_paragraphs, resolve_references
from .workbook import Book, read_rows

logger = logging.getLogger(__name__)


def build_report(book: Book, template_settings: frozenset[str] = frozenset()
                 ) -> tuple[Report, list[Problem]]:
    """The report model and its warnings; raises `WorkbookError` listing every problem.

    `template_settings` are the Settings labels the template reads (settings["From"]): rows
    with those labels are the template's, not unknown settings to warn about.
    """
    _check_sheets(book)
    settings = read_settings(book, template_settings)
    measures = read_measures(book, settings)
    by_id = {m.id: m for m in measures}
    sources = read_source_tables(book)
    tables = {key: build_table(book, source, by_id) for key, source in sources.items()}
    charts = read_charts(book, sources)
    numbering = Counter(scheme_named(settings.section_numbering))
    report = Report(
        settings=settings,
        blocks=read_narrative(book, by_id, tables, charts, numbering),
        measures=measures,
        appendix=group_appendix(measures, read_theme_notes(book)),
        tables=tables,
        charts=charts,
        implications=read_implications(book),
        implications_number=numbering.heading(1),
    )
    problems = sort_problems(book.problems)
    errors = errors_in(problems)
    if errors:
        raise WorkbookError(f"the workbook has {len(errors)} problem(s) to fix", problems)
    return report, problems


def _check_sheets(book: Book) -> None:
    for name in sheets.REQUIRED_SHEETS:
        if book.sheet(name) is None:
            book.error(f"the workbook has no sheet called '{name}'", name)


def read_settings(book: Book, template_settings: frozenset[str] = frozenset()) -> Settings:
    """The Settings sheet: one setting a row (Setting | Value). Every row is also kept as
    shown, by its label, for templates (`Settings.values`)."""
    values: dict[str, object] = {}
    shown: dict[str, str] = {}
    wanted = {label.lower() for label in template_settings}
    ws = book.sheet(sheets.SETTINGS)
    found: dict[str, str] = {}
    if ws is not None:
        book.check_visible(ws)
        labels = {label.lower(): label for label in sheets.SETTING_FIELDS}
        for row in read_rows(book, ws, sheets.SETTINGS_COLUMNS):
            key_cell, value_cell = row.cell("Setting"), row.cell("Value")
            if not key_cell or not value_cell:
                continue
            typed = book.text(ws, key_cell).strip().rstrip(":").strip()
            if typed:
                shown[typed] = book.text(ws, value_cell)
            label = labels.get(typed.lower())
            if label is None:
                if typed.lower() not in wanted:
                    book.warning(f'"{typed}" is not a setting docgen knows, nor one the '
                                 "template uses; it is ignored", ws.title, key_cell)
                continue
            if label in found:
                book.error(f"'{label}' is set twice (also in {found[label]})", ws.title, key_cell)
            found[label] = key_cell
            values[label] = _setting_value(book, ws, label, value_cell)
        for label, (_, required) in sheets.SETTING_FIELDS.items():
            if required and not values.get(label):
                cell = found.get(label, "")
                book.error(f"enter the {label.lower()}", ws.title,
                           _value_cell(cell) if cell else "")
    settings = _settings(values)
    if "Meeting date" in shown:  # as the report writes it, not as the cell stores it
        shown["Meeting date"] = settings.meeting_date_text
    return dataclasses.replace(settings, values=shown)


def _value_cell(key_cell: str) -> str:
    return "B" + key_cell.lstrip(string.ascii_uppercase)


def _setting_value(book: Book, ws, label: str, cell: str) -> object:
    if label == "Percent change decimals":
        return read_decimals(book, ws, cell, 0)
    if label == "Language":
        text = book.text(ws, cell).strip()
        if text and text.lower() not in LANGUAGES:
            book.error(f'"{text}" is not a language docgen writes; use en-GB (English) or '
                       "cy-GB (Welsh)", ws.title, cell)
            return ""
        return LANGUAGES[text.lower()].code if text else ""
    if label == "Section numbering":
        return _section_numbering(book, ws, cell)
    if label == "RAG rule":
        text = book.text(ws, cell)
        try:
            targets.parse_rule(text)
        except targets.TargetError as exc:
            book.error(str(exc), ws.title, cell)
            return ""
        return text
    if label.endswith(" colour"):
        text = book.text(ws, cell).strip().lstrip("#").upper()
        if text and not re.fullmatch(r"[0-9A-F]{6}", text):
            book.error(f'"{book.text(ws, cell)}" is not a colour; type it as six hex digits '
                       "such as 00703C", ws.title, cell)
            return ""
        return text
    if label == "Meeting date":
        value = book.value(ws.title, cell)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, int | float | dt.time) and not isinstance(value, bool):
            book.error(f"expected a date such as 21/11/2019, found {value}", ws.title, cell)
            return ""
    return book.text(ws, cell)


def _section_numbering(book: Book, ws, cell: str) -> str:
    """The Section numbering scheme's name as docgen spells it; an error for an unknown one."""
    text = book.text(ws, cell).strip()
    if not text:
        return ""
    scheme = find_scheme(text)
    if scheme is None:
        names = ", ".join(f"'{name}'" for name in SCHEMES)
        book.error(f'"{text}" is not a section numbering docgen knows; use one of {names}',
                   ws.title, cell)
        return ""
    return scheme.name


def _settings(values: dict[str, object]) -> Settings:
    kwargs: dict[str, object] = {}
    for label, (name, _) in sheets.SETTING_FIELDS.items():
        if label in values and values[label] not in ("", None):
            kwargs[name] = values[label]
    meeting = kwargs.pop("meeting_date", None)
    date = meeting if isinstance(meeting, dt.date) else None
    return Settings(
        report_to=str(kwargs.pop("report_to", "")),
        title=str(kwargs.pop("title", "")),
        meeting_date=date,
        meeting_date_text=(words_for(str(kwargs.get("language", "")) or None).long_date(date)
                           if date else str(meeting or "")),
        **kwargs,  # type: ignore[arg-type]
    )


def read_narrative(
    book: Book,
    measures: dict[str, Measure],
    tables: dict[str, Table],
    charts: dict[str, Chart],
    numbering: Counter | None = None,
) -> list[Block]:
    """The Narrative sheet: blocks in document order, each heading with the label its
    section numbering gives it (`numbering`, by default the default scheme's)."""
    ws = book.sheet(sheets.NARRATIVE)
    if ws is None:
        return []
    book.check_visible(ws)
    numbering = numbering or Counter(scheme_named(""))
    blocks: list[Block] = []
    for row in read_rows(book, ws, sheets.NARRATIVE_COLUMNS):

        def text(column: str, row=row) -> str:
            cell = row.cell(column)
            return book.text(ws, cell) if cell else ""

        heading = _heading(book, ws, row, text("Level"), text("Heading"), numbering)
        body, problems = resolve_references(text("Text"), measures)
        for problem in problems:
            book.error(problem, ws.title, row.cell("Text") or "")
        insert = _insert(book, ws, row.cell("Insert"), text("Insert"), tables, charts)
        blocks.append(Block(heading, parse_paragraphs(body), insert, text("Caption")))
    return blocks


def _heading(book: Book, ws, row, level_text: str, title: str, numbering: Counter
             ) -> Heading | None:
    if not level_text and not title:
        return None
    if not title:
        book.error("enter the heading for this level, or clear the level", ws.title,
                   row.cell("Heading") or "")
        return None
    if level_text not in {"1", "2", "3"}:
        book.error(f'the level must be 1, 2 or 3, found "{level_text}"', ws.title,
                   row.cell("Level") or "")
        return None
    level = int(level_text)
    return Heading(level, numbering.heading(level), title)


def _insert(book: Book, ws, cell: str | None, name: str, tables: dict[str, Table],
            charts: dict[str, Chart]) -> Table | Chart | None:
    if not name:
        return None
    key = name.lower()
    found = charts.get(key) or tables.get(key)
    if found is None:
        known = ", ".join(sorted([t.name for t in tables.values()] +
                                 [c.name for c in charts.values()])) or "none"
        book.error(f"there is no table or chart called '{name}' (known: {known})", ws.title,
                   cell or "")
    return found


def read_implications(book: Book) -> list[Implication]:
    """The Implications sheet: Implication | Detail, in order."""
    ws = book.sheet(sheets.IMPLICATIONS)
    if ws is None:
        return []
    book.check_visible(ws)
    rows = []
    for row in read_rows(book, ws, sheets.IMPLICATION_COLUMNS):
        label = book.text(ws, row.cell("Implication") or "")
        detail = book.text(ws, row.cell("Detail") or "")
        if not label:
            book.error("enter the implication's heading", ws.title, row.cell("Implication") or "")
        if not detail:
            book.error("enter the detail (write Nil where there is none)", ws.title,
                       row.cell("Detail") or "")
        rows.append(Implication(label, detail))
    return rows
