"""Free tables (Excel Tables laid out by the author) and the charts made from them."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils.cell import range_boundaries

from . import limits, sheets
from .charts import too_many_series
from .figures import bind_signs
from .model import Chart, Measure, Series, Table, TableCell
from .numfmt import format_value
from .text import resolve_references
from .workbook import Book, read_rows


@dataclass(frozen=True)
class SourceCell:
    """A cell of an Excel Table: where it is, its worked-out value and number format."""

    coordinate: str
    value: object
    number_format: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class SourceTable:
    """An Excel Table as read: its name, sheet, header cells and body rows."""

    name: str
    sheet: str
    header: tuple[SourceCell, ...]
    rows: tuple[tuple[SourceCell, ...], ...]
    first_column_bold: bool


def read_source_tables(book: Book) -> dict[str, SourceTable]:
    """Every Excel Table in the workbook, keyed by its name in lower case.

    Each table's size is checked before any of its cells is read, and all of them together
    may hold at most `limits.MAX_TABLE_CELLS`; a table past either limit is an error naming it.
    """
    found: dict[str, SourceTable] = {}
    cells_read = 0
    for ws in book.workbook.worksheets:
        for table in ws.tables.values():  # TableList.items() gives refs, not tables
            name = table.displayName
            size = _table_size(book, ws, name, table.ref, cells_read)
            if size is None:
                found[name.lower()] = SourceTable(name, ws.title, (), (), False)
                continue
            cells_read += size
            found[name.lower()] = _read_source_table(book, ws, name, table)
    return found


def _table_size(book: Book, ws, name: str, ref: str, cells_read: int) -> int | None:
    """How many cells the table covers, or None (with an error) if docgen will not read it."""
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        rows, columns = max_row - min_row + 1, max_col - min_col + 1  # None for "A:C"
    except (ValueError, TypeError):
        book.error(f"the table '{name}' has a range docgen cannot read ({ref[:40]})", ws.title)
        return None
    where = ref.split(":")[0]
    if rows > limits.MAX_ROWS or columns > limits.MAX_COLUMNS:
        book.error(f"the table '{name}' spans {ref}; docgen reads tables of up to "
                   f"{limits.MAX_ROWS:,} rows and {limits.MAX_COLUMNS:,} columns", ws.title, where)
        return None
    if cells_read + rows * columns > limits.MAX_TABLE_CELLS:
        book.error(f"the table '{name}' ({ref}, {rows * columns:,} cells) would take the Excel "
                   f"Tables past {limits.MAX_TABLE_CELLS:,} cells in all, the most docgen reads; "
                   "make the tables smaller", ws.title, where)
        return None
    return rows * columns


def _read_source_table(book: Book, ws, name: str, table) -> SourceTable:
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    header_rows = table.headerRowCount if table.headerRowCount is not None else 1
    grid = [
        tuple(_source_cell(book, ws, row, col) for col in range(min_col, max_col + 1))
        for row in range(min_row, max_row + 1)
    ]
    style = table.tableStyleInfo
    return SourceTable(
        name=name,
        sheet=ws.title,
        header=grid[0] if header_rows else (),
        rows=tuple(grid[1:] if header_rows else grid),
        first_column_bold=bool(style and style.showFirstColumn),
    )


def _source_cell(book: Book, ws, row: int, col: int) -> SourceCell:
    cell = ws.cell(row=row, column=col)
    value = book.value(ws.title, cell.coordinate)
    if isinstance(value, str):
        value = book.text(ws, cell.coordinate)
    font = cell.font
    return SourceCell(
        coordinate=cell.coordinate,
        value=value,
        number_format=cell.number_format or "General",
        bold=bool(font and font.b),
        italic=bool(font and font.i),
    )


def build_table(book: Book, source: SourceTable, measures: dict[str, Measure]) -> Table:
    """The model of a free table: every cell as the spreadsheet shows it."""

    def cell(src: SourceCell) -> TableCell:
        if isinstance(src.value, str):
            text, problems = resolve_references(src.value, measures)
            for problem in problems:
                book.error(problem, source.sheet, src.coordinate)
            # Figures typed as text ("-14% (-6,032)") keep their signs with them too.
            return TableCell(bind_signs(text), bold=src.bold, italic=src.italic)
        numeric = isinstance(src.value, int | float) and not isinstance(src.value, bool)
        return TableCell(bind_signs(format_value(src.value, src.number_format)), src.bold,
                         src.italic, numeric=numeric)

    return Table(
        name=source.name,
        header=tuple(cell(c) for c in source.header),
        rows=tuple(tuple(cell(c) for c in row) for row in source.rows),
        first_column_bold=source.first_column_bold,
        sheet=source.sheet,
    )


def read_charts(book: Book, sources: dict[str, SourceTable]) -> dict[str, Chart]:
    """Every chart declared on the Charts sheet (optional), keyed by name in lower case."""
    ws = book.sheet(sheets.CHARTS)
    if ws is None:
        return {}
    book.check_visible(ws)
    charts: dict[str, Chart] = {}
    for row in read_rows(book, ws, sheets.CHART_COLUMNS):

        def text(column: str, row=row) -> str:
            cell = row.cell(column)
            return book.text(ws, cell) if cell else ""

        def fail(column: str, message: str, row=row) -> None:
            book.error(message, ws.title, row.cell(column) or "")

        name, kind, table_name = text("Chart"), text("Type").lower(), text("Table")
        series_in = text("Series in").lower() or "columns"
        if not name:
            fail("Chart", "enter a name for this chart")
            continue
        if name.lower() in charts:
            fail("Chart", f"the chart name '{name}' is used already")
        if kind not in sheets.CHART_TYPES:
            fail("Type", f'"{kind}" is not a chart type; choose one of: '
                         f'{", ".join(sheets.CHART_TYPES)}')
            continue
        if series_in not in sheets.SERIES_IN:
            fail("Series in", f'"{series_in}" is not allowed; choose rows or columns')
            continue
        source = sources.get(table_name.lower())
        if source is None:
            fail("Table", f"there is no table called '{table_name}' (Excel Tables: "
                          f"{', '.join(s.name for s in sources.values()) or 'none'})")
            continue
        leave_out = {part.strip().lower() for part in text("Leave out").split(",") if part.strip()}
        categories, series = _chart_data(book, source, series_in, leave_out)
        if not series:
            fail("Table", f"the table '{source.name}' gives this chart no series")
            continue
        chart = Chart(
            name=name,
            type=kind,  # type: ignore[arg-type]
            title=text("Title") or name,
            categories=categories,
            series=series,
            x_title=text("X axis title"),
            y_title=text("Y axis title"),
            alt_text=text("Alt text"),
            show_table=text("Show table").lower() in {"yes", "y", "true", "1"},
            table=source.name,
        )
        charts[name.lower()] = chart
        warning = too_many_series(chart)
        if warning:
            book.warning(warning, ws.title, row.cell("Chart") or "")
    return charts


def _chart_data(
    book: Book, source: SourceTable, series_in: str, leave_out: set[str]
) -> tuple[tuple[str, ...], tuple[Series, ...]]:
    """Categories and series from a table: the first column and the header row are labels."""
    grid = [source.header, *source.rows]
    if series_in == "columns":
        grid = [list(column) for column in zip(*grid, strict=False)]
    labels = [_label(c) for c in grid[0][1:]]
    keep = [i for i, label in enumerate(labels) if label.lower() not in leave_out]
    series = []
    for line in grid[1:]:
        name = _label(line[0])
        if not name or name.lower() in leave_out:
            continue
        values = tuple(_series_value(book, source, line[i + 1]) for i in keep)
        if all(v is None for v in values):
            book.error(f"the series '{name}' of table '{source.name}' has no numbers",
                       source.sheet, line[0].coordinate)
            continue
        series.append(Series(name, values, line[keep[0] + 1].number_format if keep else "General"))
    return tuple(labels[i] for i in keep), tuple(series)


def _label(cell: SourceCell) -> str:
    if cell.value is None:
        return ""
    if isinstance(cell.value, str):
        return cell.value
    return format_value(cell.value, cell.number_format)


def _series_value(book: Book, source: SourceTable, cell: SourceCell) -> float | None:
    if cell.value is None or cell.value == "":
        return None
    if isinstance(cell.value, bool) or not isinstance(cell.value, int | float):
        book.error(f'a chart series needs numbers, found "{cell.value}"', source.sheet,
                   cell.coordinate)
        return None
    return float(cell.value)
