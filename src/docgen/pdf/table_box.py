"""Laid-out tables: rows of cells that split between lines (the drawer draws them in three
phases: shading, contents, borders)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .lines import Line, Spacer
from .model import Border


@dataclass
class CellBox:
    """A laid-out cell: position in the table, content units and resolved edges."""

    x: float
    width: float
    units: list
    content: float
    margins: tuple[float, float, float, float]
    shading: str | None = None
    valign: str = "top"
    vmerge: str | None = None
    top: Border | None = None
    left: Border | None = None
    bottom: Border | None = None
    right: Border | None = None
    span_height: float | None = None


@dataclass
class RowBox:
    """A laid-out row: `height` is the content box (cell margins included), borders apart."""

    cells: list[CellBox]
    height: float = 0.0
    border_top: float = 0.0
    border_bottom: float = 0.0
    header: bool = False
    cant_split: bool = False
    keep_next: bool = False
    continued: bool = False

    def total(self, with_bottom: bool) -> float:
        """Height the row takes on the page."""
        return self.border_top + self.height + (self.border_bottom if with_bottom else 0.0)

    def split(self, avail: float) -> tuple[RowBox, RowBox] | None:
        """Split at a line boundary so the first part fits in `avail` (with bottom border)."""
        room = avail - self.border_top - self.border_bottom
        firsts, rests = [], []
        any_line = False
        for cell in self.cells:
            budget = room - cell.margins[0] - cell.margins[2]
            used = 0.0
            taken = 0
            for unit in cell.units:
                need = unit.single if isinstance(unit, Line) else unit.height
                if used + need > budget + 0.01:
                    break
                used += unit.height
                taken += 1
                any_line = any_line or isinstance(unit, Line)
            head, tail = cell.units[:taken], cell.units[taken:]
            while tail and isinstance(tail[0], Spacer):
                tail = tail[1:]
            firsts.append(replace(cell, units=head, content=sum(u.height for u in head),
                                  span_height=None))
            rests.append(replace(cell, units=tail, content=sum(u.height for u in tail),
                                 span_height=None, top=cell.top))
        if not any_line or all(not c.units for c in rests):
            return None
        first = replace(self, cells=firsts)
        first.height = max(c.margins[0] + c.content + c.margins[2] for c in firsts)
        rest = replace(self, cells=rests, continued=True)
        rest.height = max(c.margins[0] + c.content + c.margins[2] for c in rests)
        return first, rest


@dataclass
class TableBox:
    """A laid-out table: x offset from the column's left edge, rows, repeated header rows."""

    x: float
    rows: list[RowBox]
    header_rows: int = 0
    keep: list = field(default_factory=list)

    def start_height(self) -> float:
        """Height of the rows the table must start with on one page: its header rows, the
        first data row, and every row kept with a row before it."""
        return rows_height(self.rows, 0, kept_end(self.rows, 0, self.header_rows + 1))


def kept_end(rows: list[RowBox], first: int, at_least: int = 1) -> int:
    """The end (exclusive) of the rows that go on one page with row `first`: `at_least`
    rows, then each row after a row kept with its next (Word's keep-with-next in tables)."""
    end = min(first + at_least, len(rows))
    while end < len(rows) and rows[end - 1].keep_next:
        end += 1
    return end


def rows_height(rows: list[RowBox], first: int, end: int) -> float:
    """Height of rows `first` to `end` (exclusive) on a page, the last one's bottom border
    included."""
    if end <= first:
        return 0.0
    return sum(row.total(False) for row in rows[first:end]) + rows[end - 1].border_bottom


@dataclass
class RowUnit:
    """A row of a nested table used as one unsplittable unit inside a cell or header."""

    table: TableBox
    index: int
    page_break_after: bool = False

    @property
    def height(self) -> float:
        """The row's height, with the bottom border on the last row."""
        return self.row.total(self.last)

    @property
    def single(self) -> float:
        """Same as height: rows do not split inside a cell."""
        return self.height

    @property
    def row(self) -> RowBox:
        """The row itself."""
        return self.table.rows[self.index]

    @property
    def last(self) -> bool:
        """True for the table's last row, which draws its bottom border."""
        return self.index == len(self.table.rows) - 1
