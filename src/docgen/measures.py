"""The Measures sheet: one performance measure a row, with every derived figure computed."""

from __future__ import annotations

import re

from . import sheets, targets
from .figures import compute_change, display_value
from .language import ENGLISH, Words, words_for
from .model import Measure, MeasureTable, Settings, Value
from .numfmt import is_percent_format
from .workbook import Book, Row, read_rows

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")


def read_measures(book: Book, settings: Settings) -> list[Measure]:
    """Every measure of the Measures sheet, in sheet order; problems go to `book`."""
    ws = book.sheet(sheets.MEASURES)
    if ws is None:
        return []
    book.check_visible(ws)
    measures: list[Measure] = []
    seen_ids: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    overridden: list[str] = []
    for row in read_rows(book, ws, sheets.MEASURE_COLUMNS):
        measure = _read_measure(book, ws, row, settings)
        if measure is None:
            continue
        if row.cell("RAG") and book.text(ws, row.cell("RAG")):
            overridden.append(f"{measure.id} (row {row.number})")
        _check_unique(book, ws.title, row.cell("ID"), measure.id.upper(), seen_ids, "ID")
        # Names repeat across themes in real tables ("England & Wales" under two themes).
        _check_unique(book, ws.title, row.cell("Measure"),
                      f"{measure.theme.lower()}\x00{measure.name.lower()}", seen_names,
                      "measure name")
        measures.append(measure)
    if overridden:
        book.warning(f"the RAG rating is set by hand, not by the RAG rule, for "
                     f"{', '.join(overridden)}", ws.title, "")
    return measures


def _check_unique(book: Book, sheet: str, cell: str | None, key: str, seen: dict[str, str],
                  what: str) -> None:
    if key in seen:
        shown = key.split("\x00")[-1]
        scope = " in this theme" if "\x00" in key else ""
        book.error(f"the {what} '{shown}' is used already{scope} in {seen[key]}", sheet,
                   cell or "")
    else:
        seen[key] = cell or ""


def _read_measure(book: Book, ws, row: Row, settings: Settings) -> Measure | None:
    def text(column: str) -> str:
        cell = row.cell(column)
        return book.text(ws, cell) if cell else ""

    def choice(column: str, allowed: tuple[str, ...], default: str) -> str:
        value = text(column).lower() or default
        if value not in allowed:
            book.error(f'"{value}" is not a {column.lower()}; choose one of: '
                       f'{", ".join(allowed)}', ws.title, row.cell(column) or "")
            return default
        return value

    measure_id, name, theme = text("ID"), text("Measure"), text("Theme")
    for column, what, value in (("ID", "ID", measure_id), ("Measure", "name", name),
                                ("Theme", "theme", theme)):
        if not value:
            book.error(f"enter the {what} of this measure", ws.title, row.cell(column) or "")
    if measure_id and not _ID.match(measure_id):
        book.error(f'the ID "{measure_id}" must start with a letter and use only letters, '
                   "digits and _ (at most 40)", ws.title, row.cell("ID") or "")
    kind = choice("Kind", sheets.KINDS, "count")
    better = choice("Better", sheets.BETTER, "neither")
    choice("Compared with", sheets.COMPARED_WITH, sheets.SAME_PERIOD_LAST_YEAR)
    previous_period = text("Previous period") or settings.previous_period
    previous = _value(book, ws, row.cell("Previous"), kind, required=False,
                      words=words_for(settings.language))
    if settings.rolled_from and previous.number is None and row.cell("Previous") and not \
            _has_error(book, ws.title, row.cell("Previous")):
        # A rolled workbook's empty Previous was emptied by roll-forward: only a figure typed
        # for this quarter may reach the report.
        book.error(f"enter the {previous_period or 'previous period'} value for "
                   f"{name or measure_id} (this workbook was rolled forward from "
                   f"{settings.rolled_from})", ws.title, row.cell("Previous"))
    current = _value(book, ws, row.cell("Current"), kind, required=True,
                     words=words_for(settings.language))
    decimals = settings.percent_decimals
    if row.cell("Change decimals"):
        decimals = read_decimals(book, ws, row.cell("Change decimals"), decimals)
    target = _target(book, ws, row.cell("Target"), kind)
    words = words_for(settings.language)
    change = compute_change(previous, current, kind, better, decimals,  # type: ignore[arg-type]
                            words)
    rating = targets.rate(target, previous, current, change, kind, better,  # type: ignore[arg-type]
                          _rule(settings))
    rag = targets.override(text("RAG")) if text("RAG") else None
    if text("RAG") and rag is None:
        book.error(f'"{text("RAG")}" is not a RAG rating; type Green, Amber or Red, or leave '
                   "it blank for the RAG rule to decide", ws.title, row.cell("RAG") or "")
    if target is not None and better == "neither":
        book.warning("a target needs Better set to higher or lower to be met or not",
                     ws.title, row.cell("Better") or row.cell("Target") or "")
    if not (measure_id and name and theme):
        return None
    return Measure(
        id=measure_id.upper(),
        theme=theme,
        name=name,
        kind=kind,  # type: ignore[arg-type]
        better=better,  # type: ignore[arg-type]
        previous=previous,
        current=current,
        change=change,
        note=text("Note"),
        previous_period=previous_period,
        current_period=text("Current period") or settings.current_period,
        target=target,
        target_met=rating.met,
        status=rating.status,
        status_text=words.status(rating.status),
        not_available=words.not_available,
        rag=rag or rating.rag,
        target_gap=rating.gap_text,
        target_gap_value=rating.gap,
        in_appendix=choice("In appendix", ("yes", "no"), "yes") == "yes",
        row=row.number,
    )


