"""Read the agenda workbook: the Meeting sheet and the Items sheet, every problem located.

The same conventions as the report workbook (`docgen.workbook`): headings in row 1, every
problem a `Problem` naming its sheet and cell, all collected before anything is built.
Papers are only named here; `papers` checks the files themselves.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..exceptions import Problem, WorkbookError, errors_in, sort_problems
from ..workbook import Book, load_workbook, read_rows
from . import sheets
from .model import EXEMPT_PARAGRAPHS, Agenda, Item, Meeting, Paper

DATE_FORMATS = ("%d/%m/%Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")
MAX_ITEMS = 200
MAX_PAPERS_PER_ITEM = 50


def read_agenda(path: str | os.PathLike[str]) -> tuple[Agenda, list[Problem]]:
    """The agenda and its warnings, or `WorkbookError` listing every problem by sheet and cell."""
    agenda, problems = load_agenda(path)
    errors = errors_in(problems)
    if errors:
        raise WorkbookError(f"the agenda workbook has {len(errors)} problem(s)", problems)
    return agenda, problems


def load_agenda(path: str | os.PathLike[str]) -> tuple[Agenda, list[Problem]]:
    """The agenda as far as it could be read (items with errors left out) and every problem
    found, sorted; `WorkbookError` only for a file that is not a usable workbook."""
    book = load_workbook(path)
    meeting = read_meeting(book)
    items = read_items(book)
    return Agenda(Path(path), meeting, tuple(items)), sort_problems(book.problems)


def read_meeting(book: Book) -> Meeting:
    """The Meeting sheet (Setting | Value); a missing required setting is an error."""
    ws = book.sheet(sheets.MEETING)
    if ws is None:
        book.error(f"the workbook has no sheet called '{sheets.MEETING}'", sheets.MEETING)
        return Meeting(committee="", date=None)
    book.check_visible(ws)
    labels = {label.lower(): label for label in sheets.MEETING_FIELDS}
    values: dict[str, object] = {}
    found: dict[str, str] = {}
    for row in read_rows(book, ws, sheets.MEETING_COLUMNS):
        key_cell, value_cell = row.cell("Setting"), row.cell("Value")
        if not key_cell or not value_cell:
            continue
        typed = book.text(ws, key_cell).rstrip(":").strip()
        label = labels.get(typed.lower())
        if label is None:
            if typed:
                book.warning(f'"{typed}" is not a meeting setting docgen knows; it is ignored',
                             ws.title, key_cell)
            continue
        if label in found:
            book.error(f"'{label}' is set twice (also in {found[label]})", ws.title, key_cell)
        found[label] = value_cell
        values[label] = (_date(book, ws, value_cell) if label == "Date"
                         else book.text(ws, value_cell))
    for label, (_, required) in sheets.MEETING_FIELDS.items():
        if not required:
            continue
        if label not in found:
            book.error(f"add a row '{label}' with the meeting's {label.lower()}", ws.title)
        elif not values.get(label) and not book.text(ws, found[label]):
            book.error(f"enter the {label.lower()}", ws.title, found[label])
    fields = {field: values.get(label) or ("" if field != "date" else None)
              for label, (field, _) in sheets.MEETING_FIELDS.items()}
    return Meeting(**fields)


def _date(book: Book, ws, cell: str) -> dt.date | None:
    """A date cell, or a date typed as text (21/11/2019, 21 November 2019); else an error."""
    value = book.value(ws.title, cell)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = book.text(ws, cell)
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    book.error(f'"{text}" is not a date; enter one such as 21/11/2019', ws.title, cell)
    return None


def read_items(book: Book) -> list[Item]:
    """The Items sheet in order: one item a row; duplicate numbers and bad cells are errors."""
    ws = book.sheet(sheets.ITEMS)
    if ws is None:
        book.error(f"the workbook has no sheet called '{sheets.ITEMS}'", sheets.ITEMS)
        return []
    book.check_visible(ws)
    items: list[Item] = []
    first_cell: dict[str, str] = {}
    rows = read_rows(book, ws, sheets.ITEM_COLUMNS)
    if len(rows) > MAX_ITEMS:
        book.error(f"the agenda has {len(rows)} items; a pack may have up to {MAX_ITEMS}",
                   ws.title)
        return []
    for row in rows:
        item = _item(book, ws, row)
        if item is None:
            continue
        key = item.number.casefold()
        if key in first_cell:
            book.error(f"item {item.number} is listed twice (also in {first_cell[key]}); "
                       "give each item its own number", ws.title, row.cell("Item"))
            continue
        first_cell[key] = row.cell("Item")
        items.append(item)
    if not rows:
        book.error("the agenda has no items: add one row per item under the headings",
                   ws.title)
    return items


def _item(book: Book, ws, row) -> Item | None:
    number_cell, title_cell = row.cell("Item"), row.cell("Title")
    number = book.text(ws, number_cell) if number_cell else ""
    title = book.text(ws, title_cell) if title_cell else ""
    if not number:
        book.error("enter the item's number (or a label such as 5a)", ws.title, number_cell)
    if not title:
        book.error("enter the item's title", ws.title, title_cell)
    if not number or not title:
        return None
    return Item(number=number, title=title, row=row.number,
                presenter=_text(book, ws, row, "Presenter"),
                papers=_papers(book, ws, row),
                exempt_paragraph=_exempt_paragraph(book, ws, row.cell("Exempt paragraph")),
                note=_text(book, ws, row, "Note"))


def _text(book: Book, ws, row, column: str) -> str:
    cell = row.cell(column)
    return book.text(ws, cell) if cell else ""


def _papers(book: Book, ws, row) -> tuple[Paper, ...]:
    """The file names of the Papers cell, one a line, relative to the agenda workbook."""
    cell = row.cell("Papers")
    if not cell:
        return ()
    names = [line.strip() for line in book.text(ws, cell).splitlines() if line.strip()]
    if len(names) > MAX_PAPERS_PER_ITEM:
        book.error(f"{len(names)} papers are named; an item may have up to "
                   f"{MAX_PAPERS_PER_ITEM}", ws.title, cell)
        return ()
    folder = book.path.parent
    return tuple(Paper(name, folder / name, cell) for name in names)


def _exempt_paragraph(book: Book, ws, cell: str | None) -> int | None:
    """Blank for a public item, else the paragraph of Part 1 of Schedule 12A (1 to 7)."""
    if not cell:
        return None
    text = book.text(ws, cell)
    if not text:
        return None
    digits = text.lower().removeprefix("paragraph").strip()
    if digits.isdigit() and int(digits) in EXEMPT_PARAGRAPHS:
        return int(digits)
    book.error(f'"{text}" is not a paragraph of Part 1 of Schedule 12A: enter a number from '
               f"{EXEMPT_PARAGRAPHS.start} to {EXEMPT_PARAGRAPHS.stop - 1}, or leave it blank "
               "for a public item", ws.title, cell)
    return None