def _target(book: Book, ws, cell: str | None, kind: str) -> targets.Target | None:
    """The measure's target, or None; a target that can't be right is an error on its cell."""
    if cell is None:
        return None
    try:
        return targets.parse_target(book.value(ws.title, cell), book.number_format(ws, cell),
                                    kind)  # type: ignore[arg-type]
    except targets.TargetError as exc:
        book.error(str(exc), ws.title, cell)
        return None


def _rule(settings: Settings) -> tuple[str, float | None]:
    """The RAG rule (checked, with its cell, when the settings were read)."""
    try:
        return targets.parse_rule(settings.rag_rule)
    except targets.TargetError:
        return targets.RULE_TARGET, None


def _value(book: Book, ws, cell: str | None, kind: str, *, required: bool,
           words: Words = ENGLISH) -> Value:
    if cell is None:
        return Value(None, words.not_available)
    number = book.number(ws, cell)
    if number is None and required and not _has_error(book, ws.title, cell):
        book.error("enter a number for this period", ws.title, cell)
    number_format = book.number_format(ws, cell)
    if kind == "percentage" and number is not None and (
            abs(number) > 1 or not is_percent_format(number_format)):
        book.warning(f"this rate is {number:g} in a cell formatted {number_format!r}: type a "
                     "rate as a fraction in a % format (70.4% is 0.704), or its change is "
                     "worked out as a count", ws.title, cell)
    return Value(number, display_value(number, kind, number_format, words),  # type: ignore[arg-type]
                 number_format)


def _has_error(book: Book, sheet: str, cell: str) -> bool:
    return any(p.sheet == sheet and p.cell == cell for p in book.problems)


def read_theme_notes(book: Book) -> dict[str, str]:
    """Theme → note shown under the theme's heading in Appendix A (optional Themes sheet)."""
    ws = book.sheet(sheets.THEMES)
    if ws is None:
        return {}
    notes = {}
    for row in read_rows(book, ws, sheets.THEME_COLUMNS):
        theme = book.text(ws, row.cell("Theme") or "")
        if theme:
            notes[theme.lower()] = book.text(ws, row.cell("Note")) if row.cell("Note") else ""
    return notes


def group_appendix(measures: list[Measure], notes: dict[str, str]) -> list[MeasureTable]:
    """Appendix A's tables: measures by theme (in order of first appearance), split where
    consecutive measures of a theme report different periods."""
    themes: dict[str, list[Measure]] = {}
    for measure in (m for m in measures if m.in_appendix):
        themes.setdefault(measure.theme.lower(), []).append(measure)
    tables: list[MeasureTable] = []
    for key, members in themes.items():
        run: list[Measure] = []
        for measure in members:
            if run and _periods(run[-1]) != _periods(measure):
                tables.append(_table(run, notes.get(key, ""), first=not _has_theme(tables, key)))
                run = []
            run.append(measure)
        tables.append(_table(run, notes.get(key, ""), first=not _has_theme(tables, key)))
    return tables


def _periods(measure: Measure) -> tuple[str, str]:
    return measure.previous_period, measure.current_period


def _has_theme(tables: list[MeasureTable], key: str) -> bool:
    return any(table.theme.lower() == key for table in tables)


def _table(run: list[Measure], note: str, *, first: bool) -> MeasureTable:
    return MeasureTable(
        theme=run[0].theme,
        note=note,
        previous_period=run[0].previous_period,
        current_period=run[0].current_period,
        measures=tuple(run),
        first_of_theme=first,
    )


def read_decimals(book: Book, ws, cell: str, default: int) -> int:
    """A number of decimal places for % changes (0 to 3) from `cell`; an error otherwise."""
    value = book.value(ws.title, cell)
    if value in (None, ""):
        return default
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value) == int(
            value) and 0 <= value <= sheets.MAX_PERCENT_DECIMALS:
        return int(value)
    book.error(f"expected a whole number of decimal places from 0 to "
               f"{sheets.MAX_PERCENT_DECIMALS}, found {value!r}", ws.title, cell)
    return default
